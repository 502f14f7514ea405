/// The moments of a whole sample, computed directly from the returns centred by their (weighted)
/// mean: the reference that `RunningMoments` must reproduce from its running sums.
struct BatchMoments {
    let returns: [Double]
    let months: Int
    let assets: Int
    let estimator: CovarianceEstimator

    init(returns: [Double], months: Int, assets: Int, estimator: CovarianceEstimator) {
        self.returns = returns
        self.months = months
        self.assets = assets
        self.estimator = estimator
    }

    func estimate() -> MomentEstimate {
        let (t, n) = (months, assets)
        let weights = monthWeights()
        let weightSum = weights.reduce(0, +)
        let mean = weightedMean(weights, weightSum)
        var centred = returns
        for k in 0..<t { for i in 0..<n { centred[k * n + i] -= mean[i] } }

        var products = [Double](repeating: 0, count: n * n)  // Σ_t w_t y_ti y_tj
        for k in 0..<t {
            for i in 0..<n {
                for j in 0..<n { products[i * n + j] += weights[k] * centred[k * n + i] * centred[k * n + j] }
            }
        }
        var covariance = products
        var shrinkage: Double?
        switch estimator {
        case .sample:
            for k in covariance.indices { covariance[k] /= Double(t - 1) }
        case .exponential:
            let squareSum = weights.reduce(0) { $0 + $1 * $1 }
            let unbias = weightSum * weightSum / (weightSum * weightSum - squareSum)
            for k in covariance.indices { covariance[k] = covariance[k] / weightSum * unbias }
        case .ledoitWolf:
            for k in covariance.indices { covariance[k] /= Double(t) }
            var fourthPowerSum = 0.0
            for k in 0..<t {
                var norm = 0.0
                for i in 0..<n { norm += centred[k * n + i] * centred[k * n + i] }
                fourthPowerSum += norm * norm
            }
            // n >= 1 and t >= 2 are checked by the caller, so the buffers are not empty.
            shrinkage = covariance.withUnsafeMutableBufferPointer { s in
                s.baseAddress.map {
                    ScaledIdentityShrinkage.apply(covariance: $0, assets: n, months: t, fourthPowerSum: fourthPowerSum)
                }
            }
        case .constantCorrelation:
            for k in covariance.indices { covariance[k] /= Double(t - 1) }
            var squares = [Double](repeating: 0, count: n * n), cubes = squares
            for k in 0..<t {
                for i in 0..<n {
                    let yi = centred[k * n + i]
                    for j in 0..<n {
                        let yj = centred[k * n + j]
                        squares[i * n + j] += yi * yi * yj * yj
                        cubes[i * n + j] += yi * yi * yi * yj
                    }
                }
            }
            var deviations = [Double](repeating: 0, count: 2 * n)
            shrinkage = covariance.withUnsafeMutableBufferPointer { s in
                deviations.withUnsafeMutableBufferPointer { sd in
                    guard let covariance = s.baseAddress, let deviations = sd.baseAddress else { return nil }
                    return ConstantCorrelationShrinkage.apply(
                        covariance: covariance, squares: squares, cubes: cubes, assets: n, months: t, deviations: deviations)
                }
            }
        }
        return MomentEstimate(mean: mean, covariance: covariance, observations: t, shrinkage: shrinkage)
    }

    /// 1 for every month, or (1 - α)^age for `.exponential` (the latest month weighs 1).
    private func monthWeights() -> [Double] {
        guard case .exponential = estimator else { return Array(repeating: 1, count: months) }
        let decay = estimator.decay
        var weights = [Double](repeating: 1, count: months)
        for k in stride(from: months - 2, through: 0, by: -1) { weights[k] = weights[k + 1] * decay }
        return weights
    }

    /// The weighted mean of each asset; exactly the common value when all its months are equal, so
    /// that its centred returns, variance and covariances are exactly zero.
    private func weightedMean(_ weights: [Double], _ weightSum: Double) -> [Double] {
        let (t, n) = (months, assets)
        var mean = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let first = returns[i]
            var sum = 0.0, constant = true
            for k in 0..<t {
                let x = returns[k * n + i]
                sum += weights[k] * x
                constant = constant && x == first
            }
            mean[i] = constant ? first : sum / weightSum
        }
        return mean
    }
}
