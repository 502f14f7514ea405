import Optimizer
import Testing

/// A program from dense rows, for hand-written cases.
private func program(objective: [Double], lower: [Double], upper: [Double], equalities: [[Double]] = [],
                     equalityValues: [Double] = [], rows: [[Double]] = [], rowLower: [Double] = [],
                     rowUpper: [Double] = []) -> LinearProgram {
    var p = LinearProgram(variables: objective.count, equalities: equalities.count, rows: rows.count)
    p.objective = objective
    p.lower = lower
    p.upper = upper
    p.equalityRows = equalities.flatMap { $0 }
    p.equalityValues = equalityValues
    p.rows = rows.flatMap { $0 }
    p.rowLower = rowLower
    p.rowUpper = rowUpper
    return p
}

private func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Exact vertex answers in these small programs: tolerances of 1e-14 allow a few roundings.
@Test func twoRowsMeetAtTheOptimalVertex() {
    // max x + y  s.t.  x + 2y <= 4,  3x + y <= 6,  x, y >= 0: the rows cross at (8/5, 6/5).
    let p = program(objective: [-1, -1], lower: [0, 0], upper: [.infinity, .infinity],
                    rows: [[1, 2], [3, 1]], rowLower: [-.infinity, -.infinity], rowUpper: [4, 6])
    let simplex = BoundedSimplex()
    #expect(simplex.solve(p) == .optimal)
    #expect(maxDifference(simplex.solution, [1.6, 1.2]) <= 1e-14)
    #expect(abs(simplex.objectiveValue + 2.8) <= 1e-14)
    // c = Gᵀ(μ_lower - μ_upper): -1 = -μ1 - 3μ2, -1 = -2μ1 - μ2.
    #expect(abs(simplex.dual(.rowUpper(0)) - 0.4) <= 1e-14)
    #expect(abs(simplex.dual(.rowUpper(1)) - 0.2) <= 1e-14)
    #expect(simplex.dual(.rowLower(0)) == 0 && simplex.dual(.lowerBound(0)) == 0)
    #expect(simplex.residuals(p).worst <= 1e-14)
}

@Test func boundsAndABudgetGiveTheCheapestFill() {
    // min x1 + 2 x2 + 3 x3  s.t.  x1 + x2 + x3 = 1,  0 <= x <= 0.6 (so that x2 is strictly inside its
    // bounds and the duals are unique).
    let p = program(objective: [1, 2, 3], lower: [0, 0, 0], upper: [0.6, 0.6, 0.6],
                    equalities: [[1, 1, 1]], equalityValues: [1])
    let simplex = BoundedSimplex()
    #expect(simplex.solve(p) == .optimal)
    #expect(maxDifference(simplex.solution, [0.6, 0.4, 0]) <= 1e-15)
    #expect(abs(simplex.objectiveValue - 1.4) <= 1e-15)
    // x2 is basic, so y = c2 = 2; x1 rests on its cap (1 = 2 - λ_upper), x3 on zero (3 = 2 + λ_lower).
    #expect(abs(simplex.dual(.equality(0)) - 2) <= 1e-15)
    #expect(abs(simplex.dual(.upperBound(0)) - 1) <= 1e-15)
    #expect(abs(simplex.dual(.lowerBound(2)) - 1) <= 1e-15)
    #expect(simplex.dual(.upperBound(1)) == 0 && simplex.dual(.lowerBound(1)) == 0)
    #expect(simplex.residuals(p).worst <= 1e-15)
}

@Test func freeVariablesAndOneSidedRows() {
    // min x - y  s.t.  x >= -3 (a row), y <= 2 (a row), x + y = 0 (free variables): x = -2, y = 2.
    let p = program(objective: [1, -1], lower: [-.infinity, -.infinity], upper: [.infinity, .infinity],
                    equalities: [[1, 1]], equalityValues: [0],
                    rows: [[1, 0], [0, 1]], rowLower: [-3, -.infinity], rowUpper: [.infinity, 2])
    let simplex = BoundedSimplex()
    #expect(simplex.solve(p) == .optimal)
    #expect(maxDifference(simplex.solution, [-2, 2]) <= 1e-15)
    #expect(simplex.residuals(p).worst <= 1e-15)
}

@Test func boundsAloneAreSolvedWithoutRows() {
    let p = program(objective: [1, -2, 0], lower: [-1, 0, 4], upper: [1, 3, 4])
    let simplex = BoundedSimplex()
    #expect(simplex.solve(p) == .optimal)
    #expect(simplex.solution == [-1, 3, 4])
    #expect(simplex.objectiveValue == -7)
}

@Test func contradictoryEqualityAndBoundsAreNamed() {
    // x1 + x2 = 3 with both capped at 1.
    let p = program(objective: [1, 1], lower: [0, 0], upper: [1, 1], equalities: [[1, 1]], equalityValues: [3])
    let simplex = BoundedSimplex()
    #expect(simplex.solve(p) == .infeasible(conflict: [.equality(0), .upperBound(0), .upperBound(1)]))
}

