import ArgumentParser
import CoreSat
import CoreSatEngine

/// `--shard k/n`: shard k (0...n-1) of n.
extension Shard: ExpressibleByArgument {
    public init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= SavedRun.maximumShards, (0..<n).contains(k) else {
            return nil
        }
        self.init(index: k, count: n)
    }
}
