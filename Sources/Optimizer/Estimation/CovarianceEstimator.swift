import Foundation

/// How a covariance matrix is estimated from T months of N assets' simple returns. Each case names
/// the reference implementation it reproduces and that implementation's conventions.
public enum CovarianceEstimator: Sendable, Equatable {
    /// The sample covariance with divisor T - 1 (`numpy.cov(X, rowvar=False)`); the mean is the
    /// sample mean.
    case sample
    /// Exponentially weighted moments, pandas' `df.ewm(halflife: h)` with adjust=True, bias=False
    /// (what PyPortfolioOpt's `exp_cov` uses, with a span instead of a half-life): the month of age
    /// a (0 = latest) has weight (1 - α)^a with α = 1 - exp(-ln 2 / h), the mean is the weighted
    /// mean, and the weighted covariance about it is scaled by (Σw)² / ((Σw)² - Σw²) to remove the
    /// bias. `halfLife` is in months and must be positive and finite.
    case exponential(halfLife: Double)
    /// Ledoit & Wolf (2004, "A well-conditioned estimator for large-dimensional covariance
    /// matrices"), exactly as scikit-learn's `LedoitWolf().fit(X)`: the data centred by its mean,
    /// the empirical covariance C with divisor T, the target μI with μ = tr(C)/N, and the intensity
    /// β/δ with β = (Σ_t ‖y_t‖⁴/T - ‖C‖²)/(N T), δ = ‖C - μI‖²/N (Frobenius norms) and
    /// β = min(β, δ). The mean is the sample mean. With one asset, or when C is already μI, the
    /// intensity is 0.
    case ledoitWolf
    /// Ledoit & Wolf (2004, "Honey, I shrunk the sample covariance matrix"), toward the
    /// constant-correlation target, exactly as PyPortfolioOpt's `CovarianceShrinkage(...)
    /// .ledoit_wolf(shrinkage_target: "constant_correlation")` computes it: the sample covariance S
    /// has divisor T - 1 and so do the variances and the average correlation r̄ of the target F;
    /// π̂ sums (1/T) Σ_t y_i² y_j² - 2 (T - 1)/T S_ij² + S_ij² (its mix of divisors kept), ρ̂ and
    /// γ̂ = ‖S - F‖² follow the paper, and the intensity is clamp((π̂ - ρ̂)/γ̂ / T, 0, 1). The mean is
    /// the sample mean. An asset whose returns are all equal has zero variance: it takes no part
    /// in r̄ (PyPortfolioOpt would divide by zero) and keeps zero covariances. When F equals S
    /// (γ̂ = 0) the intensity is 0.
    case constantCorrelation

    /// Throws when the estimator's parameters cannot be used (a half-life that is not positive and
    /// finite). `RunningMoments` requires a valid estimator; check input with this first.
    public func validate() throws(EstimationError) {
        if case .exponential(let halfLife) = self, !(halfLife > 0 && halfLife.isFinite) {
            throw .invalidHalfLife(halfLife)
        }
    }

    /// The weight factor 1 - α = exp(-ln 2 / h) between consecutive months (`.exponential` only).
    var decay: Double {
        guard case .exponential(let halfLife) = self else { return 1 }
        return exp(-M_LN2 / halfLife)
    }
}
