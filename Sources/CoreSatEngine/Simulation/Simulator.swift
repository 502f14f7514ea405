import Dispatch
import Foundation
import GSLKit
import Synchronization

/// Everything a run needs, already validated.
public struct SimulationPlan: Sendable {
    public var model: any ReturnModel
    public var policies: [any Policy]
    public var benchmark: Int
    public var rules: AccountRules
    public var paths: Int
    public var months: Int
    public var seed: UInt64
    public var generator: GeneratorKind
    public var riskFreeAnnual: Double

    public init(
        model: any ReturnModel, policies: [any Policy], benchmark: Int, rules: AccountRules,
        paths: Int, months: Int, seed: UInt64, generator: GeneratorKind, riskFreeAnnual: Double
    ) {
        // A library caller can build a plan by hand; mismatched sizes would misread memory.
        precondition(paths > 0 && months > 0, "a plan needs at least one path and one month")
        precondition(!policies.isEmpty && policies.indices.contains(benchmark), "the benchmark must be one of the policies")
        precondition(rules.expenseRatios.count == model.assetCount && rules.costRates.count == model.assetCount,
            "expense ratios and cost rates need one entry per asset")
        for policy in policies {
            precondition(policy.initialWeights.count == model.assetCount, "policy '\(policy.name)' needs one weight per asset")
            if case .calendar(let every) = policy.review { precondition(every > 0, "a calendar review needs a positive period") }
        }
        self.model = model
        self.policies = policies
        self.benchmark = benchmark
        self.rules = rules
        self.paths = paths
        self.months = months
        self.seed = seed
        self.generator = generator
        self.riskFreeAnnual = riskFreeAnnual
    }

    /// Bytes the run will hold at its peak: per-path records plus each worker's one-path buffers.
    public func estimatedBytes(threads: Int) -> Int {
        let perPath = PathRecordLayout(policies: policies.count, regimes: model.regimeNames.count).stride
        // Records are held once while simulating and about twice while summarizing (column copies).
        let results = 2 * perPath * paths * MemoryLayout<Double>.size
        let perWorker = months * (model.assetCount + policies.count + 1) * MemoryLayout<Double>.size
        return results + threads * perWorker
    }
}

/// Runs every policy on the same simulated paths. Paths are cut into fixed blocks, each with its own
/// generator seeded from (seed, block), so results do not depend on the number of threads.
public enum Simulator {
    public static let blockSize = 250

    public static func run(
        _ plan: SimulationPlan, threads: Int, progress: (@Sendable (_ pathsDone: Int) -> Void)? = nil
    ) -> SimulationResult {
        let layout = PathRecordLayout(policies: plan.policies.count, regimes: plan.model.regimeNames.count)
        let records = SharedBuffer(count: layout.stride * plan.paths)
        defer { records.free() }

        let done = Mutex<Int>(0)
        forEachBlock(of: plan, threads: threads, worker: { PathWorker(plan: plan) }) { worker, random, paths in
            for path in paths {
                worker.simulate(random: random, into: records.pointer.baseAddress! + path * layout.stride)
            }
            if let progress {
                progress(done.withLock { count in
                    count += paths.count
                    return count
                })
            }
        }
        return SimulationResult(
            paths: plan.paths, months: plan.months, policyNames: plan.policies.map(\.name),
            benchmark: plan.benchmark, regimeNames: plan.model.regimeNames, layout: layout,
            records: records.array())
    }
}

extension Simulator {
    /// Cuts the paths into blocks of `blockSize` and hands them to up to `threads` workers. Block b
    /// gets a generator seeded from (seed, b), so what a path draws never depends on which thread
    /// runs it.
    static func forEachBlock<Worker>(
        of plan: SimulationPlan, threads: Int, worker makeWorker: @Sendable () -> Worker,
        _ body: @Sendable (Worker, RandomSource, Range<Int>) -> Void
    ) {
        let blocks = (plan.paths + blockSize - 1) / blockSize
        let nextBlock = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, blocks))) { _ in
            let worker = makeWorker()
            while true {
                let block = nextBlock.add(1, ordering: .relaxed).oldValue
                if block >= blocks { break }
                let random = RandomSource(plan.generator, seed: SeedMixer.blockSeed(seed: plan.seed, block: block))
                body(worker, random, (block * blockSize)..<min((block + 1) * blockSize, plan.paths))
            }
        }
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

