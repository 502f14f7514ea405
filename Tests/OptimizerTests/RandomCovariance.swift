import GSLKit

/// Seeded covariance matrices of the kind portfolios see: a market factor every asset loads on,
/// a few other factors, and idiosyncratic variance (so Σ is positive definite).
func randomCovariance(assets n: Int, factors: Int, seed: UInt32) -> [Double] {
    let random = RandomSource(seed: seed)
    var normals = [Double](repeating: 0, count: n * factors)
    normals.withUnsafeMutableBufferPointer { random.fillNormals($0) }
    var sigma = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
        for j in 0..<n {
            var sum = 0.0
            for k in 0..<factors {
                let a = normals[i * factors + k] * 0.04, b = normals[j * factors + k] * 0.04
                // The first factor is a market factor: every loading positive.
                sum += k == 0 ? (abs(a) + 0.03) * (abs(b) + 0.03) : a * b
            }
            sigma[i * n + j] = sum
        }
        let idiosyncratic = 0.01 + 0.05 * random.uniform()
        sigma[i * n + i] += idiosyncratic * idiosyncratic
    }
    return sigma
}
