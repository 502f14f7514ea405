import CGSL

/// Minimizes a smooth function of several variables by GSL's BFGS
/// (`gsl_multimin_fdfminimizer_vector_bfgs2`), with the gradient from central differences: the
/// callers' functions (likelihoods through a filter) have no gradient of their own, and the 2n
/// extra evaluations cost less than deriving one.
public enum QuasiNewton {
    public struct Result: Sendable {
        /// The best point found and the function there.
        public let x: [Double]
        public let value: Double
        public let iterations: Int
        /// The gradient's norm fell below the tolerance (false: the iteration limit, or a line
        /// search that could not improve, as near a flat optimum seen through rounding noise).
        public let converged: Bool
    }

    /// The closure and the relative step of its differences, handed to GSL's C callbacks.
    private final class Objective {
        let f: ([Double]) -> Double
        let step: Double
        var point: [Double]

        init(_ f: @escaping ([Double]) -> Double, step: Double, dimension: Int) {
            self.f = f
            self.step = step
            point = Array(repeating: 0, count: dimension)
        }

        func value(_ x: UnsafePointer<gsl_vector>) -> Double {
            for i in point.indices { point[i] = gsl_vector_get(x, i) }
            let v = f(point)
            // A point outside the function's domain (a failed factorization, say) must look worse
            // than any inside, and GSL's line search needs a number to compare.
            return v.isNaN ? .infinity : v
        }

        /// Central differences with h_i = step max(1, |x_i|): step near the cube root of the
        /// machine epsilon balances truncation (h^2) against rounding (eps / h).
        func gradient(_ x: UnsafePointer<gsl_vector>, into g: UnsafeMutablePointer<gsl_vector>) {
            for i in point.indices { point[i] = gsl_vector_get(x, i) }
            for i in point.indices {
                let xi = point[i], h = step * max(1, abs(xi))
                point[i] = xi + h
                let up = f(point)
                point[i] = xi - h
                let down = f(point)
                point[i] = xi
                let d = (up - down) / (2 * h)
                gsl_vector_set(g, i, d.isFinite ? d : 0)
            }
        }
    }

    /// The minimum of `f` from `start`: iterations stop when |gradient| < `gradientTolerance`, after
    /// `maxIterations`, or when the line search makes no progress. `stepSize` is the first trial
    /// step's length, and the line search stops at |p.g| < 0.1 |p| |g| (GSL's advice for BFGS2).
    public static func minimize(
        from start: [Double], stepSize: Double = 0.01, gradientTolerance: Double = 1e-6,
        maxIterations: Int = 200, differenceStep: Double = 1e-5, _ f: ([Double]) -> Double
    ) throws(GSLError) -> Result {
        GSL.prepare()
        let n = start.count
        guard n > 0 else { return Result(x: [], value: f([]), iterations: 0, converged: true) }
        guard let solver = gsl_multimin_fdfminimizer_alloc(cgsl_multimin_fdfminimizer_vector_bfgs2(), n),
            let x0 = gsl_vector_alloc(n)
        else { throw GSLError(status: Int32(GSL_ENOMEM), operation: "BFGS minimizer allocation") }
        defer { gsl_multimin_fdfminimizer_free(solver); gsl_vector_free(x0) }
        for i in 0..<n { gsl_vector_set(x0, i, start[i]) }

        return try withoutActuallyEscaping(f) { (f) throws(GSLError) -> Result in
            let objective = Objective(f, step: differenceStep, dimension: n)
            return try withExtendedLifetime(objective) { () throws(GSLError) -> Result in
                var function = gsl_multimin_function_fdf(
                    f: { x, params in Unmanaged<Objective>.fromOpaque(params!).takeUnretainedValue().value(x!) },
                    df: { x, params, g in Unmanaged<Objective>.fromOpaque(params!).takeUnretainedValue().gradient(x!, into: g!) },
                    fdf: { x, params, value, g in
                        let objective = Unmanaged<Objective>.fromOpaque(params!).takeUnretainedValue()
                        value!.pointee = objective.value(x!)
                        objective.gradient(x!, into: g!)
                    },
                    n: n, params: Unmanaged.passUnretained(objective).toOpaque())
                try GSL.check(gsl_multimin_fdfminimizer_set(solver, &function, x0, stepSize, 0.1), "BFGS start")
                var iterations = 0, converged = false
                while iterations < maxIterations {
                    iterations += 1
                    // A failed step (GSL_ENOPROG: no lower point along the search direction) ends
                    // the search at the best point so far, which the solver keeps.
                    if gsl_multimin_fdfminimizer_iterate(solver) != Int32(GSL_SUCCESS) { break }
                    if gsl_multimin_test_gradient(solver.pointee.gradient, gradientTolerance) == Int32(GSL_SUCCESS) {
                        converged = true
                        break
                    }
                }
                let best = gsl_multimin_fdfminimizer_x(solver)!
                let x = (0..<n).map { gsl_vector_get(best, $0) }
                // A failed first step may leave the start: converged if its gradient is small.
                if !converged {
                    converged = gsl_multimin_test_gradient(solver.pointee.gradient, gradientTolerance) == Int32(GSL_SUCCESS)
                }
                return Result(x: x, value: gsl_multimin_fdfminimizer_minimum(solver), iterations: iterations, converged: converged)
            }
        }
    }
}
