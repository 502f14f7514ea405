import Foundation
import Optimizer
import Testing

private func solve(_ sigma: [Double], _ budgets: [Double], solver: RiskBudgetSolver = RiskBudgetSolver())
    -> (status: SolveStatus, weights: [Double]) {
    var weights = [Double](repeating: .nan, count: budgets.count)
    let status = solver.solve(covariance: sigma, assets: budgets.count, budgets: budgets, weights: &weights)
    return (status, weights)
}

private func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Uncorrelated assets: RC_i ∝ w_i² σ_i², so w_i ∝ sqrt(b_i) / σ_i. Tolerance 1e-15: a few roundings
/// of numbers of order 0.1 (the Newton start is this point already for equal budgets).
@Test func uncorrelatedAssetsGetInverseVolatilityWeights() {
    let vols = [0.05, 0.10, 0.15, 0.20, 0.35]
    var sigma = [Double](repeating: 0, count: 25)
    for i in 0..<5 { sigma[i * 5 + i] = vols[i] * vols[i] }
    let parity = solve(sigma, [Double](repeating: 0.2, count: 5))
    let inverse = vols.map { 1 / $0 }, total = inverse.reduce(0, +)
    #expect(parity.status == .optimal)
    #expect(maxDifference(parity.weights, inverse.map { $0 / total }) <= 1e-15)

    let budgets = [0.1, 0.3, 0.2, 0.25, 0.15]
    let budgeted = solve(sigma, budgets)
    let expected = zip(budgets, vols).map { $0.squareRoot() / $1 }, sum = expected.reduce(0, +)
    #expect(budgeted.status == .optimal)
    #expect(maxDifference(budgeted.weights, expected.map { $0 / sum }) <= 1e-15)
}

/// Two assets at risk parity: w_1 σ_1 (w_1 σ_1 + ρ w_2 σ_2) = w_2 σ_2 (w_2 σ_2 + ρ w_1 σ_1) holds for
/// every ρ exactly when w_1 σ_1 = w_2 σ_2. Tolerance 1e-14: the Newton iterate at residual ~1e-16,
/// with the conditioning of ρ = 0.95 (eigenvalues 20x apart) costing a decade or two.
@Test(arguments: [-0.9, -0.5, 0.0, 0.3, 0.7, 0.95])
func twoAssetsAtRiskParityGetInverseVolatilityWeights(correlation: Double) {
    let (s1, s2) = (0.08, 0.22)
    let sigma = [s1 * s1, correlation * s1 * s2, correlation * s1 * s2, s2 * s2]
    let result = solve(sigma, [0.5, 0.5])
    #expect(result.status == .optimal)
    #expect(maxDifference(result.weights, [s2 / (s1 + s2), s1 / (s1 + s2)]) <= 1e-14)
}

/// Random factor-model covariances from 5 to 100 assets, equal and unequal budgets: the contributions
/// match the budgets to 1e-10 (the target is 1e-12 on well-conditioned problems; these are), and the
/// reported residual is what PortfolioFigures computes independently.
@Test func randomCovariancesMeetTheirBudgets() {
    let solver = RiskBudgetSolver()
    for (index, n) in [5, 8, 13, 20, 35, 50, 75, 100].enumerated() {
        let sigma = randomCovariance(assets: n, factors: 4, seed: UInt32(100 + index))
        let raw = (0..<n).map { 1.0 + Double(($0 * 7 + index) % 5) }  // budgets from 1 to 5, unequal
        for budgets in [[Double](repeating: 1.0 / Double(n), count: n), raw.map { $0 / raw.reduce(0, +) }] {
            let result = solve(sigma, budgets, solver: solver)
            #expect(result.status == .optimal)
            #expect(solver.budgetResidual <= 1e-12, "n = \(n): residual \(solver.budgetResidual)")
            let inputs = PortfolioInputs(
                names: (0..<n).map { "A\($0)" }, mean: Array(repeating: 0, count: n), covariance: sigma)
            let contributions = PortfolioFigures(weights: result.weights, inputs: inputs).riskContributions
            #expect(maxDifference(contributions, budgets) <= 1e-10, "n = \(n)")
            #expect(abs(result.weights.reduce(0, +) - 1) <= 1e-14)
            #expect(result.weights.allSatisfy { $0 > 0 })
        }
    }
}

