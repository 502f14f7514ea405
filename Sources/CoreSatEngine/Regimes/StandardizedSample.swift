import Foundation
import GSLKit

/// The fit's data, checked and standardized per column, z = (x - m) / d. The fit runs on z so that
/// starts, perturbations, floors and BFGS steps mean the same whatever the units (percent or
/// decimal returns); parameters and log-likelihood are mapped back at the end, exactly:
/// mu = m + d mu_z, Sigma_ij = d_i d_j Sigma_z,ij, log L = log L_z - T sum log d_i.
struct StandardizedSample: Sendable {
    let months: Int
    let dimension: Int
    let center: [Double]
    let scale: [Double]
    /// [month][asset].
    let z: [Double]
    /// The smallest eigenvalue of z's covariance (1 for one asset): the unit of the variance floor.
    let smallestVariance: Double

    init(_ returns: [[Double]]) throws(RegimeFitError) {
        guard let n = returns.first?.count, n > 0 else { throw RegimeFitError("no returns to fit") }
        for (t, row) in returns.enumerated() {
            guard row.count == n else { throw RegimeFitError("month \(t) has \(row.count) returns, month 0 has \(n)") }
            if let i = row.firstIndex(where: { !$0.isFinite }) { throw RegimeFitError("month \(t), column \(i): the return is not a finite number") }
        }
        let t = returns.count
        months = t
        dimension = n
        let center = (0..<n).map { i in returns.reduce(0.0) { $0 + $1[i] } / Double(t) }
        let scale = (0..<n).map { i in (returns.reduce(0.0) { $0 + ($1[i] - center[i]) * ($1[i] - center[i]) } / Double(t)).squareRoot() }
        if let i = scale.firstIndex(where: { !($0 > 0) }) { throw RegimeFitError("column \(i) is constant: no variance to fit") }
        var z = [Double](repeating: 0, count: t * n)
        for (m, row) in returns.enumerated() {
            for i in 0..<n { z[m * n + i] = (row[i] - center[i]) / scale[i] }
        }
        (self.center, self.scale, self.z) = (center, scale, z)
        var covariance = SquareMatrix.identity(n)
        for i in 0..<n {
            for j in 0..<i {
                let c = (0..<t).reduce(0.0) { $0 + z[$1 * n + i] * z[$1 * n + j] } / Double(t)
                (covariance[i, j], covariance[j, i]) = (c, c)
            }
        }
        let smallest: Double
        do { smallest = try covariance.symmetricEigenvalues().first ?? 1 } catch { throw RegimeFitError("the sample covariance: \(error)") }
        guard smallest > 1e-12 else { throw RegimeFitError("the columns are collinear: no covariance to fit") }
        smallestVariance = smallest
    }

    /// Parameters fitted on z in the data's units.
    func original(_ p: SwitchingParameters) -> SwitchingParameters {
        var result = p
        let n = dimension
        for r in 0..<p.regimeCount {
            for i in 0..<n {
                result.mean[r * n + i] = center[i] + scale[i] * p.mean[r * n + i]
                for j in 0..<n { result.covariance[(r * n + i) * n + j] = scale[i] * scale[j] * p.covariance(r, i, j) }
            }
        }
        return result
    }

    /// log L of the data from log L of z: the densities differ by the Jacobian prod d_i a month.
    func originalLogLikelihood(_ logLikelihood: Double) -> Double {
        logLikelihood - Double(months) * scale.reduce(0.0) { $0 + log($1) }
    }

    /// The default start: the months sorted by `column` and cut into K groups of equal size (the
    /// quantiles), each group's mean and floored covariance, and a chain that stays put with
    /// probability 0.9 (or 1, for one regime).
    func quantileStart(regimes k: Int, column: Int, floor: Double) throws(GSLError) -> SwitchingParameters {
        let n = dimension
        let order = (0..<months).sorted { (z[$0 * n + column], $0) < (z[$1 * n + column], $1) }
        var mean: [Double] = [], covariance: [Double] = []
        for r in 0..<k {
            let group = order[(r * months / k)..<((r + 1) * months / k)]
            let count = Double(group.count)
            let mu = (0..<n).map { i in group.reduce(0.0) { $0 + z[$1 * n + i] } / count }
            var sigma = SquareMatrix(order: n, values: Array(repeating: 0, count: n * n))
            for i in 0..<n {
                for j in 0..<n { sigma[i, j] = group.reduce(0.0) { $0 + (z[$1 * n + i] - mu[i]) * (z[$1 * n + j] - mu[j]) } / count }
            }
            mean += mu
            covariance += try EMStep.floored(sigma, at: floor).values
        }
        let stay = k == 1 ? 1 : 0.9
        let transition = (0..<(k * k)).map { $0 / k == $0 % k ? stay : (1 - stay) / Double(k - 1) }
        return SwitchingParameters(regimeCount: k, dimension: n, mean: mean, covariance: covariance, transition: transition)
    }
}
