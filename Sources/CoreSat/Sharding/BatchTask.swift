import Foundation
import CoreSatEngine

/// `--shard auto`: the shard a batch engine's task runs, read from the environment the engine
/// gives each task, so one job script serves every task.
///
/// - Slurm array jobs: shard `SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN` of
///   `SLURM_ARRAY_TASK_COUNT`. Only arrays of consecutive ids qualify (`--array=0-7`, or `3-10`):
///   with a step or a list, ids and shards would not match one to one.
/// - Kubernetes Indexed Jobs: shard `JOB_COMPLETION_INDEX` of the Job's `completions`, which the
///   pod is not told and so comes as a flag (`--shard-count`).
public enum BatchTask {
    public static let slurmTaskID = "SLURM_ARRAY_TASK_ID"
    public static let slurmTaskCount = "SLURM_ARRAY_TASK_COUNT"
    public static let slurmTaskMin = "SLURM_ARRAY_TASK_MIN"
    public static let slurmTaskMax = "SLURM_ARRAY_TASK_MAX"
    public static let slurmTaskStep = "SLURM_ARRAY_TASK_STEP"
    public static let completionIndex = "JOB_COMPLETION_INDEX"

    /// The shard of this task. `count` is `--shard-count`: needed for an Indexed Job, and when given
    /// to a Slurm task it must agree with the array's size.
    public static func shard(environment: [String: String], count: Int?) throws(InputError) -> Shard {
        let slurm = environment[slurmTaskID] != nil
        let indexed = environment[completionIndex] != nil
        if slurm && indexed {
            throw problem("both \(slurmTaskID) (a Slurm array task) and \(completionIndex) (a Kubernetes Indexed Job) are set; "
                + "give --shard k/n")
        }
        if slurm { return try slurmShard(environment, count: count) }
        if indexed { return try indexedJobShard(environment, count: count) }
        throw problem("no batch task found: neither \(slurmTaskID) (a Slurm array job) nor \(completionIndex) "
            + "(a Kubernetes Indexed Job) is set; give --shard k/n outside a batch job")
    }

    static func slurmShard(_ environment: [String: String], count flag: Int?) throws(InputError) -> Shard {
        let id = try whole(environment, slurmTaskID)
        let count = try whole(environment, slurmTaskCount)
        let min = try whole(environment, slurmTaskMin)
        let max = try whole(environment, slurmTaskMax)
        // Slurm sets the step for ranges (1 unless given); a list has none.
        let step = environment[slurmTaskStep] == nil ? 1 : try whole(environment, slurmTaskStep)
        guard count >= 1 else { throw problem("\(slurmTaskCount) is 0: an array has at least one task") }
        guard min <= max else { throw problem("\(slurmTaskMin) (\(min)) is above \(slurmTaskMax) (\(max))") }
        let example = "such as --array=0-\(count - 1)"
        if step != 1 {
            throw problem("the Slurm array has a step of \(step) (ids \(min)-\(max):\(step)); --shard auto needs consecutive ids \(example)")
        }
        // max - min cannot overflow: both are whole numbers and min <= max.
        guard max - min == count - 1 else {
            throw problem("the Slurm array's ids are a list (\(count) tasks with ids from \(min) to \(max)); --shard auto needs "
                + "consecutive ids \(example)")
        }
        guard (min...max).contains(id) else {
            throw problem("\(slurmTaskID) is \(id), outside the array's ids \(min)-\(max)")
        }
        if let flag, flag != count {
            throw problem("--shard-count is \(flag) but the Slurm array has \(count) tasks")
        }
        return try checked(index: id - min, count: count)
    }

    static func indexedJobShard(_ environment: [String: String], count: Int?) throws(InputError) -> Shard {
        let index = try whole(environment, completionIndex)
        guard let count else {
            throw problem("\(completionIndex) is set (a Kubernetes Indexed Job) but not the number of shards: "
                + "pass the Job's completions as --shard-count N")
        }
        guard (1...SavedRun.maximumShards).contains(count) else {
            throw problem("--shard-count \(count) is out of range 1...\(SavedRun.maximumShards)")
        }
        guard index < count else {
            throw problem("\(completionIndex) is \(index), but --shard-count \(count) allows indices 0 to \(count - 1)")
        }
        return Shard(index: index, count: count)
    }

    static func checked(index: Int, count: Int) throws(InputError) -> Shard {
        guard (1...SavedRun.maximumShards).contains(count) else {
            throw problem("\(count) shards is out of range 1...\(SavedRun.maximumShards)")
        }
        return Shard(index: index, count: count)
    }

    static func whole(_ environment: [String: String], _ name: String) throws(InputError) -> Int {
        guard let text = environment[name] else { throw problem("\(name) is not set") }
        guard let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), value >= 0 else {
            // Shown as Swift writes a string literal, so a stray newline cannot split the message.
            throw problem("\(name) is \(text.debugDescription), not a whole number")
        }
        return value
    }

    static func problem(_ reason: String) -> InputError {
        InputError(file: "--shard auto", reason: reason)
    }
}
