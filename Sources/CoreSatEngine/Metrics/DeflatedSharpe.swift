import Foundation
import GSLKit

/// The probabilistic and the deflated Sharpe ratio (Bailey and López de Prado 2012, "The Sharpe
/// Ratio Efficient Frontier", and 2014, "The Deflated Sharpe Ratio"). Everything is at the
/// series' own frequency: Sharpe ratios per period, not annualised, and T periods.
public enum DeflatedSharpe {
    /// γ in the expected maximum of N standard normals.
    public static let eulerMascheroni = 0.577_215_664_901_532_860_6

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The selected series needs 2 returns for a Sharpe ratio and a spread for its moments.
        case tooFewObservations(Int)
        case constantSeries
        /// Φ⁻¹(1 - 1/N) needs N >= 2 trials, each with a finite Sharpe ratio.
        case tooFewTrials(Int)
        case notFinite

        public var description: String {
            switch self {
            case .tooFewObservations(let t): "the deflated Sharpe ratio needs at least 2 returns, got \(t)"
            case .constantSeries: "the selected series does not vary, so it has no Sharpe ratio"
            case .tooFewTrials(let n): "the deflated Sharpe ratio needs at least 2 trials, got \(n)"
            case .notFinite: "a return or a trial's Sharpe ratio is not a finite number"
            }
        }
    }

    /// PSR(SR*) = Φ((SR - SR*) √(T - 1) / √(1 - γ₃ SR + (γ₄ - 1) / 4 SR²)): the probability that
    /// the true Sharpe ratio exceeds `benchmark`, given the estimate from T returns with skewness γ₃
    /// and (non-excess) kurtosis γ₄. The root is real for any series' own moments, since
    /// γ₄ >= 1 + γ₃² makes it at least (1 - γ₃ SR / 2)²; NaN where it is 0.
    public static func probabilisticSharpeRatio(
        sharpe: Double, benchmark: Double, observations t: Int, skewness: Double, kurtosis: Double
    ) -> Double {
        let spread = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe
        guard t > 1, spread > 0 else { return .nan }
        return Statistics.normalCDF((sharpe - benchmark) * Double(t - 1).squareRoot() / spread.squareRoot())
    }

    /// SR₀ = √V ((1 - γ) Φ⁻¹(1 - 1/N) + γ Φ⁻¹(1 - 1/(N e))): about the expected largest of N
    /// Sharpe ratios with variance V and no skill at all. NaN for N < 2.
    public static func expectedMaximumSharpe(trials n: Int, variance: Double) -> Double {
        guard n >= 2 else { return .nan }
        let g = eulerMascheroni
        let z = (1 - g) * Statistics.normalQuantile(1 - 1 / Double(n)) + g * Statistics.normalQuantile(1 - 1 / (Double(n) * M_E))
        return variance.squareRoot() * z
    }

    public struct Result: Sendable, Equatable {
        /// mean(r - rf) / std(r - rf, ddof = 1) of the selected series, per period.
        public var sharpe: Double
        /// Population skewness and (non-excess) kurtosis of the selected series.
        public var skewness, kurtosis: Double
        public var observations: Int
        public var trials: Int
        /// Sample variance (ddof = 1) of the trials' Sharpe ratios.
        public var trialVariance: Double
        /// SR₀, the benchmark the selected ratio is deflated against.
        public var expectedMaximum: Double
        /// DSR = PSR(SR₀).
        public var deflated: Double
        /// PSR(0): the probability that the true Sharpe ratio is positive, ignoring the selection.
        public var probabilistic: Double
    }

    /// The DSR of the `selected` series (per-period returns) chosen among trials whose per-period
    /// Sharpe ratios are `trialSharpes` (the selected one's included; N is their count).
    public static func evaluate(
        selected r: [Double], trialSharpes: [Double], riskFree: Double = 0
    ) throws(Problem) -> Result {
        guard r.count >= 2 else { throw .tooFewObservations(r.count) }
        guard trialSharpes.count >= 2 else { throw .tooFewTrials(trialSharpes.count) }
        guard r.allSatisfy(\.isFinite), trialSharpes.allSatisfy(\.isFinite), riskFree.isFinite else { throw .notFinite }
        let scan = r.withUnsafeBufferPointer { ReturnMetrics.scan($0, riskFree: riskFree) }
        guard scan.standardDeviation > 0 else { throw .constantSeries }
        let sharpe = (scan.mean - riskFree) / scan.standardDeviation
        let (skewness, kurtosis) = r.withUnsafeBufferPointer { Statistics.skewnessAndKurtosis($0) }
        let trialVariance = trialSharpes.withUnsafeBufferPointer {
            Statistics.sumOfSquaredDeviations($0, around: Statistics.mean($0)) / Double($0.count - 1)
        }
        let benchmark = expectedMaximumSharpe(trials: trialSharpes.count, variance: trialVariance)
        func psr(_ b: Double) -> Double {
            probabilisticSharpeRatio(sharpe: sharpe, benchmark: b, observations: r.count, skewness: skewness, kurtosis: kurtosis)
        }
        return Result(
            sharpe: sharpe, skewness: skewness, kurtosis: kurtosis, observations: r.count, trials: trialSharpes.count,
            trialVariance: trialVariance, expectedMaximum: benchmark, deflated: psr(benchmark), probabilistic: psr(0))
    }
}
