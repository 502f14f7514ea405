import Dispatch
import Foundation
import Synchronization

/// One policy against the benchmark, path by path on the common paths.
public struct BenchmarkComparison: Sendable {
    public var cagrDifference: Distribution
    /// Share of paths on which the policy's CAGR beat the benchmark's.
    public var probabilityOutperform: Double
    public var trackingError: Distribution
    public var informationRatio: Distribution
    public var winRate: Distribution

    public func distribution(_ figure: RelativeFigure) -> Distribution {
        switch figure {
        case .cagrDifference: cagrDifference
        case .trackingError: trackingError
        case .informationRatio: informationRatio
        case .winRate: winRate
        }
    }
}

public struct PolicySummary: Sendable {
    public var name: String
    public var isBenchmark: Bool
    public var figures: [PathFigure: Distribution]
    /// Share of paths ending with less money than was put in, net of what was taken out.
    public var probabilityOfLoss: Double
    /// Share of paths on which withdrawals or losses emptied the account.
    public var probabilityOfDepletion: Double
    /// Reviews per path at which the policy was asked for targets, and answers per path that were
    /// fallbacks (the policy could not decide as designed); both 0 for fixed targets.
    public var decisions: Distribution
    public var fallbacks: Distribution
    /// Nil for the benchmark itself.
    public var versusBenchmark: BenchmarkComparison?
    /// With more than one regime: the figures over the months in each regime, and over the first
    /// months after the market entered each (`RunSummary.regimeEntryMonths`); empty otherwise.
    public var regimes: [RegimeBucketSummary]
    public var regimeEntries: [RegimeBucketSummary]
    /// How well the policy named the regime; nil unless it classifies regimes.
    public var recognition: [RecognitionFigure: Distribution]?
}

public struct RegimeSummary: Sendable {
    public var name: String
    /// Mean share of months spent in the regime.
    public var shareOfMonths: Double
    public var shareStandardError: Double
    /// Mean share of months that are the first months after entering the regime; NaN with one regime.
    public var entryShareOfMonths: Double
    public var entryShareStandardError: Double
}

/// Distributions across paths of every figure, for every policy: what reports print.
public struct RunSummary: Sendable {
    public var scenario: String
    /// Which of the scenario's named markets ran; nil: its only one.
    public var market: String?
    public var seed: UInt64
    public var paths: Int
    public var months: Int
    public var warmUpMonths: Int
    public var benchmark: String
    public var benchmarkIndex: Int
    /// Every policy but a sweep's cells, which `sweep` summarises.
    public var policies: [PolicySummary]
    public var regimes: [RegimeSummary]
    /// Whether the policies have per-regime figures: with more than one regime.
    public var hasRegimeFigures: Bool
    /// Months after a regime change that count as the entry into the new regime.
    public var regimeEntryMonths: Int
    /// Ids of the satellite assets whose per-regime weights are reported (empty with one regime).
    public var satelliteAssets: [String]
    public var sweep: SweepSummary?
    /// Calendar years and drawdown dates of a backtest (one dated path).
    public var backtest: BacktestSummary?
    /// Worst and best start dates of rolling windows.
    public var windows: WindowSummary?
    /// The pairs of policies the scenario compares path by path.
    public var comparisons: [PairedComparison]
    /// What the market model measured on each path (an index lab's indices), if anything.
    public var marketFigures: MarketFigureSummary?

