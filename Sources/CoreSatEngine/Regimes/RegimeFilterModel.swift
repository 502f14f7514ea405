import Foundation
import GSLKit

/// What an investor could know of a regime-switching market, for filtering monthly log returns
/// x_t = log(1 + r_t): per regime the nominal means mu_k and the covariance D_k R_k D_k, the
/// transition matrix and the start distribution. Drawn drifts (`DriftUncertainty`) are each path's
/// secret, so the filter uses the spec's mu. Built once and shared by all workers.
///
/// Only assets with sigma > 0 in every regime enter the density (`densityAssets`). An asset with
/// sigma = 0 everywhere (cash) has a point mass for its return, so no density; one with sigma = 0
/// in some regimes only would make those regimes certain or impossible from one return, exactly,
/// which any rounding in the returns breaks. Both are left out; with no asset left every regime
/// has density 1 and the filter only follows the chain.
public struct RegimeFilterModel: Sendable {
    public let regimeCount: Int
    /// Assets of the spec: the length of a month of returns handed to the filter.
    public let assetCount: Int
    /// The assets whose returns enter the density, in the spec's order.
    public let densityAssets: [Int]
    public let innovations: Innovations
    /// [from][to] monthly transition probabilities.
    public let transition: [Double]
    /// Distribution of the regime of the first month filtered.
    public let start: [Double]
    /// [regime][density asset] means of monthly log returns.
    let mean: [Double]
    /// [regime][packed lower triangle] Cholesky factors of the density assets' covariance.
    let lower: [Double]
    /// [regime] log f at x = mu_k: the shock's constant - 1/2 log|Sigma_k|.
    let peakLogDensity: [Double]
    let shock: ShockDensity

    public init(_ spec: MarketSpec) throws(GSLError) {
        let k = spec.regimes.count
        precondition(spec.transition.order == k && spec.start.count == k, "one transition row and start probability per regime")
        regimeCount = k
        assetCount = spec.regimes[0].parameters.count
        densityAssets = (0..<assetCount).filter { i in spec.regimes.allSatisfy { $0.parameters[i].sigma > 0 } }
        innovations = spec.innovations
        transition = spec.transition.values
        start = spec.start
        shock = ShockDensity(spec.innovations, dimension: densityAssets.count)

        let assets = densityAssets
        var mean: [Double] = [], lower: [Double] = [], peak: [Double] = []
        for regime in spec.regimes {
            // A principal submatrix of a positive definite correlation is positive definite.
            var correlation = SquareMatrix.identity(assets.count)
            for (a, i) in assets.enumerated() {
                for (b, j) in assets.enumerated() { correlation[a, b] = regime.correlation[i, j] }
            }
            let sigma = assets.map { regime.parameters[$0].sigma }
            let factor = assets.isEmpty ? [] : try CorrelatedNormals(correlation: correlation, standardDeviations: sigma).packed
            // log|Sigma| = 2 sum log L_ii; the diagonal of row i sits at i(i + 3)/2.
            let logDeterminant = 2 * (0..<assets.count).reduce(0.0) { $0 + log(factor[$1 * ($1 + 3) / 2]) }
            mean += assets.map { regime.parameters[$0].mu }
            lower += factor
            peak.append(shock.constant - logDeterminant / 2)
        }
        self.mean = mean
        self.lower = lower
        peakLogDensity = peak
    }
}
