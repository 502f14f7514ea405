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
        var next = previous
        for r in 0..<k {
            guard let (mean, covariance) = smoothing.smoothed.withUnsafeBufferPointer({ weighted(data, months: months, n: n, weights: $0, regime: r, of: k) }) else {
                // A regime with (almost) no months keeps its parameters: there is nothing to estimate them from.
                continue
            }
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

    /// The w-weighted mean and covariance of the months (two passes: the deviations from the mean,
    /// not raw second moments, for accuracy); nil when the weights are all but zero. One pass over
    /// the months per sum, each into a local: a sum kept in memory waits on its own store every month.
    private static func weighted(
        _ data: UnsafeBufferPointer<Double>, months: Int, n: Int, weights w: UnsafeBufferPointer<Double>, regime r: Int, of k: Int
    ) -> ([Double], SquareMatrix)? {
        var weight = 0.0
        for t in 0..<months { weight += w[t * k + r] }
        guard weight > 1e-10 * Double(months) else { return nil }
        let mean = (0..<n).map { i in
            var s = 0.0
            for t in 0..<months { s += w[t * k + r] * data[t * n + i] }
            return s / weight
        }
        var covariance = SquareMatrix(order: n, values: Array(repeating: 0, count: n * n))
        for i in 0..<n {
            for j in 0...i {
                let (mi, mj) = (mean[i], mean[j])
                var s = 0.0
                for t in 0..<months { s += w[t * k + r] * (data[t * n + i] - mi) * (data[t * n + j] - mj) }
                covariance[i, j] = s / weight
                covariance[j, i] = s / weight
            }
        }
        return (mean, covariance)
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
