/// Ledoit-Wolf shrinkage toward μI (see `CovarianceEstimator.ledoitWolf`), in scikit-learn's
/// arithmetic, from centred moments that the batch and the running estimators each compute.
enum ScaledIdentityShrinkage {
    /// Shrinks in place and returns the intensity.
    /// - Parameters:
    ///   - c: n x n, the empirical covariance (divisor T) on entry, the shrunk covariance on return.
    ///   - fourthPowerSum: Σ_t ‖y_t‖⁴ over the months, y_t the centred returns of month t.
    static func apply(covariance c: UnsafeMutablePointer<Double>, assets n: Int, months t: Int,
                      fourthPowerSum: Double) -> Double {
        // One asset: the target is the matrix itself (scikit-learn returns 0 as well).
        guard n > 1 else { return 0 }
        var trace = 0.0, squares = 0.0
        for i in 0..<n { trace += c[i * n + i] }
        for k in 0..<(n * n) { squares += c[k] * c[k] }
        let mu = trace / Double(n)
        let count = Double(t), assets = Double(n)
        var beta = (fourthPowerSum / count - squares) / (assets * count)
        let delta = (squares - 2 * mu * trace + assets * mu * mu) / assets
        // δ = 0 means C is already μI; any intensity gives the same matrix.
        guard delta > 0 else { return 0 }
        beta = min(beta, delta)
        let shrinkage = beta == 0 ? 0 : beta / delta
        for k in 0..<(n * n) { c[k] *= 1 - shrinkage }
        for i in 0..<n { c[i * n + i] += shrinkage * mu }
        return shrinkage
    }
}