    /// Reads every column it needs from `columns` one at a time (two at a time across threads).
    public init(scenario: String, columns: some PathColumns) throws {
        let run = columns.run
        self.scenario = scenario
        market = run.market
        seed = run.seed
        paths = run.paths
        months = run.months
        warmUpMonths = run.warmUpMonths
        benchmark = run.policyNames[run.benchmark]
        benchmarkIndex = run.benchmark
        hasRegimeFigures = run.layout.hasRegimeFigures
        regimeEntryMonths = run.regimeEntryMonths
        satelliteAssets = run.layout.satelliteAssets
        let keys = Self.figureKeys(run)
        let all = try Self.distributions(columns, keys.base + keys.regime)
        let (figures, relative) = Self.figureDistributions(Array(all[..<keys.base.count]), policies: run.reportedPolicies)
        let regimeFigures = Self.regimeDistributions(Array(all[keys.base.count...]), layout: run.layout, policies: run.reportedPolicies)
        let benchCAGR = try columns.values(policy: run.benchmark, .cagr)
        let n = Double(run.paths)
        policies = try (0..<run.reportedPolicies).map { p in
            let losses = zip(try columns.values(policy: p, .terminalWealth), try columns.values(policy: p, .netInvested))
                .filter { $0 < $1 }.count
            var comparison: BenchmarkComparison?
            if p != run.benchmark {
                let wins = zip(try columns.values(policy: p, .cagr), benchCAGR).filter { $0 > $1 }.count
                comparison = BenchmarkComparison(
                    cagrDifference: relative[p][.cagrDifference]!,
                    probabilityOutperform: Double(wins) / n,
                    trackingError: relative[p][.trackingError]!,
                    informationRatio: relative[p][.informationRatio]!,
                    winRate: relative[p][.winRate]!)
            }
            return PolicySummary(
                name: run.policyNames[p], isBenchmark: p == run.benchmark, figures: figures[p],
                probabilityOfLoss: Double(losses) / n,
                probabilityOfDepletion: Double(figures[p][.monthsToDepletion]!.count) / n,
                decisions: Distribution(try columns.values(policy: p, .decisions)),
                fallbacks: Distribution(try columns.values(policy: p, .fallbacks)), versusBenchmark: comparison,
                regimes: regimeFigures.buckets[p].prefix(run.layout.bucketCount / 2).map { $0 },
                regimeEntries: regimeFigures.buckets[p].dropFirst(run.layout.bucketCount / 2).map { $0 },
                recognition: regimeFigures.recognition[p])
        }
        let hasEntries = hasRegimeFigures
        regimes = try run.regimeNames.enumerated().map { k, name in
            let shares = Distribution(try columns.regimeShares(k))
            let entries = hasEntries ? Distribution(try columns.regimeEntryShares(k)) : nil
            return RegimeSummary(
                name: name, shareOfMonths: shares.mean, shareStandardError: shares.standardError,
                entryShareOfMonths: entries?.mean ?? .nan, entryShareStandardError: entries?.standardError ?? .nan)
        }
        sweep = try run.sweep.map { try SweepSummary(grid: $0, benchmark: run.benchmark, columns: columns) }
        backtest = try BacktestSummary(columns: columns)
        windows = try WindowSummary(columns: columns)
        comparisons = try run.comparisons.map { try PairedComparison($0, columns: columns) }
        marketFigures = try MarketFigureSummary(columns: columns)
    }

    /// Every column's distribution, computed in parallel (each one goes through all paths' values),
    /// at most `columns.concurrentColumns` at a time.
    static func distributions(_ columns: some PathColumns, _ keys: [ColumnKey]) throws -> [Distribution] {
        let slots = Mutex([Result<Distribution, any Error>?](repeating: nil, count: keys.count))
        let workers = max(1, min(columns.concurrentColumns, keys.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for job in stride(from: worker, to: keys.count, by: workers) {
                let d = Result { () throws -> Distribution in Distribution(try columns.column(keys[job])) }
                slots.withLock { $0[job] = d }
            }
        }
        return try slots.withLock { try $0.map { try $0!.get() } }
    }

    /// The columns summarized as distributions: each reported policy's `PathFigure`s and
    /// `RelativeFigure`s, then its per-regime ones (see `regimeDistributions`). A sweep's cells
    /// are summarized by `SweepSummary` alone.
    static func figureKeys(_ run: RunDescription) -> (base: [ColumnKey], regime: [ColumnKey]) {
        let policies = 0..<run.reportedPolicies
        let base = policies.flatMap { p in
            PathFigure.allCases.map { ColumnKey(.policy(p), $0.key) } + RelativeFigure.allCases.map { ColumnKey(.policy(p), $0.key) }
        }
        let layout = run.layout
        let regime = policies.flatMap { p in
            (0..<layout.bucketCount).flatMap { b in
                RegimeFigure.allCases.map { ColumnKey(.policy(p), layout.bucketFigure(b, $0)) }
                    + layout.satelliteAssets.indices.map { ColumnKey(.policy(p), layout.bucketWeight(b, satellite: $0)) }
            }
        } + layout.classifiers.filter(policies.contains).flatMap { p in RecognitionFigure.allCases.map { ColumnKey(.policy(p), $0.key) } }
        return (base, regime)
    }

    static func figureDistributions(_ all: [Distribution], policies: Int) -> ([[PathFigure: Distribution]], [[RelativeFigure: Distribution]]) {
        let perPolicy = PathFigure.count + RelativeFigure.count
        let figures = (0..<policies).map { p in
            Dictionary(uniqueKeysWithValues: PathFigure.allCases.map { ($0, all[p * perPolicy + $0.rawValue]) })
        }
        let relative = (0..<policies).map { p in
            Dictionary(uniqueKeysWithValues: RelativeFigure.allCases.map { ($0, all[p * perPolicy + PathFigure.count + $0.rawValue]) })
        }
        return (figures, relative)
    }
}
