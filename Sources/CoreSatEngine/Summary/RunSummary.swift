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
}

public struct PolicySummary: Sendable {
    public var name: String
    public var isBenchmark: Bool
    public var figures: [PathFigure: Distribution]
    /// Share of paths ending with less money than was put in, net of what was taken out.
    public var probabilityOfLoss: Double
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
    public var benchmark: String
    public var policies: [PolicySummary]
    public var regimes: [RegimeSummary]

    public init(scenario: String, seed: UInt64, result: SimulationResult) {
        self.scenario = scenario
        self.seed = seed
        paths = result.paths
        months = result.months
        benchmark = result.policyNames[result.benchmark]
        let benchCAGR = result.values(policy: result.benchmark, .cagr)
        let (figures, relative) = Self.distributions(result)
        policies = result.policyNames.indices.map { p in
            let losses = zip(result.values(policy: p, .terminalWealth), result.netInvested(policy: p)).filter { $0 < $1 }.count
            var comparison: BenchmarkComparison?
            if p != result.benchmark {
                let wins = zip(result.values(policy: p, .cagr), benchCAGR).filter { $0 > $1 }.count
                comparison = BenchmarkComparison(
                    cagrDifference: relative[p][.cagrDifference]!,
                    probabilityOutperform: Double(wins) / Double(result.paths),
                    trackingError: relative[p][.trackingError]!,
                    informationRatio: relative[p][.informationRatio]!,
                    winRate: relative[p][.winRate]!)
            }
            return PolicySummary(
                name: result.policyNames[p], isBenchmark: p == result.benchmark, figures: figures[p],
                probabilityOfLoss: Double(losses) / Double(result.paths), versusBenchmark: comparison)
        }
        regimes = result.regimeNames.enumerated().map { k, name in
            let shares = Distribution(result.regimeShares(k))
            return RegimeSummary(name: name, shareOfMonths: shares.mean, shareStandardError: shares.standardError)
        }
    }

    /// Every figure's distribution, computed in parallel (each one goes through all paths' values).
    static func distributions(_ result: SimulationResult) -> ([[PathFigure: Distribution]], [[RelativeFigure: Distribution]]) {
        let policies = result.policyNames.count
        let perPolicy = PathFigure.count + RelativeFigure.count
        let slots = Mutex([Distribution?](repeating: nil, count: policies * perPolicy))
        DispatchQueue.concurrentPerform(iterations: policies * perPolicy) { job in
            let (p, k) = job.quotientAndRemainder(dividingBy: perPolicy)
            let values = k < PathFigure.count
                ? result.values(policy: p, PathFigure(rawValue: k)!)
                : result.values(policy: p, RelativeFigure(rawValue: k - PathFigure.count)!)
            let d = Distribution(values)
            slots.withLock { $0[job] = d }
        }
        let all = slots.withLock { $0.map { $0! } }
        let figures = (0..<policies).map { p in
            Dictionary(uniqueKeysWithValues: PathFigure.allCases.map { ($0, all[p * perPolicy + $0.rawValue]) })
        }
        let relative = (0..<policies).map { p in
            Dictionary(uniqueKeysWithValues: RelativeFigure.allCases.map { ($0, all[p * perPolicy + PathFigure.count + $0.rawValue]) })
        }
        return (figures, relative)
    }
}
