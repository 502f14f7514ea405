import CGSL

/// Integrals and roots of Swift closures by GSL: adaptive quadrature (QAGIU) and Brent's method.
public enum Quadrature {
    /// Hands a Swift closure to GSL as a `gsl_function` for the duration of `body`.
    private static func withFunction<R>(
        _ f: (Double) -> Double, _ body: (UnsafeMutablePointer<gsl_function>) -> R
    ) -> R {
        withoutActuallyEscaping(f) { f in
            var closure = f
            return withUnsafeMutablePointer(to: &closure) { pointer in
                var function = gsl_function(
                    function: { x, params in params!.assumingMemoryBound(to: ((Double) -> Double).self).pointee(x) },
                    params: UnsafeMutableRawPointer(pointer))
                return body(&function)
            }
        }
    }

    /// The integral of `f` over [a, b] (`gsl_integration_qags`) or, when b is infinite, over
    /// [a, infinity) (`gsl_integration_qagiu`), to relative accuracy `relativeTolerance`. An infinite
    /// range is mapped onto (0, 1], so most of the mass should lie near a, not far beyond it: start
    /// the infinite piece near the bulk of the integrand.
    public static func integral(
        from a: Double, to b: Double = .infinity, relativeTolerance: Double = 1e-11, _ f: (Double) -> Double
    ) throws(GSLError) -> Double {
        GSL.prepare()
        let limit = 1_000
        guard let workspace = gsl_integration_workspace_alloc(limit) else {
            throw GSLError(status: Int32(GSL_ENOMEM), operation: "integration workspace allocation")
        }
        defer { gsl_integration_workspace_free(workspace) }
        var result = 0.0, error = 0.0
        let status = withFunction(f) { function in
            b.isInfinite
                ? gsl_integration_qagiu(function, a, 0, relativeTolerance, limit, workspace, &result, &error)
                : gsl_integration_qags(function, a, b, 0, relativeTolerance, limit, workspace, &result, &error)
        }
        try GSL.check(status, "numerical integration")
        return result
    }

    /// A root of `f` in [lower, upper], where f changes sign, by Brent's method
    /// (`gsl_root_fsolver_brent`), to relative accuracy `relativeTolerance`.
    public static func root(
        between lower: Double, _ upper: Double, relativeTolerance: Double = 1e-13, _ f: (Double) -> Double
    ) throws(GSLError) -> Double {
        GSL.prepare()
        guard let solver = gsl_root_fsolver_alloc(cgsl_root_fsolver_brent()) else {
            throw GSLError(status: Int32(GSL_ENOMEM), operation: "root solver allocation")
        }
        defer { gsl_root_fsolver_free(solver) }
        var root = Double.nan
        let status: Int32 = withFunction(f) { function in
            let status = gsl_root_fsolver_set(solver, function, lower, upper)
            guard status == Int32(GSL_SUCCESS) else { return status }
            for _ in 0..<200 {
                let status = gsl_root_fsolver_iterate(solver)
                guard status == Int32(GSL_SUCCESS) else { return status }
                let low = gsl_root_fsolver_x_lower(solver), high = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(low, high, 0, relativeTolerance) == Int32(GSL_SUCCESS) {
                    root = gsl_root_fsolver_root(solver)
                    return Int32(GSL_SUCCESS)
                }
            }
            return Int32(GSL_EMAXITER)
        }
        try GSL.check(status, "root finding", details: [
            Int32(GSL_EINVAL): "the function does not change sign between \(lower) and \(upper)"])
        return root
    }
}
