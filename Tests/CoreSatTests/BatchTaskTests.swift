import Foundation
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// `--shard auto`: the shard read from a Slurm array task's or a Kubernetes Indexed Job's environment.
struct BatchTaskTests {
    func slurm(id: Int, count: Int, min: Int = 0, max: Int? = nil, step: Int? = 1) -> [String: String] {
        var environment = [
            "SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_COUNT": "\(count)",
            "SLURM_ARRAY_TASK_MIN": "\(min)", "SLURM_ARRAY_TASK_MAX": "\(max ?? (min + count - 1))",
            "SLURM_ARRAY_JOB_ID": "41", "SLURM_JOB_ID": "\(42 + id)",
        ]
        if let step { environment["SLURM_ARRAY_TASK_STEP"] = "\(step)" }
        return environment
    }

    func reason(_ environment: [String: String], count: Int? = nil) -> String {
        inputError { () throws(InputError) in _ = try BatchTask.shard(environment: environment, count: count) }?.description ?? "accepted"
    }

    @Test func aSlurmTaskRunsItsIdLessTheArraysFirstIdOfItsCount() throws {
        #expect(try BatchTask.shard(environment: slurm(id: 0, count: 4), count: nil) == Shard(index: 0, count: 4))
        #expect(try BatchTask.shard(environment: slurm(id: 3, count: 4), count: nil) == Shard(index: 3, count: 4))
        // --array=1-8: ids start at 1, shards at 0.
        #expect(try BatchTask.shard(environment: slurm(id: 1, count: 8, min: 1), count: nil) == Shard(index: 0, count: 8))
        #expect(try BatchTask.shard(environment: slurm(id: 8, count: 8, min: 1), count: nil) == Shard(index: 7, count: 8))
        // Slurm versions that do not set the step (one-element arrays) still qualify, and so does
        // a --shard-count that agrees.
        #expect(try BatchTask.shard(environment: slurm(id: 0, count: 1, step: nil), count: 1) == .whole)
    }

    @Test func anIndexedJobRunsItsCompletionIndexOfTheGivenCount() throws {
        for k in 0..<5 {
            let shard = try BatchTask.shard(environment: ["JOB_COMPLETION_INDEX": "\(k)"], count: 5)
            #expect(shard == Shard(index: k, count: 5))
            // The same arithmetic as the Slurm task with the same index in --array=0-4.
            #expect(shard == (try BatchTask.shard(environment: slurm(id: k, count: 5), count: nil)))
        }
    }

