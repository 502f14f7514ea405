import Foundation
import GSLKit

/// A Gaussian Markov-switching model fitted to T months x N assets by `MarkovSwitchingFit`.
/// Regimes are labelled by ascending mean of the options' `orderColumn` (regime 0 has the lowest),
/// so the same data and options give the same labels whatever restart found the maximum.
public struct RegimeFit: Sendable {
    /// The fitted parameters, in the data's units.
    let parameters: SwitchingParameters
    public let months: Int
    public let logLikelihood: Double
    /// [month][regime] P(S_t = k | all months) and P(S_t = k | months up to t).
    public let smoothedProbabilities: [[Double]]
    public let filteredProbabilities: [[Double]]
    /// EM iterations (M-steps) of the kept restart, its search included.
    public let iterations: Int
    /// EM's log-likelihood changed by less than the tolerance within the iteration limit.
    public let converged: Bool
    /// BFGS iterations of the polish (0 without one) and whether its gradient test passed.
    public let polishIterations: Int
    public let polishConverged: Bool
    /// The log-likelihood each restart's search reached, by restart (-infinity: it failed);
    /// restart 0 is the default start.
    public let restartLogLikelihoods: [Double]

    public var regimeCount: Int { parameters.regimeCount }
    public var assetCount: Int { parameters.dimension }
    /// [regime][asset] means.
    public var means: [[Double]] {
        (0..<regimeCount).map { Array(parameters.mean[($0 * assetCount)..<(($0 + 1) * assetCount)]) }
    }
    /// One covariance matrix per regime.
    public var covariances: [SquareMatrix] {
        let n2 = assetCount * assetCount
        return (0..<regimeCount).map { SquareMatrix(order: assetCount, values: Array(parameters.covariance[($0 * n2)..<(($0 + 1) * n2)])) }
    }
    /// [from][to] monthly transition probabilities.
    public var transition: SquareMatrix { SquareMatrix(order: regimeCount, values: parameters.transition) }
    /// The chain's ergodic distribution, which the fit takes as the first month's.
    public var ergodic: [Double] { parameters.ergodic }

    /// K N + K N (N + 1) / 2 + K (K - 1): means, covariances, transition probabilities.
    public var parameterCount: Int { SwitchingParameters.count(regimes: regimeCount, dimension: assetCount) }
    /// -2 log L + p log T.
    public var bic: Double { -2 * logLikelihood + Double(parameterCount) * log(Double(months)) }
    /// -2 log L + 2 p.
    public var aic: Double { -2 * logLikelihood + 2 * Double(parameterCount) }

    /// For the caller to report when EM stopped at its iteration limit (nil when it converged).
    public var warning: String? {
        converged ? nil : "EM did not converge after \(iterations) iterations; kept the best restart"
    }

    /// The fit as a market to simulate: each regime's assets with mu_k and sqrt(diag Sigma_k) as
    /// `LogReturnParameters` (the data are taken to be monthly log returns, which is what those
    /// hold, so no calibration applies), the correlation of Sigma_k, the transition matrix, and the
    /// ergodic distribution as the start. Names default to "regime 0", "regime 1", ...
    public func marketSpec(regimeNames: [String]? = nil) -> MarketSpec {
        let names = regimeNames ?? (0..<regimeCount).map { "regime \($0)" }
        precondition(names.count == regimeCount, "one name per regime")
        return parameters.marketSpec(names: names)
    }
}

/// How `MarkovSwitchingFit` searches.
public struct RegimeFitOptions: Sendable, Equatable {
    public var regimeCount: Int
    /// Random starts besides the default one (statsmodels' `search_reps`).
    public var restarts: Int
    /// Restart r draws from a generator seeded from (seed, r): results do not depend on `threads`.
    public var seed: UInt64
    public var threads: Int
    /// Regimes are labelled by ascending mean of this column.
    public var orderColumn: Int
    /// EM iterations each start gets before the best one goes on (statsmodels' `search_iter`).
    public var searchIterations: Int
    /// EM iterations of the kept start, its search included.
    public var maxIterations: Int
    /// EM stops when the log-likelihood changes by less than this.
    public var tolerance: Double
    /// Half-width of the uniform perturbation of a restart's unconstrained parameters, on data
    /// standardized per column (so means move by up to this many standard deviations).
    public var perturbation: Double
    /// Maximize the exact likelihood by BFGS after EM.
    public var polish: Bool
    /// Covariance eigenvalues are kept at least this fraction of the smallest eigenvalue of the
    /// standardized sample's covariance (the sample variance, for one asset).
    public var varianceFloor: Double

    public init(
        regimeCount: Int = 2, restarts: Int = 20, seed: UInt64 = 1, threads: Int = 1, orderColumn: Int = 0,
        searchIterations: Int = 10, maxIterations: Int = 1000, tolerance: Double = 1e-8, perturbation: Double = 0.5,
        polish: Bool = true, varianceFloor: Double = 1e-3
    ) {
        self.regimeCount = regimeCount
        self.restarts = restarts
        self.seed = seed
        self.threads = threads
        self.orderColumn = orderColumn
        self.searchIterations = searchIterations
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.perturbation = perturbation
        self.polish = polish
        self.varianceFloor = varianceFloor
    }
}

/// Why a fit could not start or finish.
public struct RegimeFitError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String

    init(_ description: String) { self.description = description }
}
