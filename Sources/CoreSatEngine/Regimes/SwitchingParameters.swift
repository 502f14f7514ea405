import Foundation
import GSLKit

/// The parameters of a Gaussian Markov-switching model of monthly log returns, flat for the fit's
/// loops: per regime k a mean mu_k and a full covariance Sigma_k, and the chain's transition
/// matrix. The first month's regime follows the chain's ergodic distribution (statsmodels'
/// MarkovRegression convention), so there is no start to estimate.
struct SwitchingParameters: Sendable, Equatable {
    let regimeCount: Int
    let dimension: Int
    /// [regime][asset].
    var mean: [Double]
    /// [regime][row][column].
    var covariance: [Double]
    /// [from][to], rows summing to 1.
    var transition: [Double]

    /// Free parameters: K N means, K N (N + 1) / 2 covariances, K (K - 1) transition probabilities.
    static func count(regimes k: Int, dimension n: Int) -> Int {
        k * n + k * n * (n + 1) / 2 + k * (k - 1)
    }

    func covariance(_ regime: Int, _ i: Int, _ j: Int) -> Double {
        covariance[(regime * dimension + i) * dimension + j]
    }

    /// The chain's stationary distribution (`RegimeChain.ergodic`).
    var ergodic: [Double] { RegimeChain.ergodic(transition: transition, regimes: regimeCount) }

    /// As the engine's market: per asset mu and sqrt(Sigma_ii), the correlation Sigma_ij / (s_i s_j),
    /// the chain, and the ergodic distribution as the first month's.
    func marketSpec(names: [String]) -> MarketSpec {
        precondition(names.count == regimeCount, "one name per regime")
        let n = dimension
        let regimes = (0..<regimeCount).map { r in
            let sigma = (0..<n).map { covariance(r, $0, $0).squareRoot() }
            var correlation = SquareMatrix.identity(n)
            for i in 0..<n {
                for j in 0..<n where i != j { correlation[i, j] = covariance(r, i, j) / (sigma[i] * sigma[j]) }
            }
            return RegimeSpec(
                name: names[r], parameters: (0..<n).map { LogReturnParameters(mu: mean[r * n + $0], sigma: sigma[$0]) },
                correlation: correlation)
        }
        return MarketSpec(
            regimes: regimes, transition: SquareMatrix(order: regimeCount, values: transition), start: ergodic,
            innovations: .normal)
    }

    /// The same model with regime `order[k]` as regime k.
    func relabelled(_ order: [Int]) -> SwitchingParameters {
        let (k, n) = (regimeCount, dimension)
        var copy = self
        for (to, from) in order.enumerated() {
            for i in 0..<n { copy.mean[to * n + i] = mean[from * n + i] }
            for i in 0..<(n * n) { copy.covariance[to * n * n + i] = covariance[from * n * n + i] }
            for (b, fromB) in order.enumerated() { copy.transition[to * k + b] = transition[from * k + fromB] }
        }
        return copy
    }
}
