import CoreSatEngine
import Foundation
import GSLKit

/// A validated scenario file.
public struct Scenario: Sendable {
    public var file: String
    /// The file's text as read: saved results carry it, so a run can be reproduced.
    public var text: String
    public var name: String
    public var seed: UInt64
    public var paths: Int
    public var months: Int
    /// Months of history simulated before month 0 for policies that read past returns.
    public var warmUpMonths: Int
    /// With more than one regime: the months after the market enters a regime that the per-regime
    /// figures report as its entry.
    public var regimeEntryMonths: Int
    public var generator: GeneratorKind
    public var riskFreeAnnual: Double
    public var assets: [Asset]
    public var market: MarketModelSpec
    /// With named `markets:`, the one this scenario runs, and all of their names in file order.
    public var marketName: String?
    public var marketNames: [String]
    public var rules: AccountRules
    public var policies: [PolicySpec]
    public var benchmark: Int
    /// A grid of one policy's rule settings; its cells are the last policies.
    public var sweep: SweepGrid?
    /// Pairs of policies compared path by path (`compare:`).
    public var comparisons: [PolicyPair] = []
    /// What `coresat check` verifies.
    public var expectations: [Expectation]
    /// Where `paths` was set in the file, for errors about the size of a run.
    public var pathsLocation: InputError

    /// Paths in a run, all shards together.
    public static let pathRange = 1...1_000_000_000
    /// Paths one process computes; a bigger run is split into shards (docs/scaling.md).
    public static let processPathLimit = 10_000_000
    public static let monthRange = 1...1_200
    public static let warmUpRange = 0...1_200
    public static let regimeEntryRange = 1...120
    /// An annual risk-free rate, exclusive at the lower end: (1 + R)^(1/P) needs 1 + R > 0, and
    /// rates beyond these are typing mistakes.
    public static let riskFreeRange = -0.5...1.0

    public static func riskFreeInRange(_ rate: Double) -> Bool {
        rate > riskFreeRange.lowerBound && rate <= riskFreeRange.upperBound
    }

    /// The reason given for a path count outside `pathRange`, wherever it came from.
    public static func pathsOutOfRange(_ paths: Int) -> String {
        "\(paths) paths is out of range \(pathRange.lowerBound)...\(pathRange.upperBound)"
    }

    /// The fewest shards whose every one holds at most `processPathLimit` paths (1 for a run one
    /// process can compute).
    public static func fewestShards(paths: Int, blockSize: Int) -> Int {
        var count = max(1, (paths + processPathLimit - 1) / processPathLimit)
        while Shard(index: 0, count: count).pathCount(paths: paths, blockSize: blockSize) > processPathLimit { count += 1 }
        return count
    }

