import Foundation
import GSLKit

/// What identifies a run's per-path numbers, whether held in memory or read from saved files: what
/// was drawn (seed, generator, blocks) and how the records are laid out.
public struct RunDescription: Sendable, Equatable {
    /// Paths of the whole run (all shards).
    public var paths: Int
    public var months: Int
    public var warmUpMonths: Int
    public var seed: UInt64
    public var generator: GeneratorKind
    public var blockSize: Int
    public var policyNames: [String]
    public var benchmark: Int
    public var regimeNames: [String]
    public var layout: RecordLayout
    /// Months after a regime change that count as the new regime's entry (per-regime figures).
    public var regimeEntryMonths: Int

    /// The grid whose cells are the last policies, if the run sweeps a rule's settings.
    public var sweep: SweepGrid?
    /// For dated paths (a backtest), the calendar month of month 0 as year * 12 + month - 1.
    public var firstMonthIndex: Int?
    /// For rolling windows, the months between one path's month 0 and the next's.
    public var windowEvery: Int?
    /// The scenario's risk-free rate: summaries that work from monthly returns (a backtest
    /// sweep's deflated Sharpe ratio) need it, as the per-path Sharpe figures did.
    public var riskFreeAnnual: Double
    /// Which of a scenario's named markets ran; nil: its only one.
    public var market: String?
    /// Pairs of policies compared path by path besides the benchmark comparison.
    public var comparisons: [PolicyPair]

    public init(
        paths: Int, months: Int, warmUpMonths: Int, seed: UInt64, generator: GeneratorKind, blockSize: Int,
        policyNames: [String], benchmark: Int, regimeNames: [String], layout: RecordLayout,
        regimeEntryMonths: Int = SimulationPlan.defaultRegimeEntryMonths, sweep: SweepGrid? = nil, firstMonthIndex: Int? = nil, windowEvery: Int? = nil,
        riskFreeAnnual: Double = 0, market: String? = nil, comparisons: [PolicyPair] = []
    ) {
        self.comparisons = comparisons
        self.paths = paths
        self.months = months
        self.warmUpMonths = warmUpMonths
        self.seed = seed
        self.generator = generator
        self.blockSize = blockSize
        self.policyNames = policyNames
        self.benchmark = benchmark
        self.regimeNames = regimeNames
        self.layout = layout
        self.regimeEntryMonths = regimeEntryMonths
        self.sweep = sweep
        self.firstMonthIndex = firstMonthIndex
        self.windowEvery = windowEvery
        self.riskFreeAnnual = riskFreeAnnual
        self.market = market
    }

    /// The policies reported one by one: all but a sweep's cells.
    public var reportedPolicies: Int { sweep?.firstCell ?? policyNames.count }

    /// Paths held by one shard of this run.
    public func pathCount(_ shard: Shard) -> Int { shard.pathCount(paths: paths, blockSize: blockSize) }
}

/// A source of per-path columns in global path order: a run in memory, or saved shards read one
/// column at a time. Summaries read only through this, so memory grows with paths, not with
/// paths x figures.
public protocol PathColumns: Sendable {
    var run: RunDescription { get }
    /// Every path's value of one column, in path order.
    func column(_ key: ColumnKey) throws -> [Double]
    /// How many columns summaries may read at once: each holds a few copies of one figure for
    /// every path, which for a merge of millions of paths is what its memory is spent on.
    var concurrentColumns: Int { get }
}

extension PathColumns {
    public var concurrentColumns: Int { ProcessInfo.processInfo.activeProcessorCount }

    public func values(policy: Int, _ figure: PathFigure) throws -> [Double] {
        try column(ColumnKey(.policy(policy), figure.key))
    }

    public func values(policy: Int, _ figure: RelativeFigure) throws -> [Double] {
        try column(ColumnKey(.policy(policy), figure.key))
    }

    public func values(policy: Int, _ tally: PolicyTally) throws -> [Double] {
        try column(ColumnKey(.policy(policy), tally.key))
    }

    /// The first path's net return of each month for `policy`, in a run whose records keep them
    /// (a backtest: `SimulationPlan.keepsMonthlyReturns`); NaN after an account emptied.
    public func monthlyReturns(policy: Int) throws -> [Double] {
        try (1...run.layout.returnMonths).map { try column(ColumnKey(.policy(policy), RecordLayout.returnKey(month: $0)))[0] }
    }

    /// The first path's weights of each asset (`layout.monthlyAssets`) at every month end, after any
    /// trade, in a run whose records keep monthly returns: [asset][month].
    public func monthlyWeights(policy: Int) throws -> [[Double]] {
        let layout = run.layout
        return try layout.monthlyAssets.map { asset in
            try (1...layout.returnMonths).map { try column(ColumnKey(.policy(policy), RecordLayout.weightKey(month: $0, asset: asset)))[0] }
        }
    }

    /// The first path's regime of each month, in a run whose records keep them (`keepsMonthlyRegimes`);
    /// -1 for a value that names no regime (a results file edited by hand).
    public func monthlyRegimes() throws -> [Int] {
        let regimes = Double(run.regimeNames.count)
        return try (1...run.layout.returnMonths).map {
            let value = try column(ColumnKey(.market, RecordLayout.regimeKey(month: $0)))[0]
            return value >= 0 && value < regimes && value.rounded() == value ? Int(value) : -1
        }
    }

    /// Share of each path's months spent in the regime.
    public func regimeShares(_ regime: Int) throws -> [Double] {
        try column(ColumnKey(.regime(regime), RecordLayout.shareOfMonths))
    }

    /// Share of each path's months that are among the first months after the market entered the regime.
    public func regimeEntryShares(_ regime: Int) throws -> [Double] {
        try column(ColumnKey(.regime(regime), RecordLayout.entryShareOfMonths))
    }
}

/// The per-path records of one run (or one shard of it) in memory. Memory grows with paths x
/// policies, never with months or assets.
public struct SimulationResult: PathColumns {
    public let run: RunDescription
    public let shard: Shard
    /// Paths held here: all of them for a whole run, the shard's blocks otherwise.
    public let pathCount: Int
    /// [column][path], paths in the order of the shard's blocks: summaries and saved results read
    /// whole columns.
    let records: [Double]

    init(run: RunDescription, shard: Shard, records: [Double]) {
        self.run = run
        self.shard = shard
        self.records = records
        pathCount = run.pathCount(shard)
    }

    /// The values at one offset of the record, for the paths held here.
    public func column(offset: Int) -> [Double] {
        Array(records[(offset * pathCount)..<((offset + 1) * pathCount)])
    }

    /// A whole run's column; a shard holds only some paths and cannot answer.
    public func column(_ key: ColumnKey) throws -> [Double] {
        guard shard == .whole else { throw PartialColumns(shard: shard) }
        guard let offset = run.layout.offset(key) else { throw MissingColumn(key: key) }
        return column(offset: offset)
    }
}

/// A summary asked a shard for whole-run columns: merge the shards first.
public struct PartialColumns: Error, Sendable, CustomStringConvertible {
    public var shard: Shard
    public var description: String { "shard \(shard) holds only part of the run's paths; merge the shards first" }
}

/// A summary asked for a column the run did not keep.
public struct MissingColumn: Error, Sendable, CustomStringConvertible {
    public var key: ColumnKey
    public init(key: ColumnKey) { self.key = key }
    public var description: String { "the results have no column \(key)" }
}
