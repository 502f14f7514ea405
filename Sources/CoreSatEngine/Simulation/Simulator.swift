import Dispatch
import Foundation
import GSLKit
import Synchronization

/// Runs every policy on the same simulated paths. Paths are cut into fixed blocks, each with its own
/// generator seeded from (seed, block), so results depend neither on the number of threads nor on
/// how the blocks are spread over shards.
public enum Simulator {
    public static let blockSize = 250

    /// Runs the shard's blocks (all of them by default). A policy answering with invalid targets
    /// stops the run; the failure reported is the one on the lowest path, whatever the threads.
    public static func run(
        _ plan: SimulationPlan, threads: Int, shard: Shard = .whole,
        progress: (@Sendable (_ pathsDone: Int) -> Void)? = nil
    ) throws(PolicyFailure) -> SimulationResult {
        let blocks = Array(shard.blocks(paths: plan.paths, blockSize: blockSize))
        let held = shard.pathCount(paths: plan.paths, blockSize: blockSize)
        let stride = plan.layout.stride
        let done = Mutex<Int>(0)
        let failure = Mutex<(block: Int, error: PolicyFailure)?>(nil)
        // Each worker keeps its block's records one path after another, then puts them in their
        // places in the columns: the records are held once, and summaries read whole columns.
        let records = [Double](unsafeUninitializedCapacity: stride * held) { buffer, initialized in
            let columns = ColumnStore(buffer.baseAddress!, paths: held)
            forEachBlock(blocks, of: plan, threads: threads, worker: { PathWorker(plan: plan) }) { worker, random, slot, paths in
                // Blocks after a failed one need not run; earlier ones must, so the lowest failure wins.
                if let failed = failure.withLock({ $0?.block }), failed < slot { return }
                do throws(PolicyFailure) {
                    for (i, path) in paths.enumerated() {
                        try worker.simulate(path: path, random: random, into: worker.block + i * stride)
                    }
                } catch {
                    failure.withLock { if $0 == nil || $0!.block > slot { $0 = (slot, error) } }
                    return
                }
                columns.store(worker.block, paths: paths.count, stride: stride, at: slot * blockSize)
                if let progress {
                    progress(done.withLock { count in
                        count += paths.count
                        return count
                    })
                }
            }
            initialized = stride * held
        }
        if let failed = failure.withLock({ $0 }) { throw failed.error }
        return SimulationResult(run: plan.description, shard: shard, records: records)
    }

    /// Hands the blocks to up to `threads` workers. Block b gets a generator seeded from (seed, b), so
    /// what a path draws never depends on which thread runs it. The body gets the block's position
    /// in `blocks` and its global path range.
    static func forEachBlock<Worker>(
        _ blocks: [Int], of plan: SimulationPlan, threads: Int, worker makeWorker: @Sendable () -> Worker,
        _ body: @Sendable (Worker, RandomSource, Int, Range<Int>) -> Void
    ) {
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, blocks.count))) { _ in
            let worker = makeWorker()
            while true {
                let slot = next.add(1, ordering: .relaxed).oldValue
                if slot >= blocks.count { break }
                let block = blocks[slot]
                let random = RandomSource(plan.generator, seed: SeedMixer.blockSeed(seed: plan.seed, block: block))
                body(worker, random, slot, (block * blockSize)..<min((block + 1) * blockSize, plan.paths))
            }
        }
    }

    /// Generates the same market paths as `run` and nothing else: the floor a full run is measured
    /// against. Returns a checksum (the sum of each path's last return) so the work cannot be
    /// optimized away.
    public static func drawOnly(_ plan: SimulationPlan, threads: Int) -> Double {
        let blocks = Array(Shard.whole.blocks(paths: plan.paths, blockSize: blockSize))
        let sums = SharedBuffer(count: blocks.count)
        defer { sums.free() }
        forEachBlock(blocks, of: plan, threads: threads, worker: { PathBuffers(plan: plan) }) { buffers, random, slot, paths in
            var sum = 0.0
            for path in paths {
                plan.model.generatePath(
                    path: path, months: plan.warmUpMonths + plan.months, random: random, returns: buffers.returns,
                    logReturns: buffers.logReturns, regimes: buffers.regimes)
                sum += buffers.returns[buffers.returns.count - 1]  // one value: the baseline must not add work of its own
            }
            sums[slot] = sum
        }
        return sums.array().reduce(0, +)
    }
}

/// Result storage that workers write to at disjoint indices.
final class SharedBuffer: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<Double>

    init(count: Int) {
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: .nan)
    }

    func free() { pointer.deallocate() }
    func array() -> [Double] { Array(pointer) }
    subscript(i: Int) -> Double {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }
}

/// A run's records as columns (each `paths` long, one after another), which workers fill at
/// disjoint places.
struct ColumnStore: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let paths: Int

    init(_ base: UnsafeMutablePointer<Double>, paths: Int) {
        self.base = base
        self.paths = paths
    }

    /// Puts `count` records (`stride` numbers each, one after another) at paths first..<first+count.
    func store(_ records: UnsafePointer<Double>, paths count: Int, stride: Int, at first: Int) {
        for c in 0..<stride {
            var from = records + c
            let to = base + c * paths + first
            for i in 0..<count {
                to[i] = from.pointee
                from += stride
            }
        }
    }
}

/// One path's market, warm-up months first: returns (rows x assets) and regimes.
final class PathBuffers {
    let returns: UnsafeMutableBufferPointer<Double>
    let logReturns: UnsafeMutableBufferPointer<Double>
    let regimes: UnsafeMutableBufferPointer<Int32>
    /// The path's mean log returns, [regime][asset], when a policy knows the market's parameters.
    let logMeans: UnsafeMutableBufferPointer<Double>

    init(plan: SimulationPlan) {
        let rows = plan.warmUpMonths + plan.months
        returns = .allocate(capacity: rows * plan.model.assetCount)
        logReturns = .allocate(capacity: rows * plan.model.assetCount)
        regimes = .allocate(capacity: rows)
        let known = plan.policies.contains { $0.knowsParameters } && plan.model.knownMarket != nil
        logMeans = .allocate(capacity: known ? plan.model.regimeNames.count * plan.model.assetCount : 0)
        logMeans.initialize(repeating: .nan)
    }

    deinit {
        returns.deallocate()
        logReturns.deallocate()
        regimes.deallocate()
        logMeans.deallocate()
    }
}
