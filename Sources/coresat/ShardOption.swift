import ArgumentParser
import CoreSat
import CoreSatEngine
import Foundation

/// `--shard k/n` (shard k, 0...n-1, of n) or `--shard auto` (from a batch engine's task
/// environment, see `BatchTask`), with `--shard-count` for engines that do not say how many tasks
/// there are.
struct ShardOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Run only shard k of n (k from 0 to n-1): the blocks of paths b with b mod n = k; 'auto' takes k and n from a Slurm "
            + "array task or a Kubernetes Indexed Job. Needs --save; merge the shards with 'coresat merge'.",
        valueName: "k/n|auto"))
    var shard: ShardChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --shard auto in a Kubernetes Indexed Job: the number of shards (the Job's completions).", valueName: "n"))
    var shardCount: Int?

    /// The shard this process runs: the whole run when no --shard is given.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws(InputError) -> Shard {
        switch shard {
        case .fixed(let shard)?:
            if shardCount != nil { throw InputError(file: "--shard-count", reason: "applies only with --shard auto") }
            return shard
        case .auto?:
            return try BatchTask.shard(environment: environment, count: shardCount)
        case nil:
            if shardCount != nil { throw InputError(file: "--shard-count", reason: "applies only with --shard auto") }
            return .whole
        }
    }
}

enum ShardChoice: ExpressibleByArgument {
    case fixed(Shard)
    case auto

    init?(argument: String) {
        if argument == "auto" {
            self = .auto
            return
        }
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= SavedRun.maximumShards, (0..<n).contains(k) else {
            return nil
        }
        self = .fixed(Shard(index: k, count: n))
    }
}
