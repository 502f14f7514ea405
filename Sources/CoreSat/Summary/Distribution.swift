import GSLKit

/// A statistic of a figure's distribution across paths.
public enum Statistic: String, CaseIterable, Sendable {
    case mean, median, p05, p25, p75, p95
    /// Bounds of the 95% confidence interval of the mean.
    case ci95Low = "ci95_low"
    case ci95High = "ci95_high"

    /// The quantile this statistic is, if it is one.
    public var fraction: Double? {
        switch self {
        case .mean, .ci95Low, .ci95High: nil
        case .median: 0.5
        case .p05: 0.05
        case .p25: 0.25
        case .p75: 0.75
        case .p95: 0.95
        }
    }
}

/// Where a figure landed across paths, with the Monte Carlo standard error of each statistic.
/// Paths where the figure is undefined (NaN or infinite, e.g. a Calmar ratio without a drawdown)
/// are left out and counted in `undefined`.
public struct Distribution: Sendable, Equatable {
    public var mean: Double
    public var median: Double
    public var p05: Double
    public var p25: Double
    public var p75: Double
    public var p95: Double
    /// Monte Carlo standard error of the mean: sd / sqrt(n).
    public var standardError: Double
    /// Standard errors of the statistics, indexed like `Statistic.allCases` (a confidence bound
    /// moves with the mean, so it shares the mean's).
    let errors: [Double]
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
        let meanError = standardError
        errors = Statistic.allCases.map { s in
            s.fraction.map { Self.quantileError(sorted: finite, $0) } ?? meanError
        }
    }

    public func value(_ statistic: Statistic) -> Double {
        switch statistic {
        case .mean: mean
        case .median: median
        case .p05: p05
        case .p25: p25
        case .p75: p75
        case .p95: p95
        case .ci95Low: confidence95.low
        case .ci95High: confidence95.high
        }
    }

    public func standardError(_ statistic: Statistic) -> Double {
        errors[Statistic.allCases.firstIndex(of: statistic)!]
    }

    /// Two-sided 95% normal confidence interval for the mean.
    public var confidence95: (low: Double, high: Double) {
        let z = Statistics.normalQuantile(0.975)
        return (mean - z * standardError, mean + z * standardError)
    }

    /// Standard error of the sample p-quantile, distribution-free: the number of paths below the
    /// true quantile is binomial with sd s = sqrt(p(1-p)/n) in probability units, so the estimate
    /// moves by about (Q(p + s) - Q(p - s)) / 2. Measured over +/- 2s and divided by 4, which is the
    /// same for smooth distributions and rarely zero for figures with few distinct values (a win
    /// rate over 120 months takes only 121).
    static func quantileError(sorted x: [Double], _ p: Double) -> Double {
        guard x.count >= 10 else { return .nan }
        let s = (p * (1 - p) / Double(x.count)).squareRoot()
        return (Statistics.quantile(sorted: x, min(p + 2 * s, 1)) - Statistics.quantile(sorted: x, max(p - 2 * s, 0))) / 4
    }
}
