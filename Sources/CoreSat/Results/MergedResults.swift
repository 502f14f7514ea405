import CoreSatEngine
import Foundation

/// One or more saved files of the same run (a whole run, or all n shards of one) read as the whole
/// run's columns. Each column is assembled from the files when asked for, so memory holds one
/// column of all paths at a time, not every figure.
public final class MergedResults: PathColumns {
    public let files: [SavedResultsFile]
    public let meta: SavedRun
    /// How files differ from the first file given in build or processor features ("by another
    /// build (…) than a.res"): shards from them may differ from a single run in the last digits.
    public let otherMachines: [(file: String, difference: String)]

    public var run: RunDescription { meta.run }
    /// As many as memory allows, up to the number of cores (see `readers`).
    public let concurrentColumns: Int

    /// What summarizing one column of all paths holds at its peak: the column, the part read from a
    /// file, and the copies a distribution sorts (measured: about 3.2 copies per column summarized).
    static func bytesPerColumnRead(paths: Int) -> Double { Double(paths) * 8 * 4 }

    /// Opens and checks every file: the same scenario, seed, generator, version and shard count;
    /// every shard exactly once. Refuses a merge too big for `limit`.
    public init(paths: [String], limit: MemoryLimit = .current()) throws(InputError) {
        guard !paths.isEmpty else { throw InputError(file: "merge", reason: "no results files given") }
        Self.allowOpenFiles(paths.count)
        var files: [SavedResultsFile] = []
        for path in paths { files.append(try SavedResultsFile(path: path)) }
        let first = files[0]
        var seen: [Int: String] = [:]
        var machines: [(String, String)] = []
        for file in files {
            try Self.checkSameRun(file, as: first)
            if let other = seen[file.meta.shard.index] {
                throw InputError(file: file.path, keyPath: "shard", reason: "shard \(file.meta.shard) is also in \(other)")
            }
            seen[file.meta.shard.index] = file.path
            machines += Self.machineDifferences(file.meta, from: first).map { (file.path, $0) }
        }
        let count = first.meta.shard.count
        let absent = (0..<count).lazy.filter { seen[$0] == nil }
        if let first = absent.first {
            let listed = absent.prefix(5).map { "\($0)/\(count)" }.joined(separator: ", ")
            let total = count - seen.count
            throw InputError(file: files.map(\.path).joined(separator: ", "), keyPath: "shard",
                reason: "\(total == 1 ? "shard \(first)/\(count) is" : "\(total) shards are") missing"
                    + (total > 1 ? " (\(listed)\(total > 5 ? ", ..." : ""))" : "") + "; a merge needs all \(count) shards")
        }
        self.files = files.sorted { $0.meta.shard.index < $1.meta.shard.index }
        var whole = first.meta
        whole.shard = .whole
        meta = whole
        otherMachines = machines
        concurrentColumns = try Self.readers(paths: whole.run.paths, limit: limit, files: self.files.map(\.path))
    }

    /// How many columns may be summarized at once within half of `limit` (the rest is the
    /// allocator's and the program's): at most one per core, and room for two is the least a merge
    /// needs (a report's chart of wealth against the benchmark reads two columns together).
    static func readers(paths: Int, limit: MemoryLimit, files: [String]) throws(InputError) -> Int {
        min(ProcessInfo.processInfo.activeProcessorCount, try room(paths: paths, limit: limit, files: files, least: 2, doing: "merging"))
    }

    /// Refuses an export (`--export-paths`) that holds more columns of all paths at once than
    /// half of `limit` holds: it writes a row per path, so it holds every column of a file at once.
    public func checkExport(columns: Int, limit: MemoryLimit = .current()) throws(InputError) {
        // A column read costs four copies' room; the export keeps one copy of each.
        _ = try Self.room(paths: run.paths, limit: limit, files: files.map(\.path), least: (columns + 3) / 4 + 1, doing: "exporting")
    }

