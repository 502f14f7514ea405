import Optimizer
import Testing

/// Problems whose answers are known in closed form.
struct PortfolioClosedFormTests {
    let optimizer = PortfolioOptimizer()

    func inputs(_ mean: [Double], _ covariance: [[Double]]) -> PortfolioInputs {
        PortfolioInputs(names: mean.indices.map { "A\($0)" }, mean: mean, covariance: covariance.flatMap { $0 })
    }

    @Test func twoAssetMinimumVariance() {
        let (s1, s2, rho) = (0.05, 0.08, 0.3)
        let s12 = rho * s1 * s2
        let p = inputs([0.01, 0.01], [[s1 * s1, s12], [s12, s2 * s2]])
        let answer = optimizer.answer(.minimumVariance, inputs: p, constraints: PortfolioConstraints(assets: 2))
        let expected = (s2 * s2 - s12) / (s1 * s1 + s2 * s2 - 2 * s12)
        #expect(abs(answer.weights[0] - expected) <= 1e-14)
    }

    @Test func riskParityOfUncorrelatedAssetsIsInverseVolatility() {
        let vols = [0.02, 0.05, 0.07, 0.1]
        let covariance = vols.indices.map { i in vols.indices.map { $0 == i ? vols[i] * vols[i] : 0 } }
        let p = inputs([0, 0, 0, 0], covariance)
        let answer = optimizer.answer(.riskBudget([0.25, 0.25, 0.25, 0.25]), inputs: p, constraints: PortfolioConstraints(assets: 4))
        let inverse = vols.map { 1 / $0 }
        let total = inverse.reduce(0, +)
        for i in vols.indices { #expect(abs(answer.weights[i] - inverse[i] / total) <= 1e-12) }
        for rc in answer.riskContributions { #expect(abs(rc - 0.25) <= 1e-12) }
    }

    /// With short positions allowed and nothing else binding, the tangency portfolio is
    /// Σ⁻¹(μ - rf) scaled to sum to 1.
    @Test func maximumSharpeWithoutBoundsIsTheTangencyPortfolio() throws {
        let covariance = [[0.0025, 0.0006, 0.0002], [0.0006, 0.0016, 0.0004], [0.0002, 0.0004, 0.0036]]
        let mean = [0.008, 0.006, 0.01]
        let rf = 0.002
        let p = inputs(mean, covariance)
        let constraints = PortfolioConstraints(assets: 3, lower: -10, upper: 10)
        let answer = optimizer.answer(.maximumSharpe(riskFree: rf), inputs: p, constraints: constraints)
        let raw = try solve3(covariance, mean.map { $0 - rf })
        let total = raw.reduce(0, +)
        for i in 0..<3 { #expect(abs(answer.weights[i] - raw[i] / total) <= 1e-12) }
    }

    /// Cramer's rule, for a 3 x 3 system.
    func solve3(_ a: [[Double]], _ b: [Double]) throws -> [Double] {
        func det(_ m: [[Double]]) -> Double {
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        }
        let d = det(a)
        try #require(abs(d) > 0)
        return (0..<3).map { c in det(a.enumerated().map { r, row in row.enumerated().map { $0.offset == c ? b[r] : $0.element } }) / d }
    }

    @Test func conflictingGroupBoundsAreNamed() {
        let p = inputs([0.01, 0.01, 0.01], [[0.002, 0, 0], [0, 0.003, 0], [0, 0, 0.004]])
        var c = PortfolioConstraints(assets: 3, upper: 0.34)
        c.groups = [.init(name: "themes", members: [0, 1], lower: 0.7, upper: 1)]
        let answer = optimizer.answer(.minimumVariance, inputs: p, constraints: c)
        guard case .infeasible = answer.status else {
            Issue.record("expected infeasible, got \(answer.status)")
            return
        }
        #expect(answer.weights.isEmpty)
        #expect(answer.conflict.contains { $0.contains("themes") }, "\(answer.conflict) \(answer.status)")
    }

    @Test func aTargetReturnAboveTheBestIsInfeasible() {
        let p = inputs([0.01, 0.02], [[0.002, 0], [0, 0.003]])
        let answer = optimizer.answer(.targetReturn(0.03), inputs: p, constraints: PortfolioConstraints(assets: 2))
        guard case .infeasible = answer.status else {
            Issue.record("expected infeasible, got \(answer.status)")
            return
        }
        #expect(answer.conflict.contains { $0.contains("expected return >= 0.03") }, "\(answer.conflict)")
    }

    @Test func aVolatilityLimitBelowTheLeastRiskyIsInfeasible() {
        let p = inputs([0.01, 0.02], [[0.0025, 0], [0, 0.0036]])
        let answer = optimizer.answer(.targetVolatility(0.01), inputs: p, constraints: PortfolioConstraints(assets: 2))
        guard case .infeasible = answer.status else {
            Issue.record("expected infeasible, got \(answer.status)")
            return
        }
        #expect(answer.conflict.contains { $0.contains("least risky") }, "\(answer.conflict)")
    }

    @Test func aLooseVolatilityLimitGivesTheHighestReturn() {
        let p = inputs([0.01, 0.02], [[0.0025, 0], [0, 0.0036]])
        let answer = optimizer.answer(.targetVolatility(0.5), inputs: p, constraints: PortfolioConstraints(assets: 2))
        #expect(answer.isOptimal)
        #expect(abs(answer.weights[1] - 1) <= 1e-12)
        #expect(answer.notes.contains { $0.contains("does not bind") })
    }

    @Test func aSingularCovarianceIsReported() {
        let p = inputs([0.01, 0.01], [[0.0025, 0.0025], [0.0025, 0.0025]])
        let answer = optimizer.answer(.minimumVariance, inputs: p, constraints: PortfolioConstraints(assets: 2))
        #expect(answer.status == .notPositiveDefinite)
    }

    @Test func theFrontierRisesFromMinimumVarianceToTheHighestReturn() {
        let p = inputs([0.004, 0.008, 0.012], [[0.001, 0.0002, 0.0001], [0.0002, 0.002, 0.0005], [0.0001, 0.0005, 0.004]])
        let points = optimizer.frontier(inputs: p, constraints: PortfolioConstraints(assets: 3), points: 8)
        #expect(points.count == 8)
        #expect(points.allSatisfy { $0.isOptimal })
        for (a, b) in zip(points, points.dropFirst()) {
            #expect(b.expectedReturn >= a.expectedReturn - 1e-15)
            #expect(b.volatility >= a.volatility - 1e-15)
        }
        #expect(abs((points.last?.expectedReturn ?? 0) - 0.012) <= 1e-9)
    }
}
