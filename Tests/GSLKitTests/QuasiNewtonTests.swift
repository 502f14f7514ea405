import Foundation
import GSLKit
import Testing

/// BFGS with differences and with a given gradient, and the linear algebra the regime fit uses.
struct QuasiNewtonTests {
    /// Rosenbrock's valley, minimum 0 at (1, 1), from the usual start (-1.2, 1).
    static func rosenbrock(_ x: [Double]) -> Double {
        (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0])
    }

    @Test func minimizesRosenbrockWithDifferences() throws {
        let result = try QuasiNewton.minimize(from: [-1.2, 1], maxIterations: 500, Self.rosenbrock)
        #expect(result.converged)
        #expect(abs(result.x[0] - 1) < 1e-5 && abs(result.x[1] - 1) < 1e-5 && result.value < 1e-10)
    }

    @Test func minimizesRosenbrockWithItsGradient() throws {
        let result = try QuasiNewton.minimize(
            from: [-1.2, 1], maxIterations: 500, value: Self.rosenbrock,
            valueAndGradient: { x in
                let r = x[1] - x[0] * x[0]
                return (Self.rosenbrock(x), [-2 * (1 - x[0]) - 400 * x[0] * r, 200 * r])
            })
        #expect(result.converged && abs(result.x[0] - 1) < 1e-6 && abs(result.x[1] - 1) < 1e-6)
    }

    @Test func centralDifferencesOfAQuadratic() {
        let g = QuasiNewton.centralDifferences({ 3 * $0[0] * $0[0] + $0[0] * $0[1] }, at: [2, -1])
        #expect(abs(g[0] - 11) < 1e-8 && abs(g[1] - 2) < 1e-8)
    }

    @Test func solveAndEigensystem() throws {
        let a = SquareMatrix(rows: [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]])
        let x = try a.solve([1, 2, 3])
        for i in 0..<3 { #expect(abs((0..<3).reduce(0.0) { $0 + a[i, $1] * x[$1] } - Double(i + 1)) < 1e-12) }
        #expect(throws: GSLError.self) { try SquareMatrix(rows: [[1, 2], [2, 4]]).solve([1, 1]) }
        let (values, v) = try a.symmetricEigensystem()
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(abs((0..<3).reduce(0.0) { $0 + v[i, $1] * values[$1] * v[j, $1] } - a[i, j]) < 1e-12)
            }
        }
    }
}
