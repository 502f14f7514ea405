/// Which blocks of paths a run computes: shard k of n runs the blocks b with b mod n = k. The whole
/// run is shard 0 of 1. Since every block has its own seed, the shards of a run merge into exactly
/// the whole run.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let whole = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count, "shard \(index)/\(count) does not exist")
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// The global block indices of this shard, ascending, for a run of `paths` paths.
    public func blocks(paths: Int, blockSize: Int) -> StrideTo<Int> {
        stride(from: index, to: (paths + blockSize - 1) / blockSize, by: count)
    }

    /// How many of the run's paths fall in this shard.
    public func pathCount(paths: Int, blockSize: Int) -> Int {
        blocks(paths: paths, blockSize: blockSize).reduce(0) { $0 + min(($1 + 1) * blockSize, paths) - $1 * blockSize }
    }
}
