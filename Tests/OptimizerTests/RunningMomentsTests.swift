import GSLKit
import Optimizer
import Testing

/// A long stream of monthly returns of `assets` assets with one common factor: means 0.3%..1.2%,
/// volatilities 3%..8%, correlations about 0.2..0.8 (seeded, so every run sees the same numbers).
private func stream(months: Int, assets: Int, seed: UInt32) -> [Double] {
    let random = RandomSource(seed: seed)
    let means = (0..<assets).map { 0.003 + 0.009 * Double($0) / Double(max(assets - 1, 1)) }
    let vols = (0..<assets).map { 0.03 + 0.05 * Double(($0 * 7) % assets) / Double(assets) }
    let loadings = (0..<assets).map { _ in 0.45 + 0.45 * random.uniform() }
    var normals = [Double](repeating: 0, count: months * (assets + 1))
    normals.withUnsafeMutableBufferPointer { random.fillNormals($0) }
    return (0..<months).flatMap { t in
        (0..<assets).map { i in
            let common = normals[t * (assets + 1)], own = normals[t * (assets + 1) + 1 + i]
            return means[i] + vols[i] * (loadings[i] * common + (1 - loadings[i] * loadings[i]).squareRoot() * own)
        }
    }
}

/// Feeds months [from, to) of `returns` to `running` and returns its estimate.
private func feed(_ running: RunningMoments, _ returns: [Double], from: Int, to: Int) -> MomentEstimate {
    let n = running.assets
    returns.withUnsafeBufferPointer { all in
        for t in from..<to { running.append(all.baseAddress! + t * n) }
    }
    var mean = [Double](repeating: 0, count: n), covariance = [Double](repeating: 0, count: n * n)
    let shrinkage = running.estimate(mean: &mean, covariance: &covariance)
    return MomentEstimate(mean: mean, covariance: covariance, observations: running.count, shrinkage: shrinkage)
}

private let estimators: [CovarianceEstimator] = [.sample, .ledoitWolf, .constantCorrelation, .exponential(halfLife: 9)]

// The running estimate and the batch one compute the same quantities by different routes (sums
// expanded about a shift versus returns centred first), so they agree to rounding amplified by the
// expansions' cancellation and by what the removals left since the last re-summing (at most one
// window of them). 1e-10 of the largest entry leaves room for that, while a month counted twice or
// missed, or a wrong window, changes entries by about 1/36 of their size.
private let tolerance = 1e-10

@Suite struct RunningMomentsTests {
    /// 500 months through a 36-month window (13 re-summings and everything in between): the running
    /// estimate equals the batch estimate of the last 36 months; for `.exponential`, of all 500.
    @Test(arguments: estimators)
    func aLongStreamEqualsTheBatchEstimateOfItsWindow(_ estimator: CovarianceEstimator) throws {
        let (months, n, window) = (500, 7, 36)
        let returns = stream(months: months, assets: n, seed: 11)
        let running = RunningMoments(assets: n, window: window, estimator: estimator)
        let first = estimator == .exponential(halfLife: 9) ? 0 : months - window
        let batch = try MomentEstimate.estimate(returns: Array(returns[(first * n)...]), months: months - first,
                                                assets: n, covariance: estimator)
        let streamed = feed(running, returns, from: 0, to: months)
        #expect(running.count == months - first)
        #expect(relativeDifference(streamed.mean, batch.mean) < tolerance)
        #expect(relativeDifference(streamed.covariance, batch.covariance) < tolerance)
        #expect(abs((streamed.shrinkage ?? -1) - (batch.shrinkage ?? -1)) < tolerance)
    }

    /// Every month from the second: the estimate tracks the batch one while the window fills, at
    /// the month it becomes full and through the re-summings after.
    @Test(arguments: estimators)
    func everyMonthEqualsTheBatchEstimate(_ estimator: CovarianceEstimator) throws {
        let (months, n, window) = (100, 4, 12)
        let returns = stream(months: months, assets: n, seed: 5)
        let running = RunningMoments(assets: n, window: window, estimator: estimator)
        var worst = 0.0
        running.append(returns)  // month 0: an estimate needs two
        for t in 2...months {
            let first = estimator == .exponential(halfLife: 9) ? 0 : max(0, t - window)
            let streamed = feed(running, returns, from: t - 1, to: t)
            let batch = try MomentEstimate.estimate(returns: Array(returns[(first * n)..<(t * n)]), months: t - first,
                                                    assets: n, covariance: estimator)
            worst = max(worst, relativeDifference(streamed.covariance, batch.covariance),
                        relativeDifference(streamed.mean, batch.mean))
        }
        #expect(worst < tolerance)
    }

    /// An asset that stops moving (cash) and a window over which it is constant: exactly zero
    /// covariances, as in the batch estimate, and the constant-correlation target leaves it out.
    @Test(arguments: estimators)
    func anAssetThatBecomesConstantGetsZeroCovariances(_ estimator: CovarianceEstimator) throws {
        let (months, n, window, cash) = (120, 5, 24, 2)
        var returns = stream(months: months, assets: n, seed: 3)
        for t in 60..<months { returns[t * n + cash] = 0.0025 }
        let running = RunningMoments(assets: n, window: window, estimator: estimator)
        let streamed = feed(running, returns, from: 0, to: months)
        let first = estimator == .exponential(halfLife: 9) ? 0 : months - window
        let batch = try MomentEstimate.estimate(returns: Array(returns[(first * n)...]), months: months - first,
                                                assets: n, covariance: estimator)
        #expect(relativeDifference(streamed.covariance, batch.covariance) < tolerance)
        #expect(abs((streamed.shrinkage ?? -1) - (batch.shrinkage ?? -1)) < tolerance)
        if case .exponential = estimator {
            #expect(streamed.covariance[cash * n + cash] > 0)  // its earlier months still weigh
        } else {
            #expect(streamed.mean[cash] == 0.0025)
            #expect((0..<n).allSatisfy { $0 == cash || streamed.covariance[cash * n + $0] == 0 })
        }
    }

    /// After `reset` the estimator starts over: the same months give the same estimate as a new one.
    @Test(arguments: estimators)
    func resetStartsOver(_ estimator: CovarianceEstimator) {
        let (n, window) = (3, 10)
        let returns = stream(months: 60, assets: n, seed: 8)
        let used = RunningMoments(assets: n, window: window, estimator: estimator)
        _ = feed(used, returns, from: 0, to: 37)
        used.reset()
        #expect(used.count == 0)
        let again = feed(used, returns, from: 40, to: 60)
        let fresh = feed(RunningMoments(assets: n, window: window, estimator: estimator), returns, from: 40, to: 60)
        #expect(again == fresh)
    }
}
