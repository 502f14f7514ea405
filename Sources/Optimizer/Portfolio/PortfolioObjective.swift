/// What a portfolio problem optimizes. Returns, rates and volatilities are per period, like the
/// inputs (monthly in a simulation).
public enum PortfolioObjective: Sendable, Equatable {
    /// Minimum variance.
    case minimumVariance
    /// Maximum Sharpe ratio over the risk-free rate (the tangency portfolio), solved exactly as a QP
    /// after the Charnes-Cooper change of variables.
    case maximumSharpe(riskFree: Double)
    /// Maximum expected return - (riskAversion / 2) x variance (PyPortfolioOpt's quadratic utility).
    case meanVariance(riskAversion: Double)
    /// Minimum variance with expected return at least `target` (a frontier point).
    case targetReturn(Double)
    /// Maximum expected return with volatility at most `target` (a frontier point).
    case targetVolatility(Double)
    /// Risk contributions in proportion to `budgets` (positive, summing to 1): risk parity when equal.
    case riskBudget([Double])
    /// Maximum diversification ratio (weighted volatilities over portfolio volatility).
    case maximumDiversification
    /// Maximum expected active return against `benchmark` with tracking error at most `limit`.
    case trackingError(benchmark: [Double], limit: Double)
    /// Maximum exposure to one factor with other exposures held near targets (a linear program).
    case factorExposure(FactorExposureProblem)

    /// Whether a turnover limit can be added: the objectives solved as QPs.
    public var takesTurnoverLimit: Bool {
        switch self {
        case .riskBudget, .factorExposure: false
        default: true
        }
    }
}

/// Exposures of n assets to k factors (k x n, row-major), the factor to maximize, and the factors
/// to hold within a band around a target (neutrality: the benchmark's exposure, tolerance 0 or small).
public struct FactorExposureProblem: Sendable, Equatable {
    public var factorNames: [String]
    public var exposures: [Double]
    public var target: Int
    public var neutral: [Neutrality]

    public struct Neutrality: Sendable, Equatable {
        public var factor: Int
        public var value: Double
        public var tolerance: Double

        public init(factor: Int, value: Double, tolerance: Double) {
            self.factor = factor
            self.value = value
            self.tolerance = tolerance
        }
    }

    public init(factorNames: [String], exposures: [Double], target: Int, neutral: [Neutrality]) {
        self.factorNames = factorNames
        self.exposures = exposures
        self.target = target
        self.neutral = neutral
    }

    public func exposure(_ factor: Int, _ asset: Int, assets n: Int) -> Double { exposures[factor * n + asset] }
}
