import CGSL

/// Descriptive statistics over contiguous doubles, and the distribution functions the models need.
/// Means and deviations are written here as plain two-pass sums (GSL's running-mean recurrence
/// divides per element, which showed up at the top of the simulator's profile); the partial sort
/// and the distribution functions are GSL's.
public enum Statistics {
    public static func mean(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard !x.isEmpty else { return .nan }
        var sum = 0.0
        for v in x { sum += v }
        return sum / Double(x.count)
    }

    /// sum (x - center)^2, the second pass of a two-pass variance. Four partial sums, so that each
    /// add does not wait for the one before: this runs for every path and policy of a simulation.
    public static func sumOfSquaredDeviations(_ x: UnsafeBufferPointer<Double>, around center: Double) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= x.count {
            let d0 = x[i] - center, d1 = x[i + 1] - center, d2 = x[i + 2] - center, d3 = x[i + 3] - center
            s0 += d0 * d0
            s1 += d1 * d1
            s2 += d2 * d2
            s3 += d3 * d3
            i += 4
        }
        while i < x.count {
            let d = x[i] - center
            s0 += d * d
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// Sample standard deviation (n - 1 in the denominator).
    public static func standardDeviation(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard x.count > 1 else { return .nan }
        return (sumOfSquaredDeviations(x, around: mean(x)) / Double(x.count - 1)).squareRoot()
    }

    public static func mean(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { mean($0) }
    }

    public static func standardDeviation(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { standardDeviation($0) }
    }

    /// The `k` smallest values of `x`, ascending, written to `into` (`gsl_sort_smallest`).
    public static func smallest(
        _ k: Int, of x: UnsafeBufferPointer<Double>, into destination: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(k <= destination.count && k <= x.count)
        _ = gsl_sort_smallest(destination.baseAddress, k, x.baseAddress, 1, x.count)
    }

    /// Skewness m3 / m2^1.5 and (non-excess) kurtosis m4 / m2^2 from the central moments
    /// m_k = mean((x - mean)^k): the population (biased) estimators, as scipy.stats.skew and
    /// kurtosis(fisher=False) give by default. GSL's gsl_stats_skew divides by the n - 1 deviation
    /// instead, which is why these are written out. NaN for fewer than 2 values or no spread.
    public static func skewnessAndKurtosis(_ x: UnsafeBufferPointer<Double>) -> (skewness: Double, kurtosis: Double) {
        guard x.count > 1 else { return (.nan, .nan) }
        let center = mean(x)
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for v in x {
            let d = v - center
            let d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        let n = Double(x.count)
        m2 /= n
        m3 /= n
        m4 /= n
        guard m2 > 0 else { return (.nan, .nan) }
        return (m3 / (m2 * m2.squareRoot()), m4 / (m2 * m2))
    }

    /// P(Z <= x) for a standard normal Z (`gsl_cdf_ugaussian_P`).
    public static func normalCDF(_ x: Double) -> Double { gsl_cdf_ugaussian_P(x) }

    /// Inverse of the standard normal distribution function: P(Z <= x) = p (`gsl_cdf_ugaussian_Pinv`).
    public static func normalQuantile(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }

    /// P(X <= x) for chi-squared X with `nu` degrees of freedom (`gsl_cdf_chisq_P`).
    public static func chiSquaredCDF(_ x: Double, degreesOfFreedom nu: Double) -> Double { gsl_cdf_chisq_P(x, nu) }

    /// P(X > x) for chi-squared X with `nu` degrees of freedom (`gsl_cdf_chisq_Q`), accurate in the tail.
    public static func chiSquaredUpperTail(_ x: Double, degreesOfFreedom nu: Double) -> Double { gsl_cdf_chisq_Q(x, nu) }

    /// The chi-squared density with `nu` degrees of freedom at x (`gsl_ran_chisq_pdf`).
    public static func chiSquaredDensity(_ x: Double, degreesOfFreedom nu: Double) -> Double { gsl_ran_chisq_pdf(x, nu) }
}
