import Foundation

/// One policy against the benchmark, path by path on the common paths.
public struct BenchmarkComparison: Sendable {
    public var cagrDifference: Distribution
    /// Share of paths on which the policy's CAGR beat the benchmark's.
    public var probabilityOutperform: Double
    public var trackingError: Distribution
    public var informationRatio: Distribution
    public var winRate: Distribution
}

public struct PolicySummary: Sendable {
    public var name: String
    public var isBenchmark: Bool
    public var figures: [PathFigure: Distribution]
    /// Share of paths ending with less money than was put in (initial wealth plus net cash flows).
    public var probabilityOfLoss: Double
    /// Nil for the benchmark itself.
    public var versusBenchmark: BenchmarkComparison?
}

public struct RegimeSummary: Sendable {
    public var name: String
    /// Mean share of months spent in the regime.
    public var shareOfMonths: Double
}

/// Distributions across paths of every figure, for every policy: what reports print.
public struct RunSummary: Sendable {
    public var scenario: String
    public var seed: UInt64
    public var paths: Int
    public var months: Int
    public var benchmark: String
    public var policies: [PolicySummary]
    public var regimes: [RegimeSummary]

    public init(scenario: String, seed: UInt64, result: SimulationResult, netInvested: Double) {
        self.scenario = scenario
        self.seed = seed
        paths = result.paths
        months = result.months
        benchmark = result.policyNames[result.benchmark]
        let benchCAGR = result.values(policy: result.benchmark, .cagr)
        policies = result.policyNames.indices.map { p in
            var figures: [PathFigure: Distribution] = [:]
            for f in PathFigure.allCases { figures[f] = Distribution(result.values(policy: p, f)) }
            let wealth = result.values(policy: p, .terminalWealth)
            let losses = wealth.filter { $0 < netInvested }.count
            var comparison: BenchmarkComparison?
            if p != result.benchmark {
                let own = result.values(policy: p, .cagr)
                let wins = zip(own, benchCAGR).filter { $0 > $1 }.count
                comparison = BenchmarkComparison(
                    cagrDifference: Distribution(result.values(policy: p, .cagrDifference)),
                    probabilityOutperform: Double(wins) / Double(result.paths),
                    trackingError: Distribution(result.values(policy: p, .trackingError)),
                    informationRatio: Distribution(result.values(policy: p, .informationRatio)),
                    winRate: Distribution(result.values(policy: p, .winRate)))
            }
            return PolicySummary(
                name: result.policyNames[p], isBenchmark: p == result.benchmark, figures: figures,
                probabilityOfLoss: Double(losses) / Double(result.paths), versusBenchmark: comparison)
        }
        regimes = result.regimeNames.enumerated().map { k, name in
            RegimeSummary(name: name, shareOfMonths: Distribution(result.regimeShares(k)).mean)
        }
    }
}
