import GSLKit

/// Where a figure landed across paths. Paths where the figure is undefined (NaN or infinite, e.g. a
/// Calmar ratio without a drawdown) are left out and counted in `undefined`.
public struct Distribution: Sendable, Equatable {
    public var mean: Double
    public var median: Double
    public var p05: Double
    public var p25: Double
    public var p75: Double
    public var p95: Double
    /// Monte Carlo standard error of the mean: sd / sqrt(n).
    public var standardError: Double
    public var count: Int
    public var undefined: Int

    public init<C: Collection>(_ values: C) where C.Element == Double {
        var finite = values.filter(\.isFinite)
        undefined = values.count - finite.count
        count = finite.count
        finite.sort()
        mean = finite.isEmpty ? .nan : Statistics.mean(finite)
        standardError = finite.count < 2 ? .nan : Statistics.standardDeviation(finite) / Double(finite.count).squareRoot()
        median = Statistics.quantile(sorted: finite, 0.5)
        p05 = Statistics.quantile(sorted: finite, 0.05)
        p25 = Statistics.quantile(sorted: finite, 0.25)
        p75 = Statistics.quantile(sorted: finite, 0.75)
        p95 = Statistics.quantile(sorted: finite, 0.95)
    }

    /// Two-sided 95% normal confidence interval for the mean.
    public var confidence95: (low: Double, high: Double) {
        let z = Statistics.normalQuantile(0.975)
        return (mean - z * standardError, mean + z * standardError)
    }
}
