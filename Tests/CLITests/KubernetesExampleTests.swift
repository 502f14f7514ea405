import Foundation
import Testing
import Yams

/// examples/kubernetes: what can be checked without a cluster. The manifests parse, name the right
/// commands and volume, and those commands, run here once per completion index, merge into the
/// single run's output.
struct KubernetesExampleTests {
    static let folder = packageRoot.appendingPathComponent("examples/kubernetes")

    func documents(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        return try Array(Yams.load_all(yaml: text)).compactMap { $0 as? [String: Any] }
    }

    /// The Job's spec, its one container, and that container's shell command (`sh -c` plus one line).
    func job(_ documents: [[String: Any]]) throws -> (spec: [String: Any], container: [String: Any], script: String) {
        let job = try #require(documents.first { $0["kind"] as? String == "Job" })
        #expect(job["apiVersion"] as? String == "batch/v1")
        let spec = try #require(job["spec"] as? [String: Any])
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let containers = try #require(pod["containers"] as? [[String: Any]])
        try #require(containers.count == 1)
        #expect(containers[0]["command"] as? [String] == ["/bin/sh", "-c"])
        let args = try #require(containers[0]["args"] as? [String])
        try #require(args.count == 1)
        let claims = try #require(pod["volumes"] as? [[String: Any]]).compactMap {
            ($0["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String
        }
        #expect(claims == ["coresat-results"])
        let mounts = try #require(containers[0]["volumeMounts"] as? [[String: Any]])
        #expect(mounts.compactMap { $0["mountPath"] as? String } == ["/results"])
        return (spec, containers[0], args[0])
    }

    /// A command line's words, double quotes removed (the scripts use no other quoting).
    func words(_ command: String) -> [String] {
        command.split(whereSeparator: \.isWhitespace).map { $0.replacingOccurrences(of: "\"", with: "") }
    }

    /// The command's coresat arguments with the image's folders mapped to `dir` and the package.
    func local(_ words: [String], dir: String, index: Int? = nil) throws -> [String] {
        let start = try #require(words.firstIndex(of: "coresat"))
        var arguments = Array(words[(start + 1)...])
        for i in arguments.indices {
            arguments[i] = arguments[i]
                .replacingOccurrences(of: "/opt/coresat/scenarios/", with: packageRoot.path + "/scenarios/")
                .replacingOccurrences(of: "/results/", with: dir + "/")
                .replacingOccurrences(of: "$JOB_COMPLETION_INDEX", with: index.map(String.init) ?? "")
            if i > 0, arguments[i - 1] == "--paths" { arguments[i] = "700" }
            if i > 0, arguments[i - 1] == "--threads" { arguments[i] = "1" }
        }
        // The shell's glob, in name order as sh expands it.
        if let glob = arguments.firstIndex(of: dir + "/shard-*.results") {
            let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("shard-") && $0.hasSuffix(".results") }
            arguments.replaceSubrange(glob...glob, with: names.sorted().map { dir + "/" + $0 })
        }
        return arguments
    }

    @Test func theIndexedJobsPodsRunTheShardsAndTheMergeJobMergesThemIntoTheSingleRun() throws {
        let shards = try documents("shards-job.yaml")
        let claim = try #require(shards.first { $0["kind"] as? String == "PersistentVolumeClaim" })
        #expect((claim["metadata"] as? [String: Any])?["name"] as? String == "coresat-results")
        let (spec, _, script) = try job(shards)
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect((spec["parallelism"] as? Int).map { $0 <= completions } == true)
        let command = words(script)
        #expect(command.starts(with: ["exec", "coresat", "run"]))
        let scenario = try #require(command.first { $0.hasPrefix("/opt/coresat/scenarios/") })
        #expect(FileManager.default.fileExists(atPath: packageRoot.path + "/scenarios/" + scenario.dropFirst("/opt/coresat/scenarios/".count)))
        let containerfile = try String(contentsOf: Self.folder.appendingPathComponent("Containerfile"), encoding: .utf8)
        #expect(containerfile.contains("COPY scenarios /opt/coresat/scenarios"))
        let after = { (flag: String) in command.firstIndex(of: flag).map { command[$0 + 1] } }
        #expect(after("--shard") == "auto")
        #expect(after("--shard-count") == "\(completions)")
        #expect(after("--save") == "/results/shard-$JOB_COMPLETION_INDEX.results")

        let dir = try temporaryDirectory().path
        for k in 0..<completions {
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }
            environment["JOB_COMPLETION_INDEX"] = "\(k)"
            let r = try launch(executable, try local(command, dir: dir, index: k), environment: environment)
            #expect(r.status == 0 && r.stdout.contains("saved shard \(k)/\(completions)"), "\(r.stderr)")
        }
        let (_, _, mergeScript) = try job(try documents("merge-job.yaml"))
        let steps = mergeScript.split(separator: ";").map { words(String($0)) }.filter { $0.first == "coresat" }
        #expect(steps.count == 3 && steps.allSatisfy { $0.dropFirst().first == "merge" })
        for step in steps {
            let r = try coresat(try local(step, dir: dir))
            #expect(r.status == 0 && r.stderr.isEmpty, "\(step): \(r.stderr)")
        }
        let single = try local(command, dir: dir).prefix { $0 != "--shard" }.dropFirst()
        for (format, file) in [("json", "merged.json"), ("csv", "merged.csv"), ("table", "merged.txt")] {
            let expected = try coresat(["run"] + single + ["--format", format, "--quiet"])
            #expect(try String(contentsOfFile: "\(dir)/\(file)", encoding: .utf8) == expected.stdout, "\(file)")
        }
        #expect(FileManager.default.fileExists(atPath: "\(dir)/report.html"))
    }
}
