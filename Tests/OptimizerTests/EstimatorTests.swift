import Optimizer
import Testing

// Tolerances. The fixtures' returns are a few percent a month, so covariances are 1e-4 .. 1e-2 and
// means 1e-3 .. 1e-2. Any wrong convention moves entries by far more than rounding: a T vs T - 1
// divisor by 1/T of their size (2% at T = 60), a wrong shrinkage intensity by its own error times
// the distance to the target. Two correct implementations differ only by the rounding of their
// summation orders, about 1e-16 of the largest entry (measured: at most 5e-16 for covariances, 8e-16
// for means, 1.1e-15 for intensities). Entries are therefore compared relative to the largest one, to
// 1e-12: that is an absolute 5e-15 on a covariance of 0.005, much tighter than an absolute 1e-12
// (which a 1e-2 variance would meet with a wrong 10th significant digit) yet 1000 times the
// rounding, so it does not hang on summation order. Intensities (in [0, 1]) are compared to 1e-12.
private let tolerance = 1e-12

@Suite struct EstimatorTests {
    @Test(arguments: EstimatorReference.names)
    func sampleMomentsEqualNumpy(_ name: String) throws {
        let reference = try EstimatorReference.load(name)
        let estimate = try estimate(reference, .sample)
        #expect(relativeDifference(estimate.mean, reference.sampleMean) < tolerance)
        #expect(relativeDifference(estimate.covariance, reference.sampleCovariance) < tolerance)
        #expect(estimate.shrinkage == nil && estimate.observations == reference.months)
    }

    @Test(arguments: EstimatorReference.names)
    func ledoitWolfEqualsScikitLearn(_ name: String) throws {
        let reference = try EstimatorReference.load(name)
        let estimate = try estimate(reference, .ledoitWolf)
        let shrinkage = try #require(estimate.shrinkage)
        #expect(relativeDifference(estimate.mean, reference.sampleMean) < tolerance)
        #expect(relativeDifference(estimate.covariance, reference.ledoitWolfCovariance) < tolerance)
        #expect(abs(shrinkage - reference.ledoitWolfShrinkage) < tolerance)
    }

    @Test(arguments: EstimatorReference.names)
    func constantCorrelationEqualsPyPortfolioOpt(_ name: String) throws {
        let reference = try EstimatorReference.load(name)
        let estimate = try estimate(reference, .constantCorrelation)
        let shrinkage = try #require(estimate.shrinkage)
        #expect(relativeDifference(estimate.covariance, reference.constantCorrelationCovariance) < tolerance)
        #expect(abs(shrinkage - reference.constantCorrelationShrinkage) < tolerance)
    }

    @Test(arguments: EstimatorReference.names)
    func exponentialEqualsPandas(_ name: String) throws {
        let reference = try EstimatorReference.load(name)
        let estimate = try estimate(reference, .exponential(halfLife: reference.halfLife))
        #expect(relativeDifference(estimate.mean, reference.exponentialMean) < tolerance)
        #expect(relativeDifference(estimate.covariance, reference.exponentialCovariance) < tolerance)
        #expect(estimate.shrinkage == nil)
    }

    private func estimate(_ reference: EstimatorReference, _ estimator: CovarianceEstimator) throws -> MomentEstimate {
        try MomentEstimate.estimate(returns: reference.returns, months: reference.months, assets: reference.assets,
                                    covariance: estimator)
    }

