import Foundation
import Testing

/// `run --shard auto` inside batch engines' tasks, the per-process path limit, and what `merge`
/// refuses or warns about when shards come from elsewhere.
struct ShardAutoCommandTests {
    static let scenario = MergeCommandTests.scenario
    static let size = MergeCommandTests.size

    /// Runs coresat with the batch variables given and this process's others without any of them.
    func task(_ arguments: [String], _ variables: [String: String]) throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") && $0.key != "JOB_COMPLETION_INDEX" }
        environment.merge(variables) { $1 }
        return try launch(executable, arguments, environment: environment)
    }

    @Test func slurmArrayTasksAndIndexedJobPodsSaveShardsThatMergeIntoTheSingleRun() throws {
        let dir = try temporaryDirectory().path
        let single = try coresat(["run", Self.scenario, "--format", "json"] + Self.size)
        // --array=1-3: task ids 1, 2, 3 are shards 0, 1, 2.
        let slurm = try (1...3).map { id in
            let file = "\(dir)/slurm-\(id).res"
            let r = try task(["run", Self.scenario, "--shard", "auto", "--save", file] + Self.size, [
                "SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1",
                "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_STEP": "1",
            ])
            #expect(r.status == 0 && r.stdout.contains("saved shard \(id - 1)/3"), "\(r.stderr)")
            return file
        }
        let indexed = try (0..<3).map { k in
            let file = "\(dir)/pod-\(k).res"
            let r = try task(["run", Self.scenario, "--shard", "auto", "--shard-count", "3", "--save", file] + Self.size, [
                "JOB_COMPLETION_INDEX": "\(k)"
            ])
            #expect(r.status == 0 && r.stdout.contains("saved shard \(k)/3"), "\(r.stderr)")
            return file
        }
        for files in [slurm, indexed] {
            let merged = try coresat(["merge", "--format", "json"] + files)
            #expect(merged.status == 0 && merged.stderr.isEmpty, "\(merged.stderr)")
            #expect(merged.stdout == single.stdout)
        }
        // The files are the same shards, byte for byte.
        for (a, b) in zip(slurm, indexed) {
            #expect(FileManager.default.contentsEqual(atPath: a, andPath: b))
        }
    }

    @Test func autoOutsideABatchTaskOrWithAStepIsRefusedAndWritesNothing() throws {
        let dir = try temporaryDirectory().path
        let file = "\(dir)/never.res"
        for (variables, extra, message) in [
            ([:], [], "--shard auto: no batch task found"),
            (["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0",
              "SLURM_ARRAY_TASK_MAX": "6", "SLURM_ARRAY_TASK_STEP": "2"], [], "a step of 2"),
            (["JOB_COMPLETION_INDEX": "1"], [], "pass the Job's completions as --shard-count N"),
            ([:], ["--shard-count", "3"], "no batch task found"),
        ] as [([String: String], [String], String)] {
            let r = try task(["run", Self.scenario, "--shard", "auto", "--save", file] + extra + Self.size, variables)
            #expect(r.status == 2 && r.stderr.contains(message), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
        let stray = try coresat(["run", Self.scenario, "--shard", "0/2", "--shard-count", "2", "--save", file] + Self.size)
        #expect(stray.status == 2 && stray.stderr.contains("--shard-count: applies only with --shard auto"))
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func thePathLimitIsPerProcessSoAShardedRunMayExceedIt() throws {
        let dir = try temporaryDirectory().path
        let whole = try coresat("run", Self.scenario, "--paths", "20000001")
        #expect(whole.status == 2 && whole.stderr.contains("--paths: 20000001 paths are more than one process computes (10000000): "
            + "run it as 3 or more shards"), "\(whole.stderr)")
        // Shard 0 of 2 holds 40,000 full blocks and the last block's one path.
        let big = try coresat("run", Self.scenario, "--paths", "20000001", "--shard", "0/2", "--save", "\(dir)/big.res")
        #expect(big.status == 2 && big.stderr.contains("shard 0/2 holds 10000001 paths, more than one process computes (10000000): run it as 3 or more"), "\(big.stderr)")
        // A hundred million paths in 400,000 shards: shard 0 is one block of 250.
        let file = "\(dir)/first-block.res"
        let small = try coresat("run", Self.scenario, "--paths", "100000000", "--shard", "0/400000", "--save", file, "--seed", "11")
        #expect(small.status == 0 && small.stdout.contains("saved shard 0/400000: 250 of 100000000 paths"), "\(small.stderr)")
        let saved = try SavedResults(file)
        #expect(saved.header["paths"] as? Int == 100_000_000)
        // Its one block is the first block of any run of this seed.
        let reference = "\(dir)/reference.res"
        _ = try coresat("run", Self.scenario, "--paths", "500", "--shard", "0/2", "--save", reference, "--seed", "11")
        #expect(try saved.column("policy[1].cagr") == (try SavedResults(reference).column("policy[1].cagr")))
        // validate checks such a scenario as its biggest shard, and says how to run it.
        let fixture = try String(contentsOf: packageRoot.appendingPathComponent("Tests/CoreSatTests/Fixtures/small-scenario.yaml"), encoding: .utf8)
        let scenario = try temporaryFile("big.yaml", fixture.replacingOccurrences(of: "paths: 100\n", with: "paths: 10000250\n"))
        let validated = try coresat("validate", scenario)
        // At least the two the process limit asks for; more where this machine's memory holds less.
        let advice = try #require(validated.stdout.split(separator: "\n").first { $0.hasPrefix("10000250 paths are more than one process computes (10000000): run them as ") })
        let shards = Int(advice.dropFirst("10000250 paths are more than one process computes (10000000): run them as ".count).prefix { $0.isNumber })
        #expect(validated.status == 0 && (shards ?? 0) >= 2 && advice.contains(" or more shards on a machine like this one"), "\(advice)")
        let refused = try coresat("run", scenario)
        #expect(refused.status == 2 && refused.stderr.contains("big.yaml:3:8: paths: 10000250 paths are more than one process computes"),
            "\(refused.stderr)")
        let beyond = try coresat("run", Self.scenario, "--paths", "1000000001", "--shard", "0/1000000", "--save", file)
        #expect(beyond.status == 2 && beyond.stderr.contains("out of range 1...1000000000"), "\(beyond.stderr)")
    }

    @Test func mergeRefusesShardsOfAnotherRunAndWritesNothing() throws {
        let dir = try temporaryDirectory().path
        let files = try MergeCommandTests().shards(3, in: dir)
        let outputs = ["--output", "\(dir)/out.json", "--save", "\(dir)/merged.res", "--report", "\(dir)/page.html"]
        func refused(_ middle: String, _ message: String) throws {
            let r = try coresat(["merge", files[0], middle, files[2], "--format", "json"] + outputs)
            #expect(r.status == 2 && r.stderr.contains(message) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stdout.isEmpty)
            for file in ["out.json", "merged.res", "page.html"] { #expect(!FileManager.default.fileExists(atPath: "\(dir)/\(file)")) }
        }
        for (old, new, message) in [
            ("\"tool_version\": \"", "\"tool_version\": \"9", "tool_version is 9"),
            ("\"generator\": \"taus2\"", "\"generator\": \"mt19937\"", "generator is mt19937 here but taus2 in"),
        ] {
            try editHeader(files[1], old, new, to: "\(dir)/edited.res")
            try refused("\(dir)/edited.res", message)
        }
        let longer = "\(dir)/longer.res"
        _ = try coresat(["run", Self.scenario, "--shard", "1/3", "--save", longer, "--paths", "800", "--seed", "11"])
        try refused(longer, "paths is 800 here but 700 in")
        try refused(files[0], "shard 0/3 is also in")
        let data = try Data(contentsOf: URL(fileURLWithPath: files[1]))
        try data.dropLast(1).write(to: URL(fileURLWithPath: "\(dir)/cut.res"))
        try refused("\(dir)/cut.res", "cut.res: the file is cut short")
    }

    @Test func mergeWarnsWhenShardsComeFromAnotherBuildOrProcessor() throws {
        let dir = try temporaryDirectory().path
        let files = try MergeCommandTests().shards(3, in: dir)
        let plain = try coresat(["merge", "--format", "csv"] + files)
        #expect(plain.status == 0 && plain.stderr.isEmpty, "\(plain.stderr)")
        let header = try SavedResults(files[0])
        #expect(try header.string("cpu_features").hasPrefix("x86_64") || (try header.string("cpu_features")).hasPrefix("arm64"))
        try editHeader(files[1], "\"build\": \"", "\"build\": \"elsewhere ", to: "\(dir)/build.res")
        try editHeader(files[2], "\"cpu_features\": \"", "\"cpu_features\": \"older ", to: "\(dir)/cpu.res")
        let warned = try coresat(["merge", "--format", "csv", files[0], "\(dir)/build.res", "\(dir)/cpu.res"])
        #expect(warned.status == 0 && warned.stdout == plain.stdout)
        let lines = warned.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(warned.stderr)")
        #expect(lines.first?.contains("build.res was written by another build (elsewhere ") == true)
        #expect(lines.last?.contains("cpu.res was written on a processor with other features (older ") == true)
        #expect(lines.allSatisfy { $0.hasPrefix("warning: ") && $0.hasSuffix("may differ from a single run in the last digits") })
    }

    @Test func aMergeOfManyShardsIsNotStoppedByTheOpenFileLimit() throws {
        let dir = try temporaryDirectory().path
        let scenario = "Tests/CoreSatTests/Fixtures/small-scenario.yaml"
        let files = try (0..<40).map { k in
            let file = "\(dir)/s\(k).res"
            let r = try coresat("run", scenario, "--paths", "500", "--shard", "\(k)/40", "--save", file, "--threads", "1")
            #expect(r.status == 0, "\(r.stderr)")
            return file
        }
        let single = try coresat("run", scenario, "--paths", "500", "--format", "csv")
        // A soft limit of 30 open files, below the 40 shards: merge raises it toward the hard limit.
        let script = "ulimit -Sn 30 && exec \"$0\" merge --format csv \"$@\""
        let merged = try launch(URL(fileURLWithPath: "/bin/sh"), ["-c", script, executable.path] + files)
        #expect(merged.status == 0 && merged.stdout == single.stdout, "\(merged.stderr)")
    }

    @Test func aDryRunChecksEverythingAndWritesNothing() throws {
        let dir = try temporaryDirectory().path
        let file = "\(dir)/shard.res"
        let ok = try coresat(["run", Self.scenario, "--shard", "2/3", "--save", file, "--dry-run"] + Self.size)
        #expect(ok.status == 0 && ok.stdout == "dry run: US factor sleeves: shard 2/3, 200 of 700 paths x 240 months; the scenario, "
            + "flags, outputs and memory check out, and nothing was written\n", "\(ok.stdout)\(ok.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        let big = try coresat(["run", Self.scenario, "--paths", "1000000000", "--shard", "0/200", "--save", file, "--dry-run"])
        #expect(big.status == 2 && big.stderr.contains("shard 0/200 (5000000 of 1000000000 paths) needs about"), "\(big.stderr)")
        let bad = try coresat(["run", Self.scenario, "--shard", "0/3", "--save", "\(dir)/no/such/folder/x.res", "--dry-run"])
        #expect(bad.status == 2 && bad.stderr.contains("no/such/folder"), "\(bad.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
