import Foundation
import GSLKit
import Optimizer
import Testing

private struct LPFixture: Decodable {
    struct Case: Decodable {
        let name: String
        let n: Int
        let objective, lower, upper, equalityRows, equalityValues, rows: [Double]
        /// null for an infinite side.
        let rowLower, rowUpper: [Double?]
        let x: [Double]
        let objectiveValue: Double

        var program: LinearProgram {
            var p = LinearProgram(variables: n, equalities: equalityValues.count, rows: rowLower.count)
            p.objective = objective
            p.lower = lower
            p.upper = upper
            p.equalityRows = equalityRows
            p.equalityValues = equalityValues
            p.rows = rows
            p.rowLower = rowLower.map { $0 ?? -.infinity }
            p.rowUpper = rowUpper.map { $0 ?? .infinity }
            return p
        }
    }
    let cases: [Case]
}

/// Against scripts/lp_reference.py: 30 portfolio LPs (n = 5..60) solved by HiGHS at feasibility
/// tolerances of 1e-10, each kept only if its optimum is unique (x does not move when c is perturbed).
/// A unique optimum is a vertex both solvers compute from the same basis, so x agrees to rounding
/// (measured: 6e-16 at worst); 1e-12 leaves room for other compilers and libm, well inside 1e-9.
@Test func matchesHiGHSOnPortfolioPrograms() throws {
    let url = try #require(Bundle.module.url(forResource: "lp_reference", withExtension: "json",
                                             subdirectory: "Fixtures"))
    let fixture = try JSONDecoder().decode(LPFixture.self, from: Data(contentsOf: url))
    #expect(fixture.cases.count == 30)
    let simplex = BoundedSimplex()
    for item in fixture.cases {
        let p = item.program
        #expect(simplex.solve(p) == .optimal, "\(item.name)")
        let difference = zip(simplex.solution, item.x).map { abs($0 - $1) }.max() ?? 0
        #expect(difference <= 1e-12, "\(item.name): x differs by \(difference)")
        #expect(abs(simplex.objectiveValue - item.objectiveValue) <= 1e-12, "\(item.name)")
        #expect(simplex.residuals(p).worst <= 1e-12, "\(item.name): \(simplex.residuals(p))")
    }
}

/// Random feasible programs with every kind of constraint (a known interior point makes them feasible),
/// degenerate ones included (integer data, right-hand sides from an integer point): each ends optimal,
/// with KKT residuals at rounding level (1e-10 for data of order 1-10).
@Test func randomProgramsEndWithSmallKKTResiduals() {
    let random = RandomSource(seed: 11)
    let simplex = BoundedSimplex()
    for trial in 0..<40 {
        let n = 3 + random.index(below: 40), me = random.index(below: 4), mg = random.index(below: 8)
        let integral = trial % 2 == 1
        func entry() -> Double { integral ? Double(random.index(below: 5)) - 2 : random.uniform() * 2 - 1 }
        let point = (0..<n).map { _ in integral ? Double(random.index(below: 3)) : random.uniform() }
        var p = LinearProgram(variables: n, equalities: me, rows: mg)
        p.objective = (0..<n).map { _ in entry() }
        p.lower = (0..<n).map { point[$0] - (random.uniform() < 0.8 ? Double(random.index(below: 2)) : .infinity) }
        p.upper = (0..<n).map { point[$0] + (random.uniform() < 0.8 ? Double(random.index(below: 2)) + 1 : .infinity) }
        p.equalityRows = (0..<(me * n)).map { _ in entry() }
        p.rows = (0..<(mg * n)).map { _ in entry() }
        for i in 0..<me { p.equalityValues[i] = (0..<n).reduce(0.0) { $0 + p.equalityRows[i * n + $1] * point[$1] } }
        for k in 0..<mg {
            let activity = (0..<n).reduce(0.0) { $0 + p.rows[k * n + $1] * point[$1] }
            p.rowLower[k] = activity - Double(random.index(below: 2))
            p.rowUpper[k] = random.uniform() < 0.3 ? .infinity : activity + Double(random.index(below: 2))
        }
        let status = simplex.solve(p)
        // With infinite bounds a program may be unbounded; then the point found is still feasible.
        #expect(status == .optimal || status == .unbounded, "trial \(trial): \(status)")
        let residuals = simplex.residuals(p)
        #expect(residuals.primal <= 1e-10, "trial \(trial)")
        if status == .optimal { #expect(residuals.worst <= 1e-10, "trial \(trial): \(residuals)") }
    }
}

/// A solver used for a larger program and then a smaller one gives the smaller one's answer.
@Test func oneSimplexServesProgramsOfEverySize() throws {
    let url = try #require(Bundle.module.url(forResource: "lp_reference", withExtension: "json",
                                             subdirectory: "Fixtures"))
    let cases = try JSONDecoder().decode(LPFixture.self, from: Data(contentsOf: url)).cases
    let small = try #require(cases.min { $0.n < $1.n }), large = try #require(cases.max { $0.n < $1.n })
    let fresh = BoundedSimplex()
    #expect(fresh.solve(small.program) == .optimal)
    let reused = BoundedSimplex()
    #expect(reused.solve(large.program) == .optimal)
    #expect(reused.solve(small.program) == .optimal)
    #expect(reused.solution == fresh.solution)
    #expect(reused.iterations == fresh.iterations)
}
