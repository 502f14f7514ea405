import Foundation

/// The processor features that decide which variants of `exp`, `log`, `pow` and the like the C
/// library runs (glibc picks FMA, FMA4 and AVX versions at load time): results are byte-identical only
/// where these match, so saved results record them and a merge warns when they differ.
public enum CPUFeatures {
    /// The features glibc's libm chooses its variants by (FMA with AVX2, FMA4, AVX), as the kernel
    /// names them in /proc/cpuinfo; others (SSE4, AVX-512) change no result, so they are left out.
    static let relevant = ["avx", "avx2", "fma", "fma4"]

    /// This machine's architecture and its relevant features, e.g. "x86_64 avx avx2 fma".
    public static let current: String = describe(cpuinfo: try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))

    /// The description from the text of /proc/cpuinfo (nil where there is none).
    static func describe(cpuinfo: String?) -> String {
        #if arch(x86_64)
        let architecture = "x86_64"
        #elseif arch(arm64)
        let architecture = "arm64"
        #else
        let architecture = "other"
        #endif
        guard let cpuinfo else { return architecture + " (features unknown)" }
        // x86 names them "flags", arm "Features"; the first processor speaks for all.
        let line = cpuinfo.split(separator: "\n").first {
            $0.hasPrefix("flags") || $0.hasPrefix("Features")
        }
        guard let line, let colon = line.firstIndex(of: ":") else { return architecture + " (features unknown)" }
        let present = Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        let kept = relevant.filter(present.contains)
        return ([architecture] + kept).joined(separator: " ")
    }
}
