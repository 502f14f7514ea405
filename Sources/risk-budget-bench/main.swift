// Times RiskBudgetSolver (risk parity) and BoundedSimplex (a portfolio LP) on seeded random inputs:
// the median wall time of one solve over many, by clock_gettime(CLOCK_MONOTONIC), after a warm-up
// solve that sizes the solvers' workspace.
//
//     risk-budget-bench [seconds per size, default 1]
//     risk-budget-bench --count N    exactly N timed solves per size (for profilers and allocation counts)
import Foundation
import Optimizer

/// SplitMix64 with Box-Muller normals: seeded, dependency-free inputs.
struct Generator {
    var state: UInt64
    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
    mutating func normal() -> Double {
        (-2 * log(1 - uniform())).squareRoot() * cos(2 * .pi * uniform())
    }
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Median seconds per call of `body`, called `fixedCount` times or else until `budget` seconds have
/// passed (at least 11 times), after one untimed call.
func medianTime(budget: Double, _ body: () -> Void) -> (median: Double, count: Int) {
    body()
    var times: [Double] = []
    times.reserveCapacity(max(fixedCount ?? 0, 100_000))
    let start = now()
    while fixedCount.map({ times.count < $0 }) ?? (times.count < 11 || now() - start < budget) {
        let t0 = now()
        body()
        times.append(now() - t0)
    }
    times.sort()
    return (times[times.count / 2], times.count)
}

/// A factor-model covariance (market factor plus 4 others) with idiosyncratic variance, row-major.
func covariance(_ n: Int, _ g: inout Generator) -> [Double] {
    let factors = 5
    let loadings = (0..<(n * factors)).map { k in k % factors == 0 ? 0.03 + 0.04 * abs(g.normal()) : 0.04 * g.normal() }
    var sigma = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
        for j in 0..<n {
            for k in 0..<factors { sigma[i * n + j] += loadings[i * factors + k] * loadings[j * factors + k] }
        }
        let idiosyncratic = 0.01 + 0.05 * g.uniform()
        sigma[i * n + i] += idiosyncratic * idiosyncratic
    }
    return sigma
}

/// Maximize exposure to one factor: budget, 3 neutral factors, 2 factors within ±0.05, caps at
/// max(0.05, 2/n), 4 groups each within [0, 0.4].
func portfolioProgram(_ n: Int, _ g: inout Generator) -> LinearProgram {
    let groups = 4
    var p = LinearProgram(variables: n, equalities: 4, rows: 2 + groups)
    let cap = max(0.05, 2 / Double(n))
    for j in 0..<n {
        p.objective[j] = -g.normal()
        p.lower[j] = 0
        p.upper[j] = cap
        p.equalityRows[j] = 1
        for i in 1..<4 { p.equalityRows[i * n + j] = g.normal() }
        for k in 0..<2 { p.rows[k * n + j] = g.normal() }
        p.rows[(2 + j % groups) * n + j] = 1
    }
    p.equalityValues[0] = 1
    for k in 0..<2 { (p.rowLower[k], p.rowUpper[k]) = (-0.05, 0.05) }
    for k in 2..<(2 + groups) { (p.rowLower[k], p.rowUpper[k]) = (0, 0.4) }
    return p
}

let arguments = CommandLine.arguments.dropFirst()
let fixedCount = arguments.first == "--count" ? arguments.dropFirst().first.flatMap { Int($0) } : nil
let budget = fixedCount == nil ? arguments.first.flatMap { Double($0) } ?? 1 : 0
var generator = Generator(state: 20261206)

for n in [10, 100, 500] {
    let sigma = covariance(n, &generator)
    let budgets = [Double](repeating: 1 / Double(n), count: n)
    var weights = [Double](repeating: 0, count: n)
    let solver = RiskBudgetSolver()
    var status = SolveStatus.iterationLimit
    let (median, count) = medianTime(budget: budget) {
        status = solver.solve(covariance: sigma, assets: n, budgets: budgets, weights: &weights)
    }
    print(String(format: "risk parity  n=%-4d median %9.1f us  (%d solves)  %@, %d Newton steps, residual %.1e",
                 n, median * 1e6, count, "\(status)", solver.iterations, solver.budgetResidual))
}

for n in [50, 200] {
    let program = portfolioProgram(n, &generator)
    let simplex = BoundedSimplex()
    var status = SolveStatus.iterationLimit
    let (median, count) = medianTime(budget: budget) { status = simplex.solve(program) }
    print(String(format: "LP           n=%-4d median %9.1f us  (%d solves)  %@, %d iterations, KKT %.1e",
                 n, median * 1e6, count, "\(status)", simplex.iterations, simplex.residuals(program).worst))
}
