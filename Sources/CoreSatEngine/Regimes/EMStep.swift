import Foundation
import GSLKit

/// The M-step: the closed-form maximizer of the expected complete-data log-likelihood given the
/// smoothed probabilities w_tk. mu_k and Sigma_k are w-weighted means and covariances; P_ij is the
/// smoothed number of i -> j transitions over the smoothed number of months leaving i. Like
/// statsmodels' `_em_regime_transition`, P ignores that the first month's distribution is P's
/// ergodic one, so EM's fixed point is slightly off the maximum likelihood; the fit's BFGS polish
/// closes the gap.
enum EMStep {
    static func maximize(
        _ smoothing: RegimeSmoothing, data: UnsafeBufferPointer<Double>, previous: SwitchingParameters, floor: Double
    ) throws(GSLError) -> SwitchingParameters {
        let (k, n) = (previous.regimeCount, previous.dimension)
        let months = data.count / n
        let w = smoothing.smoothed
        var next = previous
        for r in 0..<k {
            var weight = 0.0
            var mean = [Double](repeating: 0, count: n)
            for t in 0..<months {
                weight += w[t * k + r]
                for i in 0..<n { mean[i] += w[t * k + r] * data[t * n + i] }
            }
            // A regime with (almost) no months keeps its parameters: there is nothing to estimate them from.
            guard weight > 1e-10 * Double(months) else { continue }
            for i in 0..<n { mean[i] /= weight }
            var covariance = SquareMatrix(order: n, values: Array(repeating: 0, count: n * n))
            var deviation = [Double](repeating: 0, count: n)
            for t in 0..<months {
                for i in 0..<n { deviation[i] = data[t * n + i] - mean[i] }
                let wt = w[t * k + r] / weight
                for i in 0..<n {
                    for j in 0...i { covariance.values[i * n + j] += wt * deviation[i] * deviation[j] }
                }
            }
            for i in 0..<n { for j in 0..<i { covariance[j, i] = covariance[i, j] } }
            next.mean.replaceSubrange((r * n)..<((r + 1) * n), with: mean)
            next.covariance.replaceSubrange((r * n * n)..<((r + 1) * n * n), with: try floored(covariance, at: floor).values)
        }
        for i in 0..<k {
            let leaving = (0..<k).reduce(0.0) { $0 + smoothing.transitions[i * k + $1] }
            guard leaving > 0 else { continue }
            for j in 0..<k { next.transition[i * k + j] = smoothing.transitions[i * k + j] / leaving }
        }
        return next
    }

    /// The covariance with its eigenvalues raised to at least `floor`. A regime that settles on a
    /// few months, or on months lying on a line, would otherwise shrink its covariance towards a
    /// singular one and the likelihood towards infinity (the degenerate maxima of Gaussian
    /// mixtures); the floor is a small fraction of the sample's own variance (`RegimeFitOptions`).
    static func floored(_ covariance: SquareMatrix, at floor: Double) throws(GSLError) -> SquareMatrix {
        let n = covariance.order
        if n == 1 { return SquareMatrix(order: 1, values: [max(covariance.values[0], floor)]) }
        let (values, vectors) = try covariance.symmetricEigensystem()
        guard values.contains(where: { $0 < floor }) else { return covariance }
        var result = SquareMatrix(order: n, values: Array(repeating: 0, count: n * n))
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for m in 0..<n { s += vectors[i, m] * max(values[m], floor) * vectors[j, m] }
                result[i, j] = s
            }
        }
        return result
    }
}
