import CGSL

/// Minimizes a smooth function of several variables by GSL's BFGS
/// (`gsl_multimin_fdfminimizer_vector_bfgs2`), with the caller's gradient or one from central
/// differences.
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

    /// The closures, handed to GSL's C callbacks.
    private final class Objective {
        let f: ([Double]) -> Double
        let fdf: ([Double]) -> (value: Double, gradient: [Double])
        var point: [Double]

        init(_ f: @escaping ([Double]) -> Double, _ fdf: @escaping ([Double]) -> (value: Double, gradient: [Double]), dimension: Int) {
            self.f = f
            self.fdf = fdf
            point = Array(repeating: 0, count: dimension)
        }

        private func read(_ x: UnsafePointer<gsl_vector>) {
            for i in point.indices { point[i] = gsl_vector_get(x, i) }
        }

        /// A point outside the function's domain (a failed factorization, say) must look worse
        /// than any inside, and GSL's line search needs a number to compare.
        func value(_ x: UnsafePointer<gsl_vector>) -> Double {
            read(x)
            let v = f(point)
            return v.isNaN ? .infinity : v
        }

        func valueAndGradient(_ x: UnsafePointer<gsl_vector>, into g: UnsafeMutablePointer<gsl_vector>) -> Double {
            read(x)
            let (v, gradient) = fdf(point)
            for i in point.indices { gsl_vector_set(g, i, gradient[i].isFinite ? gradient[i] : 0) }
            return v.isNaN ? .infinity : v
        }
    }

    /// The gradient by central differences with h_i = step max(1, |x_i|): a step near the cube
    /// root of the machine epsilon balances truncation (h^2) against rounding (eps / h).
    public static func centralDifferences(_ f: ([Double]) -> Double, at x: [Double], step: Double = 1e-5) -> [Double] {
        var point = x
        return x.indices.map { i in
            let h = step * max(1, abs(x[i]))
            point[i] = x[i] + h
            let up = f(point)
            point[i] = x[i] - h
            let down = f(point)
            point[i] = x[i]
            return (up - down) / (2 * h)
        }
    }

    /// `minimize(from:valueAndGradient:)` with the gradient from central differences, for
    /// functions without one of their own: 2n evaluations a gradient.
    public static func minimize(
        from start: [Double], stepSize: Double = 0.01, gradientTolerance: Double = 1e-6,
        maxIterations: Int = 200, differenceStep: Double = 1e-5, _ f: ([Double]) -> Double
    ) throws(GSLError) -> Result {
        try minimize(
            from: start, stepSize: stepSize, gradientTolerance: gradientTolerance, maxIterations: maxIterations, value: f,
            valueAndGradient: { x in (f(x), centralDifferences(f, at: x, step: differenceStep)) })
    }

    /// The minimum of `f` from `start`: iterations stop when |gradient| < `gradientTolerance`, after
    /// `maxIterations`, or when the line search makes no progress. `stepSize` is the first trial
    /// step's length, and the line search stops at |p.g| < 0.1 |p| |g| (GSL's advice for BFGS2).
    public static func minimize(
        from start: [Double], stepSize: Double = 0.01, gradientTolerance: Double = 1e-6, maxIterations: Int = 200,
        value f: ([Double]) -> Double, valueAndGradient fdf: ([Double]) -> (value: Double, gradient: [Double])
    ) throws(GSLError) -> Result {
        GSL.prepare()
        let n = start.count
        guard n > 0 else { return Result(x: [], value: f([]), iterations: 0, converged: true) }
        guard let solver = gsl_multimin_fdfminimizer_alloc(cgsl_multimin_fdfminimizer_vector_bfgs2(), n),
            let x0 = gsl_vector_alloc(n)
        else { throw GSLError(status: Int32(GSL_ENOMEM), operation: "BFGS minimizer allocation") }
        defer { gsl_multimin_fdfminimizer_free(solver); gsl_vector_free(x0) }
        for i in 0..<n { gsl_vector_set(x0, i, start[i]) }

        return try withoutActuallyEscaping(f) { (f) throws(GSLError) -> Result in try withoutActuallyEscaping(fdf) { (fdf) throws(GSLError) -> Result in
            let objective = Objective(f, fdf, dimension: n)
            return try withExtendedLifetime(objective) { () throws(GSLError) -> Result in
                var function = gsl_multimin_function_fdf(
                    f: { x, params in Unmanaged<Objective>.fromOpaque(params!).takeUnretainedValue().value(x!) },
                    df: { x, params, g in _ = Unmanaged<Objective>.fromOpaque(params!).takeUnretainedValue().valueAndGradient(x!, into: g!) },
                    fdf: { x, params, value, g in
                        value!.pointee = Unmanaged<Objective>.fromOpaque(params!).takeUnretainedValue().valueAndGradient(x!, into: g!)
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
                guard let best = gsl_multimin_fdfminimizer_x(solver) else {
                    throw GSLError.failed("BFGS minimization", "the minimizer holds no point")
                }
                let x = (0..<n).map { gsl_vector_get(best, $0) }
                // A failed first step may leave the start: converged if its gradient is small.
                if !converged {
                    converged = gsl_multimin_test_gradient(solver.pointee.gradient, gradientTolerance) == Int32(GSL_SUCCESS)
                }
                return Result(x: x, value: gsl_multimin_fdfminimizer_minimum(solver), iterations: iterations, converged: converged)
            }
        } }
    }
}