    /// Ledoit & Wolf (2004), "A well-conditioned estimator for large-dimensional covariance
    /// matrices", section 3, on 5 months of 3 assets, step by step in the paper's notation (norms
    /// divided by the dimension p, sample covariance S with divisor n = months):
    /// m = <S, I>, d² = ‖S - mI‖², b̄² = (1/n²) Σ_k ‖y_k y_kᵀ - S‖², b² = min(b̄², d²),
    /// S* = (b²/d²) m I + (1 - b²/d²) S.
    @Test func ledoitWolfFollowsThePublishedFormula() throws {
        let returns: [Double] = [
            0.021, -0.004, 0.013,
            -0.032, -0.018, -0.041,
            0.045, 0.012, 0.030,
            0.008, 0.027, -0.006,
            -0.011, 0.003, 0.019,
        ]
        let (n, p) = (5, 3)
        var mean = [Double](repeating: 0, count: p)
        for k in 0..<n { for i in 0..<p { mean[i] += returns[k * p + i] / Double(n) } }
        let y = (0..<n).map { k in (0..<p).map { returns[k * p + $0] - mean[$0] } }
        var s = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for k in 0..<n { for i in 0..<p { for j in 0..<p { s[i][j] += y[k][i] * y[k][j] / Double(n) } } }
        // ‖A‖² = tr(A Aᵀ) / p, the paper's normalized Frobenius norm.
        func norm2(_ a: [[Double]]) -> Double { a.joined().reduce(0) { $0 + $1 * $1 } / Double(p) }
        let m = (0..<p).reduce(0) { $0 + s[$1][$1] } / Double(p)
        var distance = s  // S - mI
        for i in 0..<p { distance[i][i] -= m }
        let d2 = norm2(distance)
        var bBar2 = 0.0
        for k in 0..<n {
            var deviation = s  // y_k y_kᵀ - S
            for i in 0..<p { for j in 0..<p { deviation[i][j] = y[k][i] * y[k][j] - s[i][j] } }
            bBar2 += norm2(deviation) / Double(n * n)
        }
        let b2 = min(bBar2, d2)
        let intensity = b2 / d2
        var expected = [Double]()
        for i in 0..<p {
            for j in 0..<p { expected.append(intensity * (i == j ? m : 0) + (1 - intensity) * s[i][j]) }
        }

        let estimate = try MomentEstimate.estimate(returns: returns, months: n, assets: p, covariance: .ledoitWolf)
        // Hand-sized data: the two summation orders differ by a few ulps of entries of about 5e-4.
        #expect(relativeDifference(estimate.covariance, expected) < tolerance)
        #expect(abs(try #require(estimate.shrinkage) - intensity) < tolerance)
        #expect(intensity > 0.05 && intensity < 1)  // the sample is one that is actually shrunk
    }

    @Test func invalidInputThrowsWithAReason() {
        let one = [0.01, 0.02]
        #expect(throws: EstimationError.tooFewMonths(1)) {
            try MomentEstimate.estimate(returns: one, months: 1, assets: 2, covariance: .sample)
        }
        #expect(throws: EstimationError.sizeMismatch(expected: 6, actual: 5)) {
            try MomentEstimate.estimate(returns: [0, 0, 0, 0, 0], months: 3, assets: 2, covariance: .sample)
        }
        #expect(throws: EstimationError.nonFiniteReturn(month: 1, asset: 0)) {
            try MomentEstimate.estimate(returns: [0.01, 0.02, .nan, 0.01], months: 2, assets: 2,
                                        covariance: .ledoitWolf)
        }
        #expect(throws: EstimationError.nonFiniteReturn(month: 0, asset: 1)) {
            try MomentEstimate.estimate(returns: [0.01, .infinity, 0.0, 0.01], months: 2, assets: 2,
                                        covariance: .sample)
        }
        #expect(throws: EstimationError.invalidHalfLife(0)) {
            try MomentEstimate.estimate(returns: [0.01, 0.02, 0.0, 0.01], months: 2, assets: 2,
                                        covariance: .exponential(halfLife: 0))
        }
        #expect(EstimationError.tooFewMonths(1).reason == "at least 2 months of returns are needed, got 1")
    }

    /// A constant asset (cash at a fixed rate) has exactly zero variance and covariances under every
    /// estimator, and its own return as its mean.
    @Test(arguments: [CovarianceEstimator.sample, .ledoitWolf, .constantCorrelation, .exponential(halfLife: 6)])
    func aConstantAssetHasExactlyZeroCovariances(_ estimator: CovarianceEstimator) throws {
        let reference = try EstimatorReference.load("T48N6constantColumn")
        let estimate = try estimate(reference, estimator)
        let n = reference.assets, cash = 3
        #expect(estimate.mean[cash] == 0.002)
        let cashRowAndColumn = (0..<n).flatMap {
            [estimate.covariance[cash * n + $0], estimate.covariance[$0 * n + cash]]
        }
        // Ledoit-Wolf toward μI puts the shrunk μ on the diagonal, constant asset or not.
        if estimator == .ledoitWolf {
            #expect(cashRowAndColumn.filter { $0 != 0 }.count == 2)
        } else {
            #expect(cashRowAndColumn.allSatisfy { $0 == 0 })
        }
    }
}