@Test func contradictoryRowsAreNamed() {
    // x1 + x2 >= 2, x1 <= 0.5 (a row), x2 <= 1; the bound x3 <= 5 and the row on x3 play no part.
    let p = program(objective: [0, 0, 1], lower: [0, 0, 0], upper: [.infinity, 1, 5],
                    rows: [[1, 1, 0], [1, 0, 0], [0, 0, 1]], rowLower: [2, -.infinity, 1],
                    rowUpper: [.infinity, 0.5, 4])
    let simplex = BoundedSimplex()
    #expect(simplex.solve(p) == .infeasible(conflict: [.upperBound(1), .rowLower(0), .rowUpper(1)]))
    // The phase-1 multipliers are a Farkas certificate: 1 x (row 0 >= 2) - (row 1 <= 0.5) - (x2 <= 1).
    #expect(simplex.dual(.rowLower(0)) > 0 && simplex.dual(.rowUpper(1)) > 0 && simplex.dual(.upperBound(1)) > 0)
}

@Test func crossedBoundsAreNamedBeforeAnyPivot() {
    let p = program(objective: [1, 1], lower: [0, 2], upper: [1, 1])
    #expect(BoundedSimplex().solve(p) == .infeasible(conflict: [.lowerBound(1), .upperBound(1)]))
    let q = program(objective: [1], lower: [0], upper: [1], rows: [[1]], rowLower: [1], rowUpper: [0])
    #expect(BoundedSimplex().solve(q) == .infeasible(conflict: [.rowLower(0), .rowUpper(0)]))
}

@Test func anUnboundedRayIsFound() {
    // min -x1  s.t.  x1 - x2 = 0, x >= 0.
    let p = program(objective: [-1, 0], lower: [0, 0], upper: [.infinity, .infinity],
                    equalities: [[1, -1]], equalityValues: [0])
    #expect(BoundedSimplex().solve(p) == .unbounded)
    // A free variable with a cost and no constraint at all.
    #expect(BoundedSimplex().solve(program(objective: [1], lower: [-.infinity], upper: [.infinity])) == .unbounded)
}

/// Beale's example, which cycles under Dantzig's rule with a naive tie-break; optimum -1/20 at
/// x = (1/25, 0, 1, 0).
@Test func bealesCyclingExampleTerminates() {
    let p = program(objective: [-0.75, 150, -0.02, 6], lower: [0, 0, 0, 0], upper: [.infinity, .infinity, 1, .infinity],
                    rows: [[0.25, -60, -0.04, 9], [0.5, -90, -0.02, 3]], rowLower: [-.infinity, -.infinity],
                    rowUpper: [0, 0])
    let simplex = BoundedSimplex()
    #expect(simplex.solve(p) == .optimal)
    #expect(abs(simplex.objectiveValue + 0.05) <= 1e-15)
    #expect(maxDifference(simplex.solution, [0.04, 0, 1, 0]) <= 1e-15)
}

/// The assignment LP of a 6 x 6 cost matrix with many equal costs is highly degenerate (every vertex
/// has 6 positive entries out of 11 basic); its optimum is the cheapest permutation, found here by
/// enumerating all 720.
@Test func aDegenerateAssignmentProblemTerminatesAtTheCheapestPermutation() {
    let size = 6
    let costs = (0..<size * size).map { Double(($0 / size + 2 * ($0 % size)) % 3) + ($0 % 7 == 0 ? 1 : 0) }
    var p = LinearProgram(variables: size * size, equalities: 2 * size)
    p.objective = costs
    p.lower = [Double](repeating: 0, count: size * size)
    for i in 0..<size {
        for j in 0..<size {
            p.equalityRows[i * size * size + i * size + j] = 1  // row i sums to 1
            p.equalityRows[(size + j) * size * size + i * size + j] = 1  // column j sums to 1
        }
    }
    p.equalityValues = [Double](repeating: 1, count: 2 * size)
    func cheapest(_ rest: [Int], _ row: Int) -> Double {
        if rest.isEmpty { return 0 }
        return rest.map { column in
            costs[row * size + column] + cheapest(rest.filter { $0 != column }, row + 1)
        }.min()!
    }
    let simplex = BoundedSimplex()
    #expect(simplex.solve(p) == .optimal)
    #expect(abs(simplex.objectiveValue - cheapest(Array(0..<size), 0)) <= 1e-12)
    #expect(simplex.residuals(p).worst <= 1e-12)
}

@Test func nonFiniteDataIsReportedNotSolved() {
    let base = program(objective: [1, 1], lower: [0, 0], upper: [1, 1], equalities: [[1, 1]], equalityValues: [1],
                       rows: [[1, -1]], rowLower: [-1], rowUpper: [1])
    var p = base
    p.equalityRows[1] = .nan
    #expect(BoundedSimplex().solve(p) == .infeasible(conflict: [.equality(0)]))
    p = base
    p.rows[0] = .infinity
    #expect(BoundedSimplex().solve(p) == .infeasible(conflict: [.rowLower(0), .rowUpper(0)]))
    p = base
    p.lower[1] = .nan
    #expect(BoundedSimplex().solve(p) == .infeasible(conflict: [.lowerBound(1), .upperBound(1)]))
    p = base
    p.objective[0] = .nan
    #expect(BoundedSimplex().solve(p) == .unbounded)
    #expect(BoundedSimplex().solve(base) == .optimal)
}
