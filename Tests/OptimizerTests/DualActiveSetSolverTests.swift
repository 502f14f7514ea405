import GSLKit
import Testing

@testable import Optimizer

/// Closed forms and hand-checkable programs. Tolerances: these are 2 x 2 to 4 x 4 systems with
/// condition numbers below 100, so a backward-stable solve is within ~1e-14; 1e-12 leaves room.
@Suite struct DualActiveSetSolverTests {
    @Test func twoAssetMinimumVarianceMatchesTheClosedForm() {
        let s1 = 0.2, s2 = 0.3, s12 = 0.4 * 0.2 * 0.3
        var p = QuadraticProgram(variables: 2, equalities: 1)
        p.hessian = [s1 * s1, s12, s12, s2 * s2]
        p.equalityRows = [1, 1]
        p.equalityValues = [1]
        p.lower = [0, 0]
        let solver = DualActiveSetSolver()
        #expect(solver.solve(p) == .optimal)
        let w1 = (s2 * s2 - s12) / (s1 * s1 + s2 * s2 - 2 * s12)
        #expect(abs(solver.solution[0] - w1) < 1e-12)
        #expect(abs(solver.solution[1] - (1 - w1)) < 1e-12)
        #expect(solver.activeSet == [.equality(0)])
        // The multiplier of the budget is the gradient 2 x portfolio variance / 2 = wᵀHw.
        let variance = w1 * w1 * s1 * s1 + 2 * w1 * (1 - w1) * s12 + (1 - w1) * (1 - w1) * s2 * s2
        #expect(abs(solver.multiplier(.equality(0)) - variance) < 1e-12)
        #expect(abs(solver.objectiveValue - variance / 2) < 1e-12)
    }

    @Test func withoutConstraintsTheMinimumIsMinusHInverseC() throws {
        var p = QuadraticProgram(variables: 3)
        p.hessian = [4, 1, 0, 1, 3, 1, 0, 1, 2]
        p.linear = [1, -2, 3]
        let solver = DualActiveSetSolver()
        #expect(solver.solve(p) == .optimal)
        let expected = try SquareMatrix(order: 3, values: p.hessian).solve(p.linear.map { -$0 })
        #expect(TestPrograms.maxAbsDifference(solver.solution, expected) < 1e-12)
        #expect(solver.activeSet.isEmpty && solver.iterations == 0)
    }

    @Test func equalitiesOnlyMatchTheKKTSolve() throws {
        var p = QuadraticProgram(variables: 4, equalities: 2)
        p.hessian = [5, 1, 0, 0.5, 1, 4, 1, 0, 0, 1, 3, 1, 0.5, 0, 1, 2]
        p.linear = [1, 0, -1, 2]
        p.equalityRows = [1, 1, 1, 1, 1, -1, 2, 0]
        p.equalityValues = [1, 0.5]
        // [H -Eᵀ; E 0] [x; y] = [-c; f].
        var kkt = [Double](repeating: 0, count: 36)
        for i in 0..<4 {
            for j in 0..<4 { kkt[i * 6 + j] = p.hessian[i * 4 + j] }
            for k in 0..<2 {
                kkt[i * 6 + 4 + k] = -p.equalityRows[k * 4 + i]
                kkt[(4 + k) * 6 + i] = p.equalityRows[k * 4 + i]
            }
        }
        let exact = try SquareMatrix(order: 6, values: kkt).solve(p.linear.map { -$0 } + p.equalityValues)
        let solver = DualActiveSetSolver()
        #expect(solver.solve(p) == .optimal)
        #expect(TestPrograms.maxAbsDifference(solver.solution, Array(exact[0..<4])) < 1e-12)
        #expect(abs(solver.multiplier(.equality(0)) - exact[4]) < 1e-12)
        #expect(abs(solver.multiplier(.equality(1)) - exact[5]) < 1e-12)
        #expect(solver.residuals(p).worst < 1e-12)
    }

    @Test func aBindingUpperBoundHasTheMultiplierOfItsGradient() {
        // min ½|x|² - 2 x₀ + ½ x₁ with x₀ ≤ 1: x = (1, -½); H x + c = (-1, 0) = λ (-e₀), λ = 1.
        var p = QuadraticProgram(variables: 2)
        p.hessian = [1, 0, 0, 1]
        p.linear = [-2, 0.5]
        p.upper = [1, .infinity]
        p.lower = [-5, -5]
        let solver = DualActiveSetSolver()
        #expect(solver.solve(p) == .optimal)
        #expect(TestPrograms.maxAbsDifference(solver.solution, [1, -0.5]) < 1e-14)
        #expect(solver.activeSet == [.upperBound(0)])
        #expect(abs(solver.multiplier(.upperBound(0)) - 1) < 1e-14)
        #expect(solver.multiplier(.lowerBound(0)) == 0)
        #expect(solver.residuals(p).worst < 1e-14)
    }

    @Test func equalBoundsFixAVariable() {
        var p = QuadraticProgram(variables: 3, equalities: 1)
        p.hessian = [2, 0.5, 0, 0.5, 1, 0.2, 0, 0.2, 3]
        p.equalityRows = [1, 1, 1]
        p.equalityValues = [1]
        p.lower = [0.3, 0, 0]
        p.upper = [0.3, 1, 1]
        let solver = DualActiveSetSolver()
        #expect(solver.solve(p) == .optimal)
        #expect(abs(solver.solution[0] - 0.3) < 1e-14)
        #expect(solver.residuals(p).worst < 1e-12)
    }

