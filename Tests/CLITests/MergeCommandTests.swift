import Foundation
import Testing

/// `run --save`, `run --shard k/n` and `merge`.
struct MergeCommandTests {
    /// A regime-switching Student-t scenario: 700 paths are blocks of 250, 250 and 200.
    static let scenario = "scenarios/us-factor-sleeves.yaml"
    static let size = ["--paths", "700", "--seed", "11"]

    func shards(_ count: Int, in dir: String) throws -> [String] {
        try (0..<count).map { k in
            let file = "\(dir)/shard\(k)of\(count).res"
            let r = try coresat(["run", Self.scenario, "--shard", "\(k)/\(count)", "--save", file, "--threads", "1"] + Self.size)
            #expect(r.status == 0, "\(r.stderr)")
            return file
        }
    }

    @Test(arguments: ["json", "csv", "table"])
    func shardsMergedPrintExactlyWhatTheSingleRunPrints(format: String) throws {
        let dir = try temporaryDirectory().path
        let single = try coresat(["run", Self.scenario, "--format", format] + Self.size)
        #expect(single.status == 0)
        let files = try shards(3, in: dir)
        let merged = try coresat(["merge", "--format", format] + files.reversed())
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == single.stdout)
        // Four shards of three blocks: the last one holds no paths and still merges.
        let four = try shards(4, in: dir)
        #expect(try coresat(["merge", "--format", format] + four).stdout == single.stdout)
    }

    @Test func aSavedWholeRunAndAMergedSaveReportTheSame() throws {
        let dir = try temporaryDirectory().path
        let single = try coresat(["run", Self.scenario, "--format", "json", "--save", "\(dir)/whole.res"] + Self.size)
        let files = try shards(2, in: dir)
        #expect(try coresat(["merge", "\(dir)/whole.res", "--format", "json"]).stdout == single.stdout)
        #expect(try coresat(["merge", "--save", "\(dir)/merged.res", "--format", "json"] + files).stdout == single.stdout)
        let whole = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/whole.res"))
        let merged = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/merged.res"))
        // The same header (a whole run of the same build) and the same columns, byte for byte.
        #expect(whole == merged)
    }

    @Test func theFileLayoutIsWhatTheDocsSay() throws {
        let dir = try temporaryDirectory().path
        let r = try coresat(["run", Self.scenario, "--paths", "300", "--save", "\(dir)/r.res", "--format", "json"])
        #expect(r.status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/r.res"))
        let lines = data.split(separator: 10, maxSplits: 2, omittingEmptySubsequences: false)
        #expect(String(decoding: lines[0], as: UTF8.self) == "coresat-results 1")
        let length = try #require(Int(String(decoding: lines[1], as: UTF8.self)))
        let headerEnd = lines[0].count + 1 + lines[1].count + 1 + length
        let meta = try #require(try JSONSerialization.jsonObject(with: data[(lines[0].count + lines[1].count + 2)..<headerEnd]) as? [String: Any])
        let columns = try #require(meta["columns"] as? [String])
        #expect(data.count == headerEnd + columns.count * 300 * 8)
        // Column "policy[0].cagr" read straight from the bytes matches the report's mean.
        func column(_ name: String) throws -> [Double] {
            let start = headerEnd + (try #require(columns.firstIndex(of: name))) * 300 * 8
            return (0..<300).map { i in
                data[(start + 8 * i)..<(start + 8 * i + 8)].withUnsafeBytes { Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
            }
        }
        let values = try column("policy[0].cagr")
        // The wealth grid ends at the last month, whose value is the terminal wealth.
        #expect(try column("policy[1].wealth_m0240") == column("policy[1].terminal_wealth"))
        #expect(try column("policy[1].wealth_m0004").allSatisfy { $0 > 0 })
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let policy = try #require((report["policies"] as? [[String: Any]])?.first)
        let mean = try #require(((policy["metrics"] as? [String: Any])?["cagr"] as? [String: Any])?["mean"] as? Double)
        #expect(abs(values.reduce(0, +) / 300 - mean) < 1e-15)
        #expect(meta["seed"] as? Int == 7 && meta["paths"] as? Int == 300)
        #expect((meta["scenario"] as? [String: Any])?["text"] as? String == (try String(contentsOfFile: packageRoot.path + "/" + Self.scenario, encoding: .utf8)))
        let grid = try #require(meta["wealth_grid_months"] as? [Int])
        #expect(grid.count == 60 && grid.last == 240)
    }

    @Test func mergeRefusesWhatIsNotOneWholeRun() throws {
        let dir = try temporaryDirectory().path
        let files = try shards(3, in: dir)
        func refused(_ arguments: [String], _ message: String) throws {
            let r = try coresat(["merge"] + arguments)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(arguments)")
            #expect(r.stderr.contains(message) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
        try refused([files[0], files[2]], "shard 1/3 is missing; a merge needs all 3 shards")
        let lone = "\(dir)/lone.res"
        _ = try coresat(["run", Self.scenario, "--shard", "0/1000", "--save", lone] + Self.size)
        try refused([lone], "999 shards are missing (1/1000, 2/1000, 3/1000, 4/1000, 5/1000, ...)")
        try refused([files[0], files[1], files[1], files[2]], "shard 1/3 is also in")
        let other = "\(dir)/other-seed.res"
        _ = try coresat(["run", Self.scenario, "--shard", "1/3", "--save", other, "--paths", "700", "--seed", "12"])
        try refused([files[0], other, files[2]], "seed is 12 here but 11 in")
        let otherScenario = "\(dir)/other-scenario.res"
        _ = try coresat(["run", "scenarios/a-share-core-satellite.yaml", "--shard", "1/3", "--save", otherScenario] + Self.size)
        try refused([files[0], otherScenario, files[2]], "scenario is 'A-share core-satellite'")
        let halves = "\(dir)/half.res"
        _ = try coresat(["run", Self.scenario, "--shard", "1/2", "--save", halves] + Self.size)
        try refused([files[0], halves], "shard.count is 2 here but 3 in")
        // Cut short, and padded.
        let data = try Data(contentsOf: URL(fileURLWithPath: files[1]))
        try data.dropLast(8).write(to: URL(fileURLWithPath: "\(dir)/cut.res"))
        try refused([files[0], "\(dir)/cut.res", files[2]], "cut short")
        try (data + Data([0])).write(to: URL(fileURLWithPath: "\(dir)/long.res"))
        try refused([files[0], "\(dir)/long.res", files[2]], "1 bytes after the data")
        try data.prefix(40).write(to: URL(fileURLWithPath: "\(dir)/header.res"))
        try refused(["\(dir)/header.res"], "cut short inside its header")
        try refused([packageRoot.path + "/" + Self.scenario], "not a coresat results file")
        try refused([dir], "is a directory")
        mkfifo("\(dir)/fifo", 0o600)
        try refused(["\(dir)/fifo"], "is not a regular file")
        // Edited headers (the length line kept right): every field is checked, nothing trusted.
        for (old, new, message) in [
            ("\"block_size\": 250", "\"block_size\": 0", "block_size: must be 1 to"),
            ("\"count\": 3", "\"count\": 2000000", "at most 1000000 shards"),
            ("\"months\": 240", "\"months\": -240", "months: expected a whole number"),
            ("\"seed\": 11", "\"seed\": \"eleven\"", "seed: expected a whole number"),
            ("\"paths_in_file\": 250", "\"paths_in_file\": 251", "paths_in_file: does not match shard 1/3"),
            ("\"name\": \"US factor sleeves\"", "\"name\": \"US factor sleeve\"", ""),
        ] {
            let edited = "\(dir)/edited.res"
            try editHeader(files[1], old, new, to: edited)
            if message.isEmpty {  // the name is not part of the digest: the merge still goes through
                #expect(try coresat("merge", files[0], edited, files[2]).status == 0)
            } else {
                try refused([files[0], edited, files[2]], message)
            }
        }
        try editHeader(files[1], "\"text\": \"", "\"text\": \"#", to: "\(dir)/text.res")
        try refused([files[0], "\(dir)/text.res", files[2]], "scenario.digest: does not match the scenario text")
        var huge = data
        huge.replaceSubrange(18..<(18 + data[18...].firstIndex(of: 10)! - 18), with: Data("99999999999".utf8))
        try huge.write(to: URL(fileURLWithPath: "\(dir)/huge.res"))
        try refused(["\(dir)/huge.res"], "cut short inside its header")
        try refused(["\(dir)/missing.res"], "cannot read the results file: No such file or directory")
    }

    @Test func perRegimeColumnsAreSavedAndAFileWithoutThemIsRefusedPlainly() throws {
        let dir = try temporaryDirectory().path
        let r = try coresat(["run", Self.scenario, "--paths", "300", "--save", "\(dir)/r.res", "--format", "json"])
        #expect(r.status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/r.res"))
        let lines = data.split(separator: 10, maxSplits: 2, omittingEmptySubsequences: false)
        let length = try #require(Int(String(decoding: lines[1], as: UTF8.self)))
        let start = lines[0].count + lines[1].count + 2
        let meta = try #require(try JSONSerialization.jsonObject(with: data[start..<(start + length)]) as? [String: Any])
        #expect(meta["regime_entry_months"] as? Int == 6)
        #expect(meta["satellite_assets"] as? [String] == ["cowz", "schd", "value", "qqq"])
        let columns = try #require(meta["columns"] as? [String])
        for name in ["regime[1].entry_share_of_months", "policy[1].regime[0].excess_return", "policy[2].entry[1].weight.qqq"] {
            #expect(columns.contains(name), "\(name)")
        }
        // A file written before per-regime figures were kept has neither the key nor the columns.
        try editHeader("\(dir)/r.res", "\"regime_entry_months\": 6,\n  ", "", to: "\(dir)/old.res")
        let old = try coresat("merge", "\(dir)/old.res")
        #expect(old.status == 2 && old.stderr.contains("regime_entry_months: missing: the file was written before per-regime figures were kept"))
    }

    @Test func absurdValuesInTheDataStillReport() throws {
        // Months to depletion far beyond any horizon (a damaged or edited file) must not crash the table.
        let dir = try temporaryDirectory().path
        let scenario = "\(dir)/d.yaml"
        try """
            name: drawdown
            paths: 300
            months: 24
            initial_wealth: 1000
            assets: [{id: eq, sleeve: core, kind: broad}]
            market: {model: normal, assets: {eq: {annual_return: 0.05, annual_volatility: 0.2}}, correlation: 1}
            cash_flow: {monthly_amount: -100}
            benchmark: hold
            policies: [{name: hold, weights: {eq: 1.0}, rebalance: never}]
            """.write(toFile: scenario, atomically: true, encoding: .utf8)
        #expect(try coresat("run", scenario, "--save", "\(dir)/d.res").status == 0)
        try setColumn("\(dir)/d.res", "policy[0].months_to_depletion", to: 1e300, output: "\(dir)/absurd.res")
        let r = try coresat("merge", "\(dir)/absurd.res")
        #expect(r.status == 0 && r.stdout.contains("100.0% (1"), "\(r.stderr)")
    }

    @Test func aShardNeedsSaveAndAValidIndex() throws {
        let r = try coresat("run", Self.scenario, "--shard", "1/3")
        #expect(r.status == 2 && r.stderr.contains("give --save FILE"))
        for shard in ["3/3", "-1/3", "1/0", "a/b", "1/3/4"] {
            let bad = try coresat("run", Self.scenario, "--shard", shard, "--save", "/tmp/never.res")
            #expect(bad.status == 2 && bad.stderr.contains("invalid for '--shard <k/n|auto>'"), "\(shard): \(bad.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.res"))
        let report = try coresat("run", Self.scenario, "--shard", "0/2", "--save", "/tmp/never.res", "--format", "json")
        #expect(report.status == 2 && report.stderr.contains("a shard prints no report"))
    }

    @Test func savedFilesNeverReplaceAnInputOrTheReport() throws {
        let dir = try temporaryDirectory().path
        let scenario = "\(dir)/s.yaml"
        try FileManager.default.copyItem(atPath: packageRoot.path + "/" + Self.scenario, toPath: scenario)
        let before = try String(contentsOfFile: scenario, encoding: .utf8)
        let onInput = try coresat(["run", scenario, "--save", scenario] + Self.size)
        #expect(onInput.status == 2 && onInput.stderr.contains("--save: is also an input of this command"))
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) == before)
        let same = try coresat(["run", scenario, "--save", "\(dir)/r.out", "--output", "\(dir)/./r.out"] + Self.size)
        #expect(same.status == 2 && same.stderr.contains("is also the --output file"))
        let saved = try coresat(["run", scenario, "--save", "\(dir)/r.res"] + Self.size)
        #expect(saved.status == 0)
        // The same file under another name: a symlink, a symlinked folder, a descriptor.
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/link.res", withDestinationPath: "\(dir)/r.res")
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/folder", withDestinationPath: dir)
        for (save, output) in [("\(dir)/r.res", "\(dir)/link.res"), ("\(dir)/new.res", "\(dir)/folder/new.res"), ("/dev/stdout", "/dev/fd/1")] {
            let both = try coresat(["run", scenario, "--save", save, "--output", output] + Self.size)
            #expect(both.status == 2 && both.stderr.contains("is also the --output file"), "\(save) \(output)")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/new.res"))
        // A report that cannot be written leaves no results file either.
        let full = try coresat(["run", scenario, "--save", "\(dir)/full.res", "--output", "/dev/full"] + Self.size)
        #expect(full.status == 2 && !FileManager.default.fileExists(atPath: "\(dir)/full.res"))
        let overResults = try coresat("merge", "\(dir)/r.res", "--output", "\(dir)/r.res")
        #expect(overResults.status == 2 && overResults.stderr.contains("is also an input"))
        #expect(try coresat("merge", "\(dir)/r.res").status == 0)
    }
}

/// Rewrites a results file with `old` replaced by `new` in its JSON header, and the length line to match.
func editHeader(_ path: String, _ old: String, _ new: String, to output: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let first = data.firstIndex(of: 10)!
    let second = data[(first + 1)...].firstIndex(of: 10)!
    let length = Int(String(decoding: data[(first + 1)..<second], as: UTF8.self))!
    let json = String(decoding: data[(second + 1)..<(second + 1 + length)], as: UTF8.self)
    #expect(json.contains(old), "header edit does not apply: \(old)")
    let edited = Data(json.replacingOccurrences(of: old, with: new).utf8)
    var out = Data(data[...first])
    out += Data("\(edited.count)\n".utf8) + edited + data[(second + 1 + length)...]
    try out.write(to: URL(fileURLWithPath: output))
}

/// Rewrites a results file with every value of one column set to `value`.
func setColumn(_ path: String, _ name: String, to value: Double, output: String) throws {
    var data = try Data(contentsOf: URL(fileURLWithPath: path))
    let first = data.firstIndex(of: 10)!
    let second = data[(first + 1)...].firstIndex(of: 10)!
    let length = Int(String(decoding: data[(first + 1)..<second], as: UTF8.self))!
    let meta = try #require(try JSONSerialization.jsonObject(with: data[(second + 1)..<(second + 1 + length)]) as? [String: Any])
    let columns = try #require(meta["columns"] as? [String])
    let paths = try #require(meta["paths_in_file"] as? Int)
    let start = second + 1 + length + (try #require(columns.firstIndex(of: name))) * paths * 8
    for i in 0..<paths {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { data.replaceSubrange((start + 8 * i)..<(start + 8 * i + 8), with: $0) }
    }
    try data.write(to: URL(fileURLWithPath: output))
}
