import Foundation

/// Which build of the executable is running: results are byte-identical only from the same build
/// (the C library picks variants of exp and log per CPU), so saved results record it.
enum BuildInfo {
    static var current: String {
        #if DEBUG
        let mode = "debug"
        #else
        let mode = "release"
        #endif
        var text = mode
        #if arch(x86_64)
        text += " x86_64"
        #elseif arch(arm64)
        text += " arm64"
        #endif
        if let path = Bundle.main.executablePath, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber, let date = attributes[.modificationDate] as? Date
        {
            text += ", \(size) bytes, built \(ISO8601DateFormatter().string(from: date))"
        }
        return text
    }
}
