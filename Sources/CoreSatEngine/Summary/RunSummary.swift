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
}

public struct RegimeSummary: Sendable {
    public var name: String
    /// Mean share of months spent in the regime.
    public var shareOfMonths: Double
    public var shareStandardError: Double
}

/// Distributions across paths of every figure, for every policy: what reports print.
public struct RunSummary: Sendable {
    public var scenario: String
    public var seed: UInt64
    public var paths: Int
    public var months: Int
    public var warmUpMonths: Int
    public var benchmark: String
    public var benchmarkIndex: Int
    /// Every policy but a sweep's cells, which `sweep` summarises.
    public var policies: [PolicySummary]
    public var regimes: [RegimeSummary]
    public var sweep: SweepSummary?

    /// Reads every column it needs from `columns` one at a time (two at a time across threads).
    public init(scenario: String, columns: some PathColumns) throws {
        let run = columns.run
        self.scenario = scenario
        seed = run.seed
        paths = run.paths
        months = run.months
        warmUpMonths = run.warmUpMonths
        benchmark = run.policyNames[run.benchmark]
        benchmarkIndex = run.benchmark
        let (figures, relative) = try Self.distributions(columns)
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
                fallbacks: Distribution(try columns.values(policy: p, .fallbacks)), versusBenchmark: comparison)
        }
        regimes = try run.regimeNames.enumerated().map { k, name in
            let shares = Distribution(try columns.regimeShares(k))
            return RegimeSummary(name: name, shareOfMonths: shares.mean, shareStandardError: shares.standardError)
        }
        sweep = try run.sweep.map { try SweepSummary(grid: $0, benchmark: run.benchmark, columns: columns) }
    }

    /// Every figure's distribution, computed in parallel (each one goes through all paths' values).
    static func distributions(_ columns: some PathColumns) throws -> ([[PathFigure: Distribution]], [[RelativeFigure: Distribution]]) {
        let policies = columns.run.reportedPolicies
        let perPolicy = PathFigure.count + RelativeFigure.count
        let slots = Mutex([Result<Distribution, any Error>?](repeating: nil, count: policies * perPolicy))
        DispatchQueue.concurrentPerform(iterations: policies * perPolicy) { job in
            let (p, k) = job.quotientAndRemainder(dividingBy: perPolicy)
            let d = Result { () throws -> Distribution in
                let values = k < PathFigure.count
                    ? try columns.values(policy: p, PathFigure(rawValue: k)!)
                    : try columns.values(policy: p, RelativeFigure(rawValue: k - PathFigure.count)!)
                return Distribution(values)
            }
            slots.withLock { $0[job] = d }
        }
        let all = try slots.withLock { try $0.map { try $0!.get() } }
        let figures = (0..<policies).map { p in
            Dictionary(uniqueKeysWithValues: PathFigure.allCases.map { ($0, all[p * perPolicy + $0.rawValue]) })
        }
        let relative = (0..<policies).map { p in
            Dictionary(uniqueKeysWithValues: RelativeFigure.allCases.map { ($0, all[p * perPolicy + PathFigure.count + $0.rawValue]) })
        }
        return (figures, relative)
    }
}
