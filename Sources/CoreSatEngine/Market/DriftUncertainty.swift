import GSLKit

/// Figures estimated from a few years of data are not known drifts. With `monthsOfData` set for
/// an asset, each path draws its own mean log returns: mu + e, e ~ N(0, S), the sampling
/// distribution of sample means over nested windows that end on the same date:
/// S_ij = Sigma_ij min(n_i, n_j) / (n_i n_j), Sigma the estimation regime's monthly log-return
/// covariance. The same e applies in every regime, drawn once at the start of the path.
public struct DriftUncertainty: Sendable, Equatable {
    /// Months of data behind each asset's figures (indexed like the assets); nil: known drift.
    public var monthsOfData: [Double?]
    /// The regime whose covariance Sigma is.
    public var regime: Int

    public init(monthsOfData: [Double?], regime: Int = 0) {
        self.monthsOfData = monthsOfData
        self.regime = regime
    }

    /// The assets with uncertain drifts, and the packed Cholesky factor of S over them, as
    /// diag(sigma) chol(R o K) with R the correlation and K_ij = min(n_i, n_j) / (n_i n_j): R is
    /// positive definite and K (the covariance of Brownian-motion averages) positive semidefinite
    /// with a positive diagonal, so their elementwise product is positive definite even when some
    /// sigma are zero.
    func factor(_ regime: RegimeSpec) throws(GSLError) -> (assets: [Int], lower: [Double]) {
        let assets = monthsOfData.indices.filter { monthsOfData[$0] != nil }
        guard !assets.isEmpty else { return ([], []) }
        let n = assets.map { monthsOfData[$0]! }
        var product = SquareMatrix.identity(assets.count)
        for (a, i) in assets.enumerated() {
            for (b, j) in assets.enumerated() {
                product[a, b] = regime.correlation[i, j] * Swift.min(n[a], n[b]) / (n[a] * n[b])
            }
        }
        let sigma = assets.map { regime.parameters[$0].sigma }
        return (assets, try CorrelatedNormals(correlation: product, standardDeviations: sigma).packed)
    }
}
