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

    /// Bytes the run will hold at its peak: per-path figures plus each worker's one-path buffers.
    public func estimatedBytes(threads: Int) -> Int {
        let perPath = policies.count * (PathFigure.allCases.count + RelativeFigure.allCases.count)
            + model.regimeNames.count
        // Figures are held once while simulating and about twice while summarizing (sorted copies).
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
        let policyCount = plan.policies.count
        let regimeCount = plan.model.regimeNames.count
        let figures = SharedBuffer(count: policyCount * PathFigure.allCases.count * plan.paths)
        let relative = SharedBuffer(count: policyCount * RelativeFigure.allCases.count * plan.paths)
        let shares = SharedBuffer(count: regimeCount * plan.paths)
        defer { figures.free(); relative.free(); shares.free() }

        let blocks = (plan.paths + blockSize - 1) / blockSize
        let nextBlock = Atomic<Int>(0)
        let done = Mutex<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, blocks))) { _ in
            let worker = PathWorker(plan: plan)
            while true {
                let block = nextBlock.add(1, ordering: .relaxed).oldValue
                if block >= blocks { break }
                let first = block * blockSize
                let last = min(first + blockSize, plan.paths)
                let random = RandomSource(plan.generator, seed: SeedMixer.blockSeed(seed: plan.seed, block: block))
                for path in first..<last {
                    worker.simulate(path: path, random: random, figures: figures, relative: relative, shares: shares)
                }
                if let progress {
                    let total = done.withLock { count in
                        count += last - first
                        return count
                    }
                    progress(total)
                }
            }
        }
        return SimulationResult(
            paths: plan.paths, months: plan.months, policyNames: plan.policies.map(\.name),
            benchmark: plan.benchmark, regimeNames: plan.model.regimeNames,
            figures: figures.array(), relative: relative.array(), regimeShares: shares.array())
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
    let riskFree: Double
    var account: Account
    let returns: UnsafeMutableBufferPointer<Double>
    let regimes: UnsafeMutableBufferPointer<Int32>
    /// [policy][month] net returns of the current path.
    let policyReturns: UnsafeMutableBufferPointer<Double>
    var regimeCounts: [Int]
    /// Mean monthly return of each policy on the current path.
    var meanReturns: [Double]
    let pathFigures: UnsafeMutableBufferPointer<Double>

    init(plan: SimulationPlan) {
        self.plan = plan
        riskFree = pow(1 + plan.riskFreeAnnual, 1.0 / 12) - 1
        account = Account(rules: plan.rules, months: plan.months)
        returns = .allocate(capacity: plan.months * plan.model.assetCount)
        regimes = .allocate(capacity: plan.months)
        policyReturns = .allocate(capacity: plan.months * plan.policies.count)
        regimeCounts = Array(repeating: 0, count: plan.model.regimeNames.count)
        pathFigures = .allocate(capacity: PathFigure.count)
        meanReturns = Array(repeating: 0, count: plan.policies.count)
    }

    deinit {
        returns.deallocate()
        regimes.deallocate()
        policyReturns.deallocate()
        pathFigures.deallocate()
    }

    private func ownReturns(_ policy: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: policyReturns[(policy * plan.months)..<((policy + 1) * plan.months)])
    }

    func simulate(path: Int, random: RandomSource, figures: SharedBuffer, relative: SharedBuffer, shares: SharedBuffer) {
        let months = plan.months
        let paths = plan.paths
        plan.model.generatePath(months: months, random: random, returns: returns, regimes: regimes)
        for k in regimeCounts.indices { regimeCounts[k] = 0 }
        for g in regimes { regimeCounts[Int(g)] += 1 }
        for (k, c) in regimeCounts.enumerated() { shares[k * paths + path] = Double(c) / Double(months) }

        for (p, policy) in plan.policies.enumerated() {
            let own = ownReturns(p)
            let outcome = account.run(
                policy, months: months, returns: UnsafeBufferPointer(returns), regimes: UnsafeBufferPointer(regimes),
                netReturns: own)
            meanReturns[p] = ReturnMetrics.pathFigures(
                UnsafeBufferPointer(own), outcome: outcome, riskFree: riskFree, into: pathFigures
            ).mean
            for f in 0..<PathFigure.count { figures[(p * PathFigure.count + f) * paths + path] = pathFigures[f] }
        }

        let b = plan.benchmark
        let bench = UnsafeBufferPointer(ownReturns(b))
        let benchCAGR = figures[SimulationResult.figureIndex(policy: b, .cagr, path: path, paths: paths)]
        for p in plan.policies.indices {
            let rel = RelativeMetrics.compute(
                UnsafeBufferPointer(ownReturns(p)), benchmark: bench, periodsPerYear: 12,
                activeMean: meanReturns[p] - meanReturns[b])
            let cagr = figures[SimulationResult.figureIndex(policy: p, .cagr, path: path, paths: paths)]
            let slot = { (f: RelativeFigure) in SimulationResult.relativeIndex(policy: p, f, path: path, paths: paths) }
            relative[slot(.cagrDifference)] = cagr - benchCAGR
            relative[slot(.trackingError)] = rel.trackingError
            relative[slot(.informationRatio)] = rel.informationRatio
            relative[slot(.winRate)] = rel.winRate
        }
    }
}

extension Simulator {
    /// Generates the same market paths as `run` and nothing else: the floor a full run is measured against.
    /// Returns a checksum (the sum of each path's last return) so the work cannot be optimized away.
    public static func drawOnly(_ plan: SimulationPlan, threads: Int) -> Double {
        let blocks = (plan.paths + blockSize - 1) / blockSize
        let sums = SharedBuffer(count: blocks)
        defer { sums.free() }
        let nextBlock = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, blocks))) { _ in
            let returns = UnsafeMutableBufferPointer<Double>.allocate(capacity: plan.months * plan.model.assetCount)
            let regimes = UnsafeMutableBufferPointer<Int32>.allocate(capacity: plan.months)
            defer { returns.deallocate(); regimes.deallocate() }
            while true {
                let block = nextBlock.add(1, ordering: .relaxed).oldValue
                if block >= blocks { break }
                let random = RandomSource(plan.generator, seed: SeedMixer.blockSeed(seed: plan.seed, block: block))
                var sum = 0.0
                for _ in (block * blockSize)..<min((block + 1) * blockSize, plan.paths) {
                    plan.model.generatePath(months: plan.months, random: random, returns: returns, regimes: regimes)
                    sum += returns[returns.count - 1]  // one value: the baseline must not add work of its own
                }
                sums[block] = sum
            }
        }
        return sums.array().reduce(0, +)
    }
}