    /// How many column reads (`bytesPerColumnRead`) fit in half of `limit`; fewer than `least` is refused.
    static func room(paths: Int, limit: MemoryLimit, files: [String], least: Int, doing: String) throws(InputError) -> Int {
        let overhead = Double(MemoryLimit.programOverhead(workers: ProcessInfo.processInfo.activeProcessorCount))
        let room = Int(max(Double(limit.bytes) / 2 - overhead, 0) / bytesPerColumnRead(paths: paths))
        guard room >= least else {
            let needed = Double(least) * bytesPerColumnRead(paths: paths) + overhead
            let named = files.count > 1 ? "\(files[0]) and \(files.count - 1) more" : files.first ?? "merge"
            throw InputError(file: named, reason: "\(doing) \(paths) paths needs about \(Scenario.size(needed)) of memory, "
                + "and the limit is half of \(Scenario.size(Double(limit.bytes))) (\(limit.source)); use a machine with more memory")
        }
        return room
    }

    /// A merge keeps every file open: raises this process's soft limit on open files (often 1,024)
    /// toward its hard limit when the files need more.
    static func allowOpenFiles(_ count: Int) {
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return }
        let wanted = rlim_t(count + 64)
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = min(wanted, limit.rlim_max)
        _ = setrlimit(resource, &limit)
    }

    /// How the build and processor behind `meta` differ from those behind `reference`'s.
    static func machineDifferences(_ meta: SavedRun, from reference: SavedResultsFile) -> [String] {
        var parts: [String] = []
        if meta.build != reference.meta.build { parts.append("by another build (\(meta.build)) than \(reference.path)") }
        if meta.cpuFeatures != reference.meta.cpuFeatures {
            let unknown = SavedRun.cpuFeaturesNotRecorded
            if meta.cpuFeatures == unknown || reference.meta.cpuFeatures == unknown {
                parts.append("on a processor that cannot be compared with \(reference.path)'s: features \(meta.cpuFeatures) against "
                    + reference.meta.cpuFeatures)
            } else {
                parts.append("on a processor with other features (\(meta.cpuFeatures)) than \(reference.path) (\(reference.meta.cpuFeatures))")
            }
        }
        return parts
    }

    /// Refuses a file that is not part of the same run as `reference`.
    static func checkSameRun(_ file: SavedResultsFile, as reference: SavedResultsFile) throws(InputError) {
        let a = file.meta, b = reference.meta
        func differ(_ what: String, _ mine: String, _ theirs: String) -> InputError {
            InputError(file: file.path, keyPath: what, reason: "\(what) is \(mine) here but \(theirs) in \(reference.path); these are not shards of one run")
        }
        if a.toolVersion != b.toolVersion { throw differ("tool_version", a.toolVersion, b.toolVersion) }
        if a.scenarioDigest != b.scenarioDigest {
            throw differ("scenario", "'\(a.scenarioName)' (digest \(a.scenarioDigest))", "'\(b.scenarioName)' (digest \(b.scenarioDigest))")
        }
        let x = a.run, y = b.run
        if x.seed != y.seed { throw differ("seed", "\(x.seed)", "\(y.seed)") }
        if x.generator != y.generator { throw differ("generator", x.generator.rawValue, y.generator.rawValue) }
        if a.shard.count != b.shard.count { throw differ("shard.count", "\(a.shard.count)", "\(b.shard.count)") }
        if x.paths != y.paths { throw differ("paths", "\(x.paths)", "\(y.paths)") }
        if x.blockSize != y.blockSize { throw differ("block_size", "\(x.blockSize)", "\(y.blockSize)") }
        if x.warmUpMonths != y.warmUpMonths { throw differ("warm_up_months", "\(x.warmUpMonths)", "\(y.warmUpMonths)") }
        if x != y { throw differ("columns", "one layout", "another (months, policies, regimes or wealth grid)") }
    }

    public func column(_ key: ColumnKey) throws -> [Double] {
        guard let c = run.layout.offset(key) else { throw MissingColumn(key: key) }
        return try column(index: c)
    }

    /// The c-th column for all paths, each file's values put back at their paths.
    public func column(index c: Int) throws(InputError) -> [Double] {
        let size = run.blockSize
        var values = [Double](repeating: .nan, count: run.paths)
        for file in files {
            let part = try file.column(c)
            var next = 0
            for block in file.meta.shard.blocks(paths: run.paths, blockSize: size) {
                let start = block * size
                let count = min(start + size, run.paths) - start
                values.replaceSubrange(start..<(start + count), with: part[next..<(next + count)])
                next += count
            }
        }
        return values
    }
}