    @Test func sumOneWithThreeAssetsCappedAtTwentyPercentIsInfeasible() {
        var p = TestPrograms.minimumVariance([0.04, 0.01, 0.01, 0.01, 0.05, 0.01, 0.01, 0.01, 0.06], cap: 0.2)
        p.lower = [0, 0, 0]
        let status = DualActiveSetSolver().solve(p)
        // The three caps and the budget: 1 = Σx ≤ 0.6.
        guard case .infeasible(let conflict) = status else {
            Issue.record("expected infeasible, got \(status)")
            return
        }
        #expect(Set(conflict) == [.equality(0), .upperBound(0), .upperBound(1), .upperBound(2)])
    }

    @Test func aGroupFloorAboveItsMembersCapsIsInfeasible() {
        var q = QuadraticProgram(variables: 4, equalities: 1, rows: 1)
        q.hessian = TestPrograms.identity(4, scale: 0.04)
        q.equalityRows = [1, 1, 1, 1]
        q.equalityValues = [1]
        q.lower = [0, 0, 0, 0]
        q.upper = [0.2, 0.2, 1, 1]
        q.rows = [1, 1, 0, 0]
        q.rowLower = [0.5]
        let status = DualActiveSetSolver().solve(q)
        guard case .infeasible(let conflict) = status else {
            Issue.record("expected infeasible, got \(status)")
            return
        }
        // x₀ + x₁ ≥ 0.5 with x₀, x₁ ≤ 0.2.
        #expect(Set(conflict).isSuperset(of: [.rowLower(0), .upperBound(0), .upperBound(1)]))
        #expect(!conflict.contains(.upperBound(2)) && !conflict.contains(.upperBound(3)))
    }

    @Test func inconsistentEqualitiesAreInfeasible() {
        var p = QuadraticProgram(variables: 3, equalities: 2)
        p.hessian = TestPrograms.identity(3, scale: 1)
        p.equalityRows = [1, 1, 0, 2, 2, 0]
        p.equalityValues = [1, 3]
        let status = DualActiveSetSolver().solve(p)
        #expect(status == .infeasible(conflict: [.equality(1), .equality(0)]))
        // The same rows with consistent values: the second is redundant and left out.
        p.equalityValues = [1, 2]
        let solver = DualActiveSetSolver()
        #expect(solver.solve(p) == .optimal)
        #expect(solver.activeSet == [.equality(0)])
        #expect(solver.residuals(p).worst < 1e-14)
    }

    @Test func indefiniteOrSingularHIsReported() {
        var p = QuadraticProgram(variables: 2)
        p.hessian = [1, 2, 2, 1]
        #expect(DualActiveSetSolver().solve(p) == .notPositiveDefinite)
        p.hessian = [1, 1, 1, 1]
        #expect(DualActiveSetSolver().solve(p) == .notPositiveDefinite)
        p.hessian = [1, 0, 0, 1e-16]
        #expect(DualActiveSetSolver().solve(p) == .notPositiveDefinite)
    }

    @Test func anIterationLimitIsReportedNotABadPoint() {
        var g = SeededGenerator(seed: 3)
        let p = TestPrograms.minimumVariance(TestPrograms.randomHessian(12, ridge: 0.01, using: &g), cap: 0.12)
        let solver = DualActiveSetSolver()
        #expect(solver.solve(p) == .optimal)
        #expect(solver.iterations > 2)
        solver.maximumIterations = 2
        #expect(solver.solve(p) == .iterationLimit)
    }

    /// Random programs of every kind, checked only by the KKT conditions: 1e-9 is the documented
    /// accuracy for well-conditioned programs (H has a ridge of 0.05 and unit-sized entries, so
    /// rounding is ~1e-13 here).
    @Test func randomProgramsSatisfyTheKKTConditions() {
        var g = SeededGenerator(seed: 20_261_201)
        let solver = DualActiveSetSolver()
        for trial in 0..<300 {
            let n = Int.random(in: 1...30, using: &g)
            let p = TestPrograms.random(n, using: &g)
            let status = solver.solve(p)
            #expect(status == .optimal, "trial \(trial), n = \(n)")
            guard status == .optimal else { continue }
            let r = solver.residuals(p)
            #expect(r.worst <= 1e-9, "trial \(trial), n = \(n): \(r)")
        }
    }

    @Test func theWorkspaceIsNotReallocatedForProgramsThatFit() {
        var g = SeededGenerator(seed: 5)
        let solver = DualActiveSetSolver()
        _ = solver.solve(TestPrograms.random(20, using: &g))
        let buffers = (solver.workspace.j, solver.workspace.r, solver.workspace.x)
        for n in [20, 7, 15, 20] {
            for _ in 0..<5 { _ = solver.solve(TestPrograms.random(n, using: &g), warmStart: true) }
        }
        let after = (solver.workspace.j, solver.workspace.r, solver.workspace.x)
        #expect(buffers == after)
        #expect(solver.workspace.variableCapacity == 20)
    }
}
