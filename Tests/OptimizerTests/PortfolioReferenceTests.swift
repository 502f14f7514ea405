import Foundation
import Optimizer
import Testing

/// Portfolio problems against standard tools (scripts/portfolio_reference.py): quadprog for the plain
/// QPs and HiGHS for the linear program to 1e-9 in weights; Clarabel (through cvxpy and
/// PyPortfolioOpt) for the ratio and quadratically constrained problems to 1e-6, the accuracy an
/// interior-point method reaches at its tolerances; cyclical coordinate descent for risk parity.
struct PortfolioReference: Decodable, CustomTestStringConvertible {
    var testDescription: String { "\(objective)\(constraints.turnover == nil ? "" : " with turnover") seed \(seed)" }

    struct Group: Decodable {
        var name: String
        var members: [Int]
        var lower: Double
        var upper: Double
    }
    struct Turnover: Decodable {
        var current: [Double]
        var limit: Double
    }
    struct Limits: Decodable {
        var lower: [Double]
        var upper: [Double]
        var groups: [Group]
        var turnover: Turnover?
    }
    struct Band: Decodable {
        var factor: Int
        var value: Double
        var tolerance: Double
    }
    var seed: Int
    var objective: String
    var mean: [Double]
    var covariance: [Double]
    var constraints: Limits
    var weights: [Double]
    var tolerance: Double
    var risk_aversion: Double?
    var target: Double?
    var risk_free: Double?
    var benchmark: [Double]?
    var budget: Double?
    var exposures: [Double]?
    var factor: Int?
    var neutral: [Band]?

    static func load() throws -> [PortfolioReference] {
        struct File: Decodable { var problems: [PortfolioReference] }
        let url = try #require(Bundle.module.url(forResource: "portfolio_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).problems
    }

    var n: Int { mean.count }
    var inputs: PortfolioInputs {
        PortfolioInputs(names: (0..<n).map { "A\($0)" }, mean: mean, covariance: covariance)
    }
    var limits: PortfolioConstraints {
        var c = PortfolioConstraints(assets: n)
        c.lower = constraints.lower
        c.upper = constraints.upper
        c.groups = constraints.groups.map { .init(name: $0.name, members: $0.members, lower: $0.lower, upper: $0.upper) }
        c.turnover = constraints.turnover.map { .init(current: $0.current, limit: $0.limit) }
        return c
    }

    var goal: PortfolioObjective? {
        switch objective {
        case "minimum-variance": .minimumVariance
        case "mean-variance": risk_aversion.map { .meanVariance(riskAversion: $0) }
        case "target-return": target.map { .targetReturn($0) }
        case "maximum-sharpe": risk_free.map { .maximumSharpe(riskFree: $0) }
        case "maximum-diversification": .maximumDiversification
        case "target-volatility": target.map { .targetVolatility($0) }
        case "tracking-error": benchmark.flatMap { b in budget.map { .trackingError(benchmark: b, limit: $0) } }
        case "risk-parity": .riskBudget(Array(repeating: 1 / Double(n), count: n))
        case "factor-exposure":
            exposures.flatMap { e in
                factor.map { f in
                    .factorExposure(FactorExposureProblem(
                        factorNames: ["F0", "F1", "F2"], exposures: e, target: f,
                        neutral: (neutral ?? []).map { .init(factor: $0.factor, value: $0.value, tolerance: $0.tolerance) }))
                }
            }
        default: nil
        }
    }
}

@Test(arguments: try PortfolioReference.load())
func portfolioProblemsAgreeWithReferenceSolvers(_ p: PortfolioReference) throws {
    let goal = try #require(p.goal, "unknown objective \(p.objective)")
    let optimizer = PortfolioOptimizer()
    let answer = optimizer.answer(goal, inputs: p.inputs, constraints: p.limits)
    #expect(answer.status == .optimal, "\(p.objective) seed \(p.seed): \(answer.status) \(answer.conflict)")
    guard answer.isOptimal else { return }
    let gap = zip(answer.weights, p.weights).map { abs($0 - $1) }.max() ?? 0
    #expect(gap <= p.tolerance, "\(p.objective) seed \(p.seed): weights differ by \(gap)")
    expectFeasible(answer.weights, p.limits, "\(p.objective) seed \(p.seed)")
    #expect(answer.residuals.worst <= 1e-9, "\(p.objective) seed \(p.seed): KKT residuals \(answer.residuals)")
}

/// Every returned solution keeps every constraint (within rounding).
func expectFeasible(_ w: [Double], _ c: PortfolioConstraints, _ label: String) {
    #expect(abs(w.reduce(0, +) - 1) <= 1e-12, "\(label): weights sum to \(w.reduce(0, +))")
    for i in w.indices {
        #expect(w[i] >= c.lower[i] - 1e-12 && w[i] <= c.upper[i] + 1e-12, "\(label): weight \(i) is \(w[i])")
    }
    for g in c.groups {
        let total = g.members.reduce(0) { $0 + w[$1] }
        #expect(total >= g.lower - 1e-12 && total <= g.upper + 1e-12, "\(label): group \(g.name) holds \(total)")
    }
    if let turnover = c.turnover {
        let moved = zip(w, turnover.current).reduce(0) { $0 + abs($1.0 - $1.1) }
        #expect(moved <= turnover.limit + 1e-12, "\(label): turnover \(moved)")
    }
}
