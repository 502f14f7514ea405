import Foundation
import GSLKit

/// Everything a run needs, already validated.
public struct SimulationPlan: Sendable {
    public var model: any ReturnModel
    public var assetNames: [String]
    /// Each asset's sleeve, for the per-regime figures (sleeve contributions, satellite weights).
    public var assetSleeves: [Sleeve]
    public var policies: [any Policy]
    public var benchmark: Int
    public var rules: AccountRules
    public var paths: Int
    public var months: Int
    /// Months generated before month 0 from the same model (regime chain included), for policies
    /// that read history; no policy trades in them and no figure counts them.
    public var warmUpMonths: Int
    public var seed: UInt64
    public var generator: GeneratorKind
    public var riskFreeAnnual: Double
    /// Months at whose end each policy's wealth is kept (for charts and saved results); empty: none.
    public var wealthGrid: [Int]
    /// With more than one regime: how many months after the market enters a regime count as its
    /// entry (`RegimeBuckets`).
    public var regimeEntryMonths: Int
    /// A sweep whose cells are the last policies; nil: none.
    public var sweep: SweepGrid?
    /// Whether each path's record keeps every month's net return of each policy (a backtest's
    /// calendar years and drawdown dates).
    public var keepsMonthlyReturns: Bool
    /// For dated paths (a backtest), the calendar month of month 0 as year * 12 + month - 1.
    public var firstMonthIndex: Int?
    /// For rolling windows, the months between one path's month 0 and the next's.
    public var windowEvery: Int?
    /// Which of a scenario's named markets this is; nil: its only one.
    public var marketName: String?
    /// Pairs of policies compared path by path besides the benchmark comparison.
    public var comparisons: [PolicyPair] = []

    public static let defaultRegimeEntryMonths = 6

    /// `assetSleeves`: nil puts every asset in the core.
    public init(
        model: any ReturnModel, assetNames: [String], assetSleeves: [Sleeve]? = nil, policies: [any Policy], benchmark: Int,
        rules: AccountRules, paths: Int, months: Int, warmUpMonths: Int = 0, seed: UInt64, generator: GeneratorKind,
        riskFreeAnnual: Double, wealthGrid: [Int] = [], regimeEntryMonths: Int = defaultRegimeEntryMonths,
        sweep: SweepGrid? = nil, keepsMonthlyReturns: Bool = false, firstMonthIndex: Int? = nil, windowEvery: Int? = nil,
        marketName: String? = nil
    ) {
        // A library caller can build a plan by hand; mismatched sizes would misread memory.
        precondition(paths > 0 && months > 0 && warmUpMonths >= 0, "a plan needs at least one path and one month")
        precondition(!policies.isEmpty && policies.indices.contains(benchmark), "the benchmark must be one of the policies")
        precondition(assetNames.count == model.assetCount, "one name per asset")
        precondition(assetSleeves.map { $0.count == model.assetCount } ?? true, "one sleeve per asset")
        precondition(regimeEntryMonths > 0, "entries last at least a month")
        precondition(rules.expenseRatios.count == model.assetCount && rules.costRates.count == model.assetCount,
            "expense ratios and cost rates need one entry per asset")
        precondition(wealthGrid.allSatisfy { (1...months).contains($0) } && zip(wealthGrid, wealthGrid.dropFirst()).allSatisfy { $0 < $1 },
            "the wealth grid lists distinct months 1...months in order")
        for policy in policies {
            precondition(policy.initialWeights.count == model.assetCount, "policy '\(policy.name)' needs one weight per asset")
            precondition(policy.historyNeeded <= warmUpMonths, "policy '\(policy.name)' needs more warm-up history")
            if case .calendar(let every) = policy.review { precondition(every > 0, "a calendar review needs a positive period") }
        }
        self.model = model
        self.assetNames = assetNames
        self.assetSleeves = assetSleeves ?? Array(repeating: .core, count: model.assetCount)
        self.policies = policies
        self.benchmark = benchmark
        self.rules = rules
        self.paths = paths
        self.months = months
        self.warmUpMonths = warmUpMonths
        self.seed = seed
        self.generator = generator
        self.riskFreeAnnual = riskFreeAnnual
        self.wealthGrid = wealthGrid
        self.regimeEntryMonths = regimeEntryMonths
        self.sweep = sweep
        self.keepsMonthlyReturns = keepsMonthlyReturns
        self.firstMonthIndex = firstMonthIndex
        self.windowEvery = windowEvery
        self.marketName = marketName
        if let sweep {
            precondition(sweep.firstCell + sweep.cellCount == policies.count && benchmark < sweep.firstCell,
                "a sweep's cells are the last policies, and the benchmark is not one of them")
        }
    }

    var layout: RecordLayout {
        RecordLayout(
            policies: policies.count, regimes: model.regimeNames.count, wealthGrid: wealthGrid, returnMonths: keepsMonthlyReturns ? months : 0,
            satelliteAssets: zip(assetNames, assetSleeves).filter { $0.1 == .satellite }.map(\.0),
            classifiers: policies.indices.filter { policies[$0].classifiesRegimes },
            monthlyAssets: assetNames, marketFigures: model.pathFigureNames)
    }

    public var description: RunDescription {
        RunDescription(
            paths: paths, months: months, warmUpMonths: warmUpMonths, seed: seed, generator: generator,
            blockSize: Simulator.blockSize, policyNames: policies.map(\.name), benchmark: benchmark,
            regimeNames: model.regimeNames, layout: layout, regimeEntryMonths: regimeEntryMonths, sweep: sweep,
            firstMonthIndex: firstMonthIndex, windowEvery: windowEvery, riskFreeAnnual: riskFreeAnnual, market: marketName,
            comparisons: comparisons)
    }

    /// Bytes the run will hold at its peak: per-path records plus each worker's buffers.
    public func estimatedBytes(threads: Int, shard: Shard = .whole) -> Int {
        let held = shard.pathCount(paths: paths, blockSize: Simulator.blockSize)
        // Records are held once; summarizing copies columns (and saving writes them), which is
        // counted as a second copy to stay on the safe side.
        let results = 2 * layout.stride * held * MemoryLayout<Double>.size
        // A path's simple and log returns and regimes, the policies' returns, a block's records,
        // and what the policies' runners keep.
        var perWorker = ((warmUpMonths + months) * (2 * model.assetCount + 1) + months * policies.count + Simulator.blockSize * layout.stride)
            * MemoryLayout<Double>.size
        perWorker += policies.reduce(0) { $0 + $1.runnerBytes(assetCount: model.assetCount) }
        if layout.hasRegimeFigures {  // RegimeTally: ledger rows, return pairs, beliefs, buckets
            let regimes = model.regimeNames.count
            perWorker += (2 * regimes * RegimeLedger.width(satellites: model.assetCount) + 2 * months + model.assetCount)
                * MemoryLayout<Double>.size + 4 * months * MemoryLayout<Int32>.size
        }
        return results + threads * perWorker
    }
}
