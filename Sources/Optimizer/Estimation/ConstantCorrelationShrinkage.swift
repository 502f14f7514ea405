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
    ///   - deviations: 2n doubles of scratch.
    static func apply(covariance s: UnsafeMutablePointer<Double>, squares: UnsafePointer<Double>,
                      cubes: UnsafePointer<Double>, assets n: Int, months t: Int,
                      deviations sd: UnsafeMutablePointer<Double>) -> Double {
        let count = Double(t), perMonth = 1 / count
        let inverse = sd + n  // 1/σ_i, or 0 for a constant asset so that its terms vanish
        var live = 0
        for i in 0..<n {
            sd[i] = s[i * n + i].squareRoot()
            inverse[i] = sd[i] > 0 ? 1 / sd[i] : 0
            if sd[i] > 0 { live += 1 }
        }
        // The average correlation over the assets that vary (diagonal included, then taken out,
        // as PyPortfolioOpt does).
        var correlationSum = 0.0
        for i in 0..<n {
            for j in 0..<n { correlationSum += s[i * n + j] * inverse[i] * inverse[j] }
        }
        let meanCorrelation = live > 1 ? (correlationSum - Double(live)) / Double(live * (live - 1)) : 0

        // π_ij = Σ y_i² y_j² / T - 2 (T - 1)/T S_ij² + S_ij², and θ_ij = Σ y_i³ y_j / T - C_ii S_ij
        // - C_ij S_ii + S_ii S_ij with C = (T - 1)/T S, PyPortfolioOpt's 1/T covariance.
        let squareFactor = 1 - 2 * (count - 1) * perMonth, thetaFactor = 2 * (count - 1) * perMonth - 1
        var pi = 0.0, piDiagonal = 0.0, thetaSum = 0.0, gamma = 0.0
        for i in 0..<n {
            let sii = s[i * n + i]
            for j in 0..<n {
                let sij = s[i * n + j]
                let piij = squares[i * n + j] * perMonth + squareFactor * sij * sij
                pi += piij
                if i == j {
                    piDiagonal += piij
                    continue
                }
                let target = meanCorrelation * sd[i] * sd[j]
                gamma += (sij - target) * (sij - target)
                let theta = cubes[i * n + j] * perMonth - thetaFactor * sii * sij
                thetaSum += sd[j] * inverse[i] * theta  // 0 when either asset is constant
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
