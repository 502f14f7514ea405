import CGSL

/// GSL descriptive statistics over contiguous doubles.
public enum Statistics {
    public static func mean(_ x: UnsafeBufferPointer<Double>) -> Double {
        gsl_stats_mean(x.baseAddress, 1, x.count)
    }

    /// Sample standard deviation (n - 1 in the denominator).
    public static func standardDeviation(_ x: UnsafeBufferPointer<Double>) -> Double {
        x.count < 2 ? .nan : gsl_stats_sd(x.baseAddress, 1, x.count)
    }

    public static func mean(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { mean($0) }
    }

    public static func standardDeviation(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { standardDeviation($0) }
    }

    /// Sorts in place, ascending (`gsl_sort`).
    public static func sort(_ x: inout [Double]) {
        x.withUnsafeMutableBufferPointer { gsl_sort($0.baseAddress, 1, $0.count) }
    }

    /// Quantile of sorted data with linear interpolation between order statistics
    /// (`gsl_stats_quantile_from_sorted_data`; the same rule as numpy.percentile's default).
    public static func quantile(sorted x: [Double], _ fraction: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        return x.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, fraction) }
    }

    /// The `k` smallest values of `x`, ascending, written to `into` (`gsl_sort_smallest`).
    public static func smallest(
        _ k: Int, of x: UnsafeBufferPointer<Double>, into destination: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(k <= destination.count && k <= x.count)
        _ = gsl_sort_smallest(destination.baseAddress, k, x.baseAddress, 1, x.count)
    }

    /// Upper quantile of the standard normal distribution (`gsl_cdf_ugaussian_Pinv`).
    public static func normalQuantile(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }
}
