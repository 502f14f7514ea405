import Testing

@testable import Optimizer

/// Re-solves of slightly moved programs, as a simulation makes them: a covariance that drifts.
@Suite struct DualActiveSetWarmStartTests {
    /// Long-only minimum variance, caps 2/n and three groups in [25%, 40%], with H moved by a
    /// small symmetric perturbation at every step.
    func drift(steps: Int, n: Int, size: Double) -> [QuadraticProgram] {
        var g = SeededGenerator(seed: 11)
        var h = TestPrograms.randomHessian(n, ridge: 0.05, using: &g)
        var p = QuadraticProgram(variables: n, equalities: 1, rows: 3)
        p.equalityRows = Array(repeating: 1, count: n)
        p.equalityValues = [1]
        p.lower = Array(repeating: 0, count: n)
        p.upper = Array(repeating: 2 / Double(n), count: n)
        for j in 0..<n { p.rows[(j % 3) * n + j] = 1 }
        p.rowLower = [0.25, 0.25, 0.25]
        p.rowUpper = [0.40, 0.40, 0.40]
        var programs: [QuadraticProgram] = []
        for _ in 0..<steps {
            for i in 0..<n {
                for j in 0...i {
                    let e = size * g.normal()
                    h[i * n + j] += e
                    if i != j { h[j * n + i] += e } else { h[i * n + i] = abs(h[i * n + i]) }
                }
            }
            p.hessian = h
            programs.append(p)
        }
        return programs
    }

    /// Both paths solve the same KKT system on the same active set; 1e-12 is a few hundred ulps of
    /// weights of order 0.1.
    @Test func warmSolvesGiveTheColdSolutionsAndMostlyTakeTheWarmPath() {
        let programs = drift(steps: 60, n: 12, size: 2e-4)
        let warm = DualActiveSetSolver(), cold = DualActiveSetSolver()
        var warmHits = 0
        for (step, p) in programs.enumerated() {
            #expect(cold.solve(p) == .optimal)
            #expect(warm.solve(p, warmStart: true) == .optimal)
            if warm.lastSolveWasWarm { warmHits += 1 }
            #expect(TestPrograms.maxAbsDifference(warm.solution, cold.solution) <= 1e-12, "step \(step)")
            #expect(warm.activeSet == cold.activeSet, "step \(step)")
            #expect(warm.residuals(p).worst <= 1e-9, "step \(step)")
            for c in cold.activeSet { #expect(abs(warm.multiplier(c) - cold.multiplier(c)) <= 1e-10) }
        }
        #expect(warmHits >= 45, "warm path taken \(warmHits) of 60 times")
    }

    @Test func aChangedActiveSetFallsBackToTheColdSolve() {
        var p = drift(steps: 1, n: 8, size: 0)[0]
        let solver = DualActiveSetSolver()
        #expect(solver.solve(p) == .optimal)
        #expect(solver.solve(p, warmStart: true) == .optimal && solver.lastSolveWasWarm && solver.iterations == 0)
        // Caps low enough to bind change the active set: the remembered one gives a point above them.
        p.upper = Array(repeating: 0.13, count: 8)
        let cold = DualActiveSetSolver()
        #expect(cold.solve(p) == .optimal)
        #expect(solver.solve(p, warmStart: true) == .optimal)
        #expect(!solver.lastSolveWasWarm)
        #expect(TestPrograms.maxAbsDifference(solver.solution, cold.solution) <= 1e-12)
    }

    @Test func anotherShapeIsNeverWarmStarted() {
        var g = SeededGenerator(seed: 2)
        let solver = DualActiveSetSolver()
        let first = TestPrograms.minimumVariance(TestPrograms.randomHessian(6, ridge: 0.1, using: &g), cap: 1)
        #expect(solver.solve(first) == .optimal)
        let other = TestPrograms.minimumVariance(TestPrograms.randomHessian(7, ridge: 0.1, using: &g), cap: 1)
        #expect(solver.solve(other, warmStart: true) == .optimal)
        #expect(!solver.lastSolveWasWarm)
    }
}
