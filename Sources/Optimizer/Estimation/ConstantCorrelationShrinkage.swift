/// Ledoit-Wolf shrinkage toward the constant-correlation target (see
/// `CovarianceEstimator.constantCorrelation`), in PyPortfolioOpt's arithmetic, from centred moments
/// that the batch and the running estimators each compute.
enum ConstantCorrelationShrinkage {
    /// Shrinks in place and returns the intensity.
    /// - Parameters:
    ///   - s: n x n, the sample covariance (divisor T - 1) on entry, the shrunk covariance on return.
    ///     Rows of zero-variance assets must be exactly zero.
    ///   - squares: n x n, Σ_t y_ti² y_tj² (y the centred returns).
    ///   - cubes: n x n, Σ_t y_ti³ y_tj (the diagonal is not read).
    ///   - deviations: n doubles of scratch.
    static func apply(covariance s: UnsafeMutablePointer<Double>, squares: UnsafePointer<Double>,
                      cubes: UnsafePointer<Double>, assets n: Int, months t: Int,
                      deviations sd: UnsafeMutablePointer<Double>) -> Double {
        let count = Double(t)
        var live = 0
        for i in 0..<n {
            sd[i] = s[i * n + i].squareRoot()
            if sd[i] > 0 { live += 1 }
        }
        // The average correlation over the assets that vary (diagonal included, then taken out,
        // as PyPortfolioOpt does).
        var correlationSum = 0.0
        for i in 0..<n where sd[i] > 0 {
            for j in 0..<n where sd[j] > 0 { correlationSum += s[i * n + j] / (sd[i] * sd[j]) }
        }
        let meanCorrelation = live > 1 ? (correlationSum - Double(live)) / Double(live * (live - 1)) : 0

        var pi = 0.0, piDiagonal = 0.0, thetaSum = 0.0, gamma = 0.0
        for i in 0..<n {
            let ci = s[i * n + i] * (count - 1) / count  // the 1/T variance PyPortfolioOpt uses in θ
            for j in 0..<n {
                let sij = s[i * n + j]
                let piij = squares[i * n + j] / count - 2 * (count - 1) * sij * sij / count + sij * sij
                pi += piij
                if i == j {
                    piDiagonal += piij
                    continue
                }
                let target = meanCorrelation * sd[i] * sd[j]
                gamma += (sij - target) * (sij - target)
                guard sd[i] > 0 && sd[j] > 0 else { continue }  // θ_ij is 0 for a constant asset
                let cij = sij * (count - 1) / count
                let sii = s[i * n + i]
                let theta = cubes[i * n + j] / count - ci * sij - cij * sii + sii * sij
                thetaSum += sd[j] / sd[i] * theta
            }
        }
        let rho = piDiagonal + meanCorrelation * thetaSum
        // γ̂ = 0: the target is the sample covariance itself; any intensity gives the same matrix.
        guard gamma > 0 else { return 0 }
        let shrinkage = max(0, min(1, (pi - rho) / gamma / count))
        for i in 0..<n {
            for j in 0..<n {
                let target = i == j ? s[i * n + i] : meanCorrelation * sd[i] * sd[j]
                s[i * n + j] = shrinkage * target + (1 - shrinkage) * s[i * n + j]
            }
        }
        return shrinkage
    }
}
