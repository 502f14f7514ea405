import Foundation

/// The most memory this process can count on: the smallest of physical memory, the address-space
/// limit (`ulimit -v`) and its cgroup's limit (a container's), and which of them it is.
public struct MemoryLimit: Sendable, Equatable {
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case physicalMemory, addressSpace, cgroup

        public var description: String {
            switch self {
            case .physicalMemory: "physical memory"
            case .addressSpace: "the address-space limit"
            case .cgroup: "the cgroup memory limit"
            }
        }
    }

    public var bytes: UInt64
    public var source: Source

    public init(bytes: UInt64, source: Source) {
        self.bytes = bytes
        self.source = source
    }

    /// The limit in force for this process now.
    public static func current() -> MemoryLimit {
        var limit = MemoryLimit(bytes: ProcessInfo.processInfo.physicalMemory, source: .physicalMemory)
        var space = rlimit()
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
        #else
        let resource = RLIMIT_AS
        #endif
        // No limit reads as a huge number, which is never the smallest.
        if getrlimit(resource, &space) == 0, UInt64(space.rlim_cur) < limit.bytes {
            limit = MemoryLimit(bytes: UInt64(space.rlim_cur), source: .addressSpace)
        }
        for file in cgroupFiles() {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8), let bytes = cgroupBytes(text) else { continue }
            if bytes < limit.bytes { limit = MemoryLimit(bytes: bytes, source: .cgroup) }
        }
        return limit
    }

    /// A cgroup limit file's value; nil for "max" (v2's no limit) or anything unreadable. v1 says
    /// "no limit" with a huge number, which never is the smallest.
    static func cgroupBytes(_ text: String) -> UInt64? {
        UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Where the limit can be: the cgroup root as mounted (a container's own cgroup) and this
    /// process's cgroup below it, for cgroup v2 (`memory.max`) and v1 (`memory.limit_in_bytes`).
    static func cgroupFiles() -> [String] {
        var files = ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"]
        let membership = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, fields[2] != "/" else { continue }
            if fields[1].isEmpty { files.append("/sys/fs/cgroup\(fields[2])/memory.max") }
            if fields[1].split(separator: ",").contains("memory") {
                files.append("/sys/fs/cgroup/memory\(fields[2])/memory.limit_in_bytes")
            }
        }
        return files
    }

    /// Virtual memory the program takes before any simulation: mapped code and libraries, the
    /// allocator's arenas and one stack per worker thread (8 MB, the usual RLIMIT_STACK). A run of
    /// 100 paths peaked at 87 MB (VmSize, debug build, 2 workers); 128 MB leaves room for more.
    /// Only an address-space limit counts all of it, but a smaller limit of another kind is then
    /// smaller still, so adding it always keeps every limit honest.
    public static func programOverhead(workers: Int) -> UInt64 {
        128_000_000 + 8_388_608 * UInt64(max(workers, 1))
    }
}