    /// The fewest shards of `plan` whose biggest one fits in memory and in one process (the plan
    /// keeps what a shard saves); refuses, as `checkMemory` does, when even one block per shard
    /// does not fit.
    public func fewestShardsThatFit(_ plan: SimulationPlan, threads: Int, limit: MemoryLimit) throws(InputError) -> Int {
        let blocks = (plan.paths + Simulator.blockSize - 1) / Simulator.blockSize
        var low = Self.fewestShards(paths: plan.paths, blockSize: Simulator.blockSize)
        var high = max(low, min(blocks, SavedRun.maximumShards))
        // Shard 0 is the biggest, and it only shrinks as the count grows.
        try checkMemory(plan, threads: threads, shard: Shard(index: 0, count: high), limit: limit)
        while low < high {
            let middle = (low + high) / 2
            if (try? checkMemory(plan, threads: threads, shard: Shard(index: 0, count: middle), limit: limit)) != nil {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    /// The reason given when one process would compute more than `processPathLimit` paths of a
    /// run of `total` paths, as `shard` of it.
    public static func tooManyPathsForOneProcess(total: Int, shard: Shard, blockSize: Int) -> String {
        let shards = fewestShards(paths: total, blockSize: blockSize)
        let held = shard.pathCount(paths: total, blockSize: blockSize)
        let start = shard == .whole ? "\(total) paths are" : "shard \(shard) holds \(held) paths,"
        return "\(start) more than one process computes (\(processPathLimit)): run it as \(shards) or more shards "
            + "('coresat run --shard k/n', or --shard auto in a batch job) and merge them; see docs/scaling.md"
    }

    /// The simulation this scenario describes: each part builds itself.
    /// The files a run of this scenario reads: the scenario and, for a recorded market, its dataset;
    /// no output may replace them.
    public var inputFiles: [String] {
        guard case .recorded(let recorded, _) = market else { return [file] }
        return [file, RecordedMarketLoader.datasetPath(recorded.data, scenarioFile: file)]
    }

    public func plan(wealthGrid: [Int] = []) throws(InputError) -> SimulationPlan {
        let model: any ReturnModel
        do {
            model = try market.build()
        } catch {
            // Correlations are checked when the file is read, so this means a numerical breakdown.
            throw InputError(file: file, keyPath: "market", reason: error.description)
        }
        if let fixed = market.fixedShape, fixed.paths != paths || fixed.months != months {
            var error = pathsLocation
            error.reason = "a historical replay runs \(fixed.paths) path\(fixed.paths == 1 ? "" : "s") (one per window) of \(fixed.months) months; the paths and months cannot be changed"
            throw error
        }
        let built = policies.map { $0.rule.build($0) }
        for (spec, policy) in zip(policies, built) where policy.historyNeeded > warmUpMonths {
            var error = spec.location
            error.reason = "needs \(policy.historyNeeded) months of history before month 0 but the scenario simulates \(warmUpMonths); set warm_up_months: \(policy.historyNeeded) or more"
            throw error
        }
        var plan = SimulationPlan(
            model: model, assetNames: assets.map(\.id), assetSleeves: assets.map(\.sleeve), policies: built,
            benchmark: benchmark, rules: rules, paths: paths, months: months, warmUpMonths: warmUpMonths, seed: seed,
            generator: generator, riskFreeAnnual: riskFreeAnnual, wealthGrid: wealthGrid,
            regimeEntryMonths: regimeEntryMonths, sweep: sweep, keepsMonthlyReturns: market.fixedShape?.paths == 1,
            firstMonthIndex: market.firstMonth?.index, windowEvery: market.windowEvery, marketName: marketName)
        plan.comparisons = comparisons
        return plan
    }

    /// Refuses, before starting, a run whose memory estimate (with the program's own overhead)
    /// exceeds half of `limit`: the estimate leaves out allocator slack and copies, and a run that
    /// runs out of memory half-way aborts (or, short of address space, hangs starting a thread).
    public func checkMemory(
        _ plan: SimulationPlan, threads: Int, shard: Shard = .whole, limit: MemoryLimit, pathsFlag: Bool = false
    ) throws(InputError) {
        let workers = min(threads, ProcessInfo.processInfo.activeProcessorCount)
        let needed = Double(plan.estimatedBytes(threads: threads, shard: shard)) + Double(MemoryLimit.programOverhead(workers: workers))
        let available = Double(limit.bytes)
        guard needed > available / 2 else { return }
        var error = pathsFlag ? InputError(file: "--paths", reason: "") : pathsLocation
        let limitText = "the limit is half of \(Self.size(available)) (\(limit.source))"
        if shard == .whole {
            error.reason = "\(plan.paths) paths need about \(Self.size(needed)) of memory, and \(limitText); use fewer paths, "
                + "or split the run into shards (--shard k/n)"
        } else {
            error.reason = "shard \(shard) (\(shard.pathCount(paths: plan.paths, blockSize: Simulator.blockSize)) of \(plan.paths) "
                + "paths) needs about \(Self.size(needed)) of memory, and \(limitText); use more shards or fewer paths"
        }
        throw error
    }

    static func size(_ bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
    }
}
