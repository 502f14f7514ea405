import Foundation
import GSLKit

/// The model's parameters as an unconstrained vector, where the BFGS polish searches and the
/// restarts perturb, in statsmodels' manner:
/// - each transition row i by the logits of its first K - 1 entries against the last,
///   P_ij = exp(u_ij) / (1 + sum_m exp(u_im)), so every row stays a distribution;
/// - the means as they are;
/// - each covariance as Sigma_k = c I + L_k L_kᵀ, L_k lower triangular with log diagonal, so every
///   covariance stays positive definite; c is half the fit's eigenvalue floor, so the polish keeps
///   the guard against degenerate covariances (EM's floored Sigma_k - c I is positive definite).
struct UnconstrainedParameters {
    let regimeCount: Int
    let dimension: Int
    let shift: Double

    /// Transition probabilities are kept above this when taken to logits, so a zero stays finite.
    static let smallestProbability = 1e-10

    var count: Int { SwitchingParameters.count(regimes: regimeCount, dimension: dimension) }

    func pack(_ parameters: SwitchingParameters) throws(GSLError) -> [Double] {
        let (k, n) = (regimeCount, dimension)
        var u: [Double] = []
        u.reserveCapacity(count)
        for i in 0..<k {
            let last = max(parameters.transition[i * k + k - 1], Self.smallestProbability)
            for j in 0..<(k - 1) { u.append(log(max(parameters.transition[i * k + j], Self.smallestProbability) / last)) }
        }
        u += parameters.mean
        for r in 0..<k {
            var shifted = SquareMatrix(order: n, values: Array(parameters.covariance[(r * n * n)..<((r + 1) * n * n)]))
            for i in 0..<n { shifted[i, i] -= shift }
            let l = try shifted.cholesky()
            for i in 0..<n {
                for j in 0..<i { u.append(l[i, j]) }
                u.append(log(l[i, i]))
            }
        }
        return u
    }

    func unpack(_ u: [Double]) -> SwitchingParameters {
        let (k, n) = (regimeCount, dimension)
        var next = 0
        func take() -> Double {
            defer { next += 1 }
            return u[next]
        }
        var transition = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            let logits = (0..<(k - 1)).map { _ in take() }
            // Subtracting the largest logit (or the last entry's 0) keeps exp from overflowing.
            let top = max(0, logits.max() ?? 0)
            let total = exp(-top) + logits.reduce(0.0) { $0 + exp($1 - top) }
            for j in 0..<(k - 1) { transition[i * k + j] = exp(logits[j] - top) / total }
            transition[i * k + k - 1] = exp(-top) / total
        }
        let mean = (0..<(k * n)).map { _ in take() }
        var covariance = [Double](repeating: 0, count: k * n * n)
        var l = [Double](repeating: 0, count: n * n)
        for r in 0..<k {
            for i in 0..<n {
                for j in 0..<i { l[i * n + j] = take() }
                l[i * n + i] = exp(take())
            }
            for i in 0..<n {
                for j in 0...i {
                    var s = i == j ? shift : 0
                    for m in 0...j { s += l[i * n + m] * l[j * n + m] }
                    covariance[(r * n + i) * n + j] = s
                    covariance[(r * n + j) * n + i] = s
                }
            }
        }
        return SwitchingParameters(regimeCount: k, dimension: n, mean: mean, covariance: covariance, transition: transition)
    }
}