    @Test func whatCannotNameOneShardIsRefusedWithTheReason() throws {
        #expect(reason([:]).contains("neither SLURM_ARRAY_TASK_ID (a Slurm array job) nor JOB_COMPLETION_INDEX"))
        #expect(reason(slurm(id: 4, count: 4, max: 6, step: 2)).contains("a step of 2 (ids 0-6:2)"))
        #expect(reason(slurm(id: 5, count: 3, max: 5, step: nil)).contains("ids are a list (3 tasks with ids from 0 to 5)"))
        #expect(reason(slurm(id: 9, count: 4)).contains("SLURM_ARRAY_TASK_ID is 9, outside the array's ids 0-3"))
        #expect(reason(slurm(id: 1, count: 4), count: 5).contains("--shard-count is 5 but the Slurm array has 4 tasks"))
        var noCount = slurm(id: 1, count: 4)
        noCount["SLURM_ARRAY_TASK_COUNT"] = nil
        #expect(reason(noCount).contains("SLURM_ARRAY_TASK_COUNT is not set"))
        var text = slurm(id: 1, count: 4)
        text["SLURM_ARRAY_TASK_ID"] = "one"
        #expect(reason(text).contains("SLURM_ARRAY_TASK_ID is \"one\", not a whole number"))
        // Whatever the environment holds: no overflow, one line, the reason.
        #expect(reason(slurm(id: 0, count: 1, max: Int.max)).contains("ids are a list (1 tasks with ids from 0 to 9223372036854775807)"))
        #expect(reason(slurm(id: 0, count: 0, max: 0)).contains("SLURM_ARRAY_TASK_COUNT is 0"))
        #expect(reason(slurm(id: 5, count: 1, min: 5, max: 2)).contains("SLURM_ARRAY_TASK_MIN (5) is above SLURM_ARRAY_TASK_MAX (2)"))
        var badStep = slurm(id: 1, count: 4)
        badStep["SLURM_ARRAY_TASK_STEP"] = "abc"
        #expect(reason(badStep).contains("SLURM_ARRAY_TASK_STEP is \"abc\", not a whole number"))
        #expect(!reason(["JOB_COMPLETION_INDEX": "x\ny"], count: 2).contains("\n"))
        #expect(try BatchTask.shard(environment: ["JOB_COMPLETION_INDEX": "1\n"], count: 2) == Shard(index: 1, count: 2))
        #expect(reason(["JOB_COMPLETION_INDEX": "2"]).contains("pass the Job's completions as --shard-count N"))
        #expect(reason(["JOB_COMPLETION_INDEX": "5"], count: 5).contains("allows indices 0 to 4"))
        #expect(reason(["JOB_COMPLETION_INDEX": "-1"], count: 5).contains("is \"-1\", not a whole number"))
        #expect(reason(["JOB_COMPLETION_INDEX": "0"], count: 0).contains("--shard-count 0 is out of range 1...1000000"))
        #expect(reason(["JOB_COMPLETION_INDEX": "0"], count: 2_000_000).contains("--shard-count 2000000 is out of range"))
        #expect(reason(slurm(id: 0, count: 2).merging(["JOB_COMPLETION_INDEX": "0"]) { $1 }, count: 2).contains("both"))
        #expect(reason([:]).hasPrefix("--shard auto: "))
    }

    @Test func cpuFeaturesKeepWhatPicksTheMathLibrarysVariants() {
        let intel = "processor\t: 0\nflags\t\t: fpu sse2 ssse3 fma sse4_1 sse4_2 avx avx2 bmi2\nprocessor\t: 1\n"
        let described = CPUFeatures.describe(cpuinfo: intel)
        #expect(described.hasSuffix(" avx avx2 fma"), "\(described)")
        #expect(CPUFeatures.describe(cpuinfo: "flags\t: fpu sse2\n").split(separator: " ").count == 1)
        #expect(CPUFeatures.describe(cpuinfo: nil).hasSuffix("(features unknown)"))
        #expect(CPUFeatures.describe(cpuinfo: "model name: x\n").hasSuffix("(features unknown)"))
    }
}

/// How many columns a merge summarizes at once: as many as half the memory holds, up to the cores.
struct MergeMemoryTests {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    var overhead: Double { Double(MemoryLimit.programOverhead(workers: cores)) }

    func limit(columns: Double, paths: Int) -> MemoryLimit {
        MemoryLimit(bytes: UInt64(2 * (overhead + columns * MergedResults.bytesPerColumnRead(paths: paths))), source: .cgroup)
    }

    @Test func aMergeReadsAsManyColumnsAtOnceAsMemoryHolds() throws {
        let paths = 10_000_000
        #expect(try MergedResults.readers(paths: paths, limit: limit(columns: 1000, paths: paths), files: ["a"]) == cores)
        #expect(try MergedResults.readers(paths: paths, limit: limit(columns: 2.5, paths: paths), files: ["a"]) == min(cores, 2))
        let refused = inputError { () throws(InputError) in
            _ = try MergedResults.readers(paths: paths, limit: limit(columns: 1.5, paths: paths), files: ["a.res", "b.res"])
        }
        #expect(refused?.description.hasPrefix("a.res and 1 more: merging 10000000 paths needs about ") == true, "\(String(describing: refused))")
        #expect(refused?.description.contains("the cgroup memory limit") == true)
        // An export holds a file's columns at once: 20 columns need room for six column reads.
        let export = inputError { () throws(InputError) in
            _ = try MergedResults.room(paths: paths, limit: limit(columns: 5.5, paths: paths), files: ["a.res"], least: 6, doing: "exporting")
        }
        #expect(export?.description.hasPrefix("a.res: exporting 10000000 paths needs about ") == true)
    }
}