/// One worker's buffers for a single path; reused for every path the worker runs.
final class PathWorker {
    let plan: SimulationPlan
    let layout: PathRecordLayout
    let riskFree: Double
    let account: Account
    let market: PathBuffers
    var returns: UnsafeMutableBufferPointer<Double> { market.returns }
    var regimes: UnsafeMutableBufferPointer<Int32> { market.regimes }
    /// [policy][month] net returns of the current path.
    let policyReturns: UnsafeMutableBufferPointer<Double>
    var regimeCounts: [Int]
    /// Mean monthly return of each policy on the current path.
    var meanReturns: [Double]

    init(plan: SimulationPlan) {
        self.plan = plan
        layout = PathRecordLayout(policies: plan.policies.count, regimes: plan.model.regimeNames.count)
        riskFree = pow(1 + plan.riskFreeAnnual, 1.0 / 12) - 1
        account = Account(rules: plan.rules, months: plan.months)
        market = PathBuffers(plan: plan)
        policyReturns = .allocate(capacity: plan.months * plan.policies.count)
        regimeCounts = Array(repeating: 0, count: plan.model.regimeNames.count)
        meanReturns = Array(repeating: 0, count: plan.policies.count)
    }

    deinit { policyReturns.deallocate() }

    private func ownReturns(_ policy: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: policyReturns[(policy * plan.months)..<((policy + 1) * plan.months)])
    }

    /// Simulates one path and writes its record (see `PathRecordLayout`).
    func simulate(random: RandomSource, into record: UnsafeMutablePointer<Double>) {
        let months = plan.months
        plan.model.generatePath(months: months, random: random, returns: returns, regimes: regimes)
        for k in regimeCounts.indices { regimeCounts[k] = 0 }
        for g in regimes { regimeCounts[Int(g)] += 1 }
        for (k, c) in regimeCounts.enumerated() { record[layout.offset(regime: k)] = Double(c) / Double(months) }

        for (p, policy) in plan.policies.enumerated() {
            let own = ownReturns(p)
            let outcome = account.run(
                policy, months: months, returns: UnsafeBufferPointer(returns), regimes: UnsafeBufferPointer(regimes),
                netReturns: own)
            let figures = UnsafeMutableBufferPointer(start: record + layout.offset(policy: p, PathFigure.cagr), count: PathFigure.count)
            meanReturns[p] = ReturnMetrics.pathFigures(UnsafeBufferPointer(own), outcome: outcome, riskFree: riskFree, into: figures).mean
            record[layout.offsetOfNetInvested(policy: p)] = outcome.netInvested
        }

        let b = plan.benchmark
        let bench = UnsafeBufferPointer(ownReturns(b))
        let benchCAGR = record[layout.offset(policy: b, .cagr)]
        for p in plan.policies.indices {
            let rel = RelativeMetrics.compute(
                UnsafeBufferPointer(ownReturns(p)), benchmark: bench, periodsPerYear: 12,
                activeMean: meanReturns[p] - meanReturns[b])
            record[layout.offset(policy: p, .cagrDifference)] = record[layout.offset(policy: p, .cagr)] - benchCAGR
            record[layout.offset(policy: p, .trackingError)] = rel.trackingError
            record[layout.offset(policy: p, .informationRatio)] = rel.informationRatio
            record[layout.offset(policy: p, .winRate)] = rel.winRate
        }
    }
}

extension Simulator {
    /// Generates the same market paths as `run` and nothing else: the floor a full run is measured against.
    /// Returns a checksum (the sum of each path's last return) so the work cannot be optimized away.
    public static func drawOnly(_ plan: SimulationPlan, threads: Int) -> Double {
        let sums = SharedBuffer(count: (plan.paths + blockSize - 1) / blockSize)
        defer { sums.free() }
        forEachBlock(of: plan, threads: threads, worker: { PathBuffers(plan: plan) }) { buffers, random, paths in
            var sum = 0.0
            for _ in paths {
                plan.model.generatePath(months: plan.months, random: random, returns: buffers.returns, regimes: buffers.regimes)
                sum += buffers.returns[buffers.returns.count - 1]  // one value: the baseline must not add work of its own
            }
            sums[paths.lowerBound / blockSize] = sum
        }
        return sums.array().reduce(0, +)
    }
}

/// One path's market: returns (months x assets) and regimes.
final class PathBuffers {
    let returns: UnsafeMutableBufferPointer<Double>
    let regimes: UnsafeMutableBufferPointer<Int32>

    init(plan: SimulationPlan) {
        returns = .allocate(capacity: plan.months * plan.model.assetCount)
        regimes = .allocate(capacity: plan.months)
    }

    deinit {
        returns.deallocate()
        regimes.deallocate()
    }
}
