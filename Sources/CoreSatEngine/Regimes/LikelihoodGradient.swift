import Foundation
import GSLKit

/// The exact log-likelihood's gradient in the unconstrained parameters, for the BFGS polish, by
/// Fisher's identity: the gradient of log L is the smoothed expectation of the complete-data
/// log-likelihood's gradient, so one filter-and-smoother pass gives it all, where differences
/// would take 2 passes per parameter. With gamma_t(k) the smoothed probabilities and xi_ij the
/// smoothed transition counts:
/// - mean mu_k: Sigma_k^-1 sum_t gamma_t(k) (y_t - mu_k);
/// - covariance: G_k = 1/2 Sigma_k^-1 (S_k - w_k Sigma_k) Sigma_k^-1 with w_k = sum_t gamma_t(k) and
///   S_k = sum_t gamma_t(k) (y_t - mu_k)(y_t - mu_k)ᵀ; through Sigma_k = c I + L_k L_kᵀ that is
///   2 (G_k L_k)_ij for L_ij, times L_ii for a log diagonal entry;
/// - transition logit u_im: xi_im - P_im sum_j xi_ij, plus the first month's term
///   sum_k gamma_0(k) d log pi_k(P) / du_im, which central differences give, the ergodic pi being
///   a function of P alone (no pass over the data).
extension UnconstrainedParameters {
    func logLikelihoodAndGradient(_ u: [Double], data: UnsafeBufferPointer<Double>) throws(GSLError) -> (logLikelihood: Double, gradient: [Double]) {
        let parameters = unpack(u)
        let smoothing = try KimSmoother.smooth(parameters, data: data)
        let (k, n) = (regimeCount, dimension)
        var gradient: [Double] = []
        gradient.reserveCapacity(count)

        let xi = smoothing.transitions, p = parameters.transition
        let logits = k * (k - 1)
        let gamma0 = Array(smoothing.smoothed[0..<k])
        let initial = QuasiNewton.centralDifferences({ v in
            var w = u
            w.replaceSubrange(0..<logits, with: v)
            let pi = unpack(w).ergodic
            return (0..<k).reduce(0.0) { $0 + (gamma0[$1] > 0 ? gamma0[$1] * log(max(pi[$1], .leastNormalMagnitude)) : 0) }
        }, at: Array(u[0..<logits]))
        for i in 0..<k {
            let leaving = (0..<k).reduce(0.0) { $0 + xi[i * k + $1] }
            for m in 0..<(k - 1) { gradient.append(xi[i * k + m] - p[i * k + m] * leaving + initial[i * (k - 1) + m]) }
        }

        let months = data.count / n
        var covarianceGradient: [Double] = []
        for r in 0..<k {
            var sigma = SquareMatrix(order: n, values: Array(parameters.covariance[(r * n * n)..<((r + 1) * n * n)]))
            let inverse = try Self.inverse(sigma)
            var weight = 0.0
            var deviation = [Double](repeating: 0, count: n), d = [Double](repeating: 0, count: n)
            var scatter = SquareMatrix(order: n, values: Array(repeating: 0, count: n * n))
            for t in 0..<months {
                let g = smoothing.smoothed[t * k + r]
                weight += g
                for i in 0..<n {
                    d[i] = data[t * n + i] - parameters.mean[r * n + i]
                    deviation[i] += g * d[i]
                }
                for i in 0..<n { for j in 0...i { scatter[i, j] += g * d[i] * d[j] } }
            }
            for i in 0..<n { for j in 0..<i { scatter[j, i] = scatter[i, j] } }
            for i in 0..<n { gradient.append((0..<n).reduce(0.0) { $0 + inverse[i, $1] * deviation[$1] }) }
            // S - w Sigma, then G = 1/2 Sigma^-1 (S - w Sigma) Sigma^-1.
            for i in 0..<(n * n) { sigma.values[i] = scatter.values[i] - weight * sigma.values[i] }
            let g = Self.product(Self.product(inverse, sigma), inverse)
            let l = lowerFactor(u, regime: r)
            for i in 0..<n {
                for j in 0...i {
                    let gl = (0..<n).reduce(0.0) { $0 + g[i, $1] * l[$1, j] }  // 2 (G L)_ij with G's 1/2
                    covarianceGradient.append(i == j ? gl * l[i, i] : gl)
                }
            }
        }
        return (smoothing.logLikelihood, gradient + covarianceGradient)
    }

    /// L_k as unpacked from u (the diagonal exponentiated).
    private func lowerFactor(_ u: [Double], regime r: Int) -> SquareMatrix {
        let n = dimension
        var next = regimeCount * (regimeCount - 1) + regimeCount * n + r * n * (n + 1) / 2
        var l = SquareMatrix(order: n, values: Array(repeating: 0, count: n * n))
        for i in 0..<n {
            for j in 0...i {
                l[i, j] = i == j ? exp(u[next]) : u[next]
                next += 1
            }
        }
        return l
    }

    private static func inverse(_ m: SquareMatrix) throws(GSLError) -> SquareMatrix {
        let n = m.order
        var result = SquareMatrix(order: n, values: Array(repeating: 0, count: n * n))
        for j in 0..<n {
            var unit = [Double](repeating: 0, count: n)
            unit[j] = 1
            let column = try m.solve(unit)
            for i in 0..<n { result[i, j] = column[i] }
        }
        return result
    }

    private static func product(_ a: SquareMatrix, _ b: SquareMatrix) -> SquareMatrix {
        let n = a.order
        var result = SquareMatrix(order: n, values: Array(repeating: 0, count: n * n))
        for i in 0..<n { for j in 0..<n { result[i, j] = (0..<n).reduce(0.0) { $0 + a[i, $1] * b[$1, j] } } }
        return result
    }
}
