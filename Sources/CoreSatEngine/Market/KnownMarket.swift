import Foundation

/// What a policy with perfect knowledge of a parametric market knows: each regime's log-return
/// covariance and the regime chain, with the path's own mean log returns (drawn per path under
/// parameter uncertainty) read from the `PolicyView`. From them it forms next month's simple-return
/// mean and covariance given the regime of the month just ended: the mixture over next month's
/// regime (row `regime` of the transition matrix) of each regime's log-normal moments
/// m_i = exp(μ_i + Σ_ii/2) - 1 and C_ij = exp(μ_i + μ_j + (Σ_ii + Σ_jj)/2)(exp(Σ_ij) - 1).
///
/// Student-t shocks: simple-return moments of a Student-t log return do not exist (the capped
/// mixing scale of `StudentTShocks` makes them finite but far from these formulas); the moments
/// used are those of normal log returns with the same mean and covariance.
public struct KnownMarket: Sendable, Equatable {
    public let regimeCount: Int
    public let assetCount: Int
    /// [regime][i][j] exp(Σ_ij) - 1, and [regime][i] Σ_ii / 2: the parts that do not depend on the path.
    let covarianceFactors: [Double]
    let halfVariances: [Double]
    /// Row-major transition matrix.
    let transition: [Double]

    public init(_ spec: MarketSpec) {
        regimeCount = spec.regimes.count
        assetCount = spec.regimes[0].parameters.count
        let n = assetCount
        var covariances: [Double] = []
        for regime in spec.regimes {
            for i in 0..<n {
                for j in 0..<n {
                    covariances.append(regime.parameters[i].sigma * regime.parameters[j].sigma * regime.correlation[i, j])
                }
            }
        }
        covarianceFactors = covariances.map { expm1($0) }
        halfVariances = (0..<regimeCount).flatMap { k in (0..<n).map { covariances[k * n * n + $0 * n + $0] / 2 } }
        transition = spec.transition.values
        nominalLogMeans = spec.regimes.flatMap { $0.parameters.map(\.mu) }
    }

    /// The model's nominal mean log returns ([regime][asset]), before any per-path draw.
    let nominalLogMeans: [Double]

    /// Writes next month's mean (u) and covariance (u x u) of the assets in `universe`, given the
    /// path's mean log returns `logMeans` ([regime][asset]) and the regime of the month just ended.
    /// `scratch` holds at least u values. O(K u²), u exponentials per regime.
    public func predictiveMoments(
        logMeans: UnsafePointer<Double>, regime: Int, universe: [Int], mean: UnsafeMutablePointer<Double>,
        covariance: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) {
        transition.withUnsafeBufferPointer { p in
            let row = UnsafeBufferPointer(rebasing: p[(regime * regimeCount)..<((regime + 1) * regimeCount)])
            mixture(logMeans: logMeans, shares: row, universe: universe, mean: mean, covariance: covariance, scratch: scratch)
        }
    }

    /// The same for a regime known only as probabilities `belief` (a filter's, over the month just
    /// ended): next month's regime has probabilities beliefᵀP. `shares` holds K values of scratch.
    public func predictiveMoments(
        logMeans: UnsafePointer<Double>, belief: UnsafeBufferPointer<Double>, universe: [Int], mean: UnsafeMutablePointer<Double>,
        covariance: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>, shares: UnsafeMutablePointer<Double>
    ) {
        let k = regimeCount
        for next in 0..<k {
            var p = 0.0
            for now in 0..<k { p += belief[now] * transition[now * k + next] }
            shares[next] = p
        }
        mixture(
            logMeans: logMeans, shares: UnsafeBufferPointer(start: shares, count: k), universe: universe, mean: mean,
            covariance: covariance, scratch: scratch)
    }

    /// The long-run simple-return moments of the assets in `universe` with the nominal drifts: the
    /// regimes mixed by the chain's stationary distribution (what a month drawn at random is).
    public func longRunMoments(universe: [Int]) -> (mean: [Double], covariance: [Double]) {
        let u = universe.count
        var mean = [Double](repeating: 0, count: u), covariance = [Double](repeating: 0, count: u * u)
        var scratch = [Double](repeating: 0, count: u)
        let shares = RegimeChain.ergodic(transition: transition, regimes: regimeCount)
        nominalLogMeans.withUnsafeBufferPointer { m in
            shares.withUnsafeBufferPointer { p in
                guard let logMeans = m.baseAddress else { return }
                mixture(logMeans: logMeans, shares: p, universe: universe, mean: &mean, covariance: &covariance, scratch: &scratch)
            }
        }
        return (mean, covariance)
    }

    /// The moments of a month whose regime is k with probability shares[k].
    private func mixture(
        logMeans: UnsafePointer<Double>, shares: UnsafeBufferPointer<Double>, universe: [Int], mean: UnsafeMutablePointer<Double>,
        covariance: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) {
        let n = assetCount, u = universe.count
        mean.update(repeating: 0, count: u)
        covariance.update(repeating: 0, count: u * u)
        for next in 0..<regimeCount {
            let p = shares[next]
            guard p > 0 else { continue }
            // scratch[a] = exp(μ_a + Σ_aa/2): 1 + the regime's mean simple return.
            for (a, i) in universe.enumerated() {
                scratch[a] = exp(logMeans[next * n + i] + halfVariances[next * n + i])
            }
            for (a, i) in universe.enumerated() {
                let ma = scratch[a] - 1
                mean[a] += p * ma
                for (b, j) in universe.enumerated() {
                    let c = scratch[a] * scratch[b] * covarianceFactors[next * n * n + i * n + j]
                    covariance[a * u + b] += p * (c + ma * (scratch[b] - 1))
                }
            }
        }
        for a in 0..<u {
            for b in 0..<u { covariance[a * u + b] -= mean[a] * mean[b] }
        }
    }
}