/// Budgets need not sum to 1: they are fractions of their own total.
@Test func budgetsAreNormalized() {
    let sigma = randomCovariance(assets: 6, factors: 2, seed: 7)
    let scaled = solve(sigma, [1, 2, 3, 4, 5, 6]).weights
    let fractions = solve(sigma, [1, 2, 3, 4, 5, 6].map { $0 / 21 }).weights
    #expect(maxDifference(scaled, fractions) <= 1e-15)
}

private struct RiskBudgetFixture: Decodable {
    struct Case: Decodable {
        let name: String
        let n: Int
        let covariance: [Double]
        let budgets: [Double]
        let weights: [Double]
        let reference_residual: Double
    }
    let cases: [Case]
}

/// Against scripts/risk_budget_reference.py: cyclical coordinate descent on the same objective, run to
/// a residual of ~1e-16 (checked against Clarabel to 1e-7 there). Weights agree to 1e-12 here: both
/// sides are converged to rounding, and these problems have condition numbers below ~1e3.
@Test func matchesCoordinateDescentReference() throws {
    let url = try #require(Bundle.module.url(forResource: "risk_budget_reference", withExtension: "json",
                                             subdirectory: "Fixtures"))
    let fixture = try JSONDecoder().decode(RiskBudgetFixture.self, from: Data(contentsOf: url))
    #expect(fixture.cases.count >= 8)
    let solver = RiskBudgetSolver()
    for item in fixture.cases {
        #expect(item.reference_residual <= 1e-15)
        let result = solve(item.covariance, item.budgets, solver: solver)
        #expect(result.status == .optimal, "\(item.name)")
        #expect(maxDifference(result.weights, item.weights) <= 1e-12, "\(item.name)")
    }
}

@Test func singularOrIndefiniteCovarianceIsRejected() {
    // Two identical assets: Σ has rank 1.
    let singular = [0.04, 0.04, 0.04, 0.04]
    #expect(solve(singular, [0.5, 0.5]).status == .notPositiveDefinite)
    // Correlation above 1.
    let indefinite = [0.04, 0.05, 0.05, 0.04]
    #expect(solve(indefinite, [0.5, 0.5]).status == .notPositiveDefinite)
    // A zero-variance asset.
    #expect(solve([0.04, 0, 0, 0], [0.5, 0.5]).status == .notPositiveDefinite)
    #expect(solve([0.04, 0, 0, .nan], [0.5, 0.5]).status == .notPositiveDefinite)
}

@Test func nonPositiveBudgetsAreNamed() {
    let sigma = [0.04, 0, 0, 0, 0.09, 0, 0, 0, 0.01]
    let result = solve(sigma, [0.5, 0, -0.5])
    #expect(result.status == .infeasible(conflict: [.lowerBound(1), .lowerBound(2)]))
    #expect(result.weights.allSatisfy { $0.isNaN })
}

/// A solver used for a larger problem and then a smaller one gives the smaller one's answer.
@Test func oneSolverServesProblemsOfEverySize() {
    let solver = RiskBudgetSolver()
    let big = randomCovariance(assets: 30, factors: 3, seed: 3)
    let small = randomCovariance(assets: 4, factors: 2, seed: 4)
    let equal4 = [Double](repeating: 0.25, count: 4)
    let fresh = solve(small, equal4).weights
    _ = solve(big, [Double](repeating: 1.0 / 30, count: 30), solver: solver)
    #expect(maxDifference(solve(small, equal4, solver: solver).weights, fresh) == 0)
    #expect(solver.iterations > 0 && solver.iterations < 20)
}
