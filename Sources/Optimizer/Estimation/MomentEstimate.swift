/// Expected returns and a covariance matrix estimated from a sample of monthly returns.
public struct MomentEstimate: Sendable, Equatable {
    /// n: the sample mean, or the exponentially weighted mean for `.exponential`.
    public var mean: [Double]
    /// n x n, row-major.
    public var covariance: [Double]
    /// The months the estimate uses.
    public var observations: Int
    /// The shrinkage intensity in [0, 1] for the Ledoit-Wolf estimators, nil for the others.
    public var shrinkage: Double?

    public init(mean: [Double], covariance: [Double], observations: Int, shrinkage: Double?) {
        self.mean = mean
        self.covariance = covariance
        self.observations = observations
        self.shrinkage = shrinkage
    }

    /// Estimates the moments of `returns` (T x N, row-major, month by month) with `covariance`'s
    /// conventions. An asset whose returns are all equal gets that value as its mean and exactly
    /// zero variance and covariances. Throws when T < 2, N < 1, the array is not T x N, a return is
    /// not finite or the estimator's half-life is invalid.
    public static func estimate(returns: [Double], months t: Int, assets n: Int,
                                covariance estimator: CovarianceEstimator) throws(EstimationError) -> MomentEstimate {
        guard t >= 2 else { throw .tooFewMonths(t) }
        guard n >= 1 else { throw .noAssets }
        guard returns.count == t * n else { throw .sizeMismatch(expected: t * n, actual: returns.count) }
        if let bad = returns.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteReturn(month: bad / n, asset: bad % n)
        }
        try estimator.validate()
        return BatchMoments(returns: returns, months: t, assets: n, estimator: estimator).estimate()
    }
}
