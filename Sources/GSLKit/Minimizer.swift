import CGSL

/// Derivative-free minimization by GSL's Nelder-Mead simplex (`nmsimplex2`).
public enum Minimizer {
    public struct Result: Sendable {
        public let point: [Double]
        public let value: Double
        public let iterations: Int
        public let converged: Bool
    }

    private final class Objective {
        let f: ([Double]) -> Double
        var scratch: [Double]
        init(_ f: @escaping ([Double]) -> Double, dimension: Int) {
            self.f = f
            self.scratch = Array(repeating: 0, count: dimension)
        }
    }

    /// Minimizes `f` from `start` with initial simplex steps `step`, until the simplex size
    /// falls below `tolerance` or `maxIterations` is reached.
    public static func nelderMead(
        start: [Double], step: [Double], tolerance: Double = 1e-10, maxIterations: Int = 10_000,
        _ f: @escaping ([Double]) -> Double
    ) throws(GSLError) -> Result {
        GSL.prepare()
        let n = start.count
        precondition(n > 0 && step.count == n)
        let box = Objective(f, dimension: n)
        // GSL keeps a pointer to the function struct, so it lives on the heap for the whole run.
        let function = UnsafeMutablePointer<gsl_multimin_function>.allocate(capacity: 1)
        defer { function.deallocate() }
        function.pointee.n = n
        function.pointee.params = Unmanaged.passUnretained(box).toOpaque()
        function.pointee.f = { x, params in
            let box = Unmanaged<Objective>.fromOpaque(params!).takeUnretainedValue()
            let v = x!
            for i in 0..<box.scratch.count {
                box.scratch[i] = v.pointee.data[i * v.pointee.stride]
            }
            return box.f(box.scratch)
        }
        guard let x = gsl_vector_alloc(n), let ss = gsl_vector_alloc(n),
            let state = gsl_multimin_fminimizer_alloc(cgsl_multimin_nmsimplex2(), n)
        else { throw GSLError(status: Int32(GSL_ENOMEM), operation: "minimizer allocation") }
        defer { gsl_vector_free(x); gsl_vector_free(ss); gsl_multimin_fminimizer_free(state) }
        for i in 0..<n {
            gsl_vector_set(x, i, start[i])
            gsl_vector_set(ss, i, step[i])
        }
        try GSL.check(gsl_multimin_fminimizer_set(state, function, x, ss), "minimizer setup")
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            let status = gsl_multimin_fminimizer_iterate(state)
            if status != Int32(GSL_SUCCESS) { try GSL.check(status, "minimizer iteration") }
            let size = gsl_multimin_fminimizer_size(state)
            if gsl_multimin_test_size(size, tolerance) == Int32(GSL_SUCCESS) {
                converged = true
                break
            }
        }
        let best = gsl_multimin_fminimizer_x(state)!
        let point = (0..<n).map { gsl_vector_get(best, $0) }
        return Result(
            point: point, value: gsl_multimin_fminimizer_minimum(state), iterations: iterations,
            converged: converged)
    }
}
