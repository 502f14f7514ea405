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
    public let mean: Double
    public let median: Double
    public let p05: Double
    public let p25: Double
    public let p75: Double
    public let p95: Double
    /// Monte Carlo standard error of the mean: sd / sqrt(n).
    public let standardError: Double
    /// Standard errors of the statistics, indexed like `Statistic.allCases` (a confidence bound
    /// moves with the mean, so it shares the mean's).
    let errors: [Double]
    public let count: Int
    public let undefined: Int

    /// The same as the generic initializer; callers in other modules that hold an array get code
    /// specialized for it here, instead of generic code that looks every element up by witness.
    public init(_ values: [Double]) {
        self.init(of: values)
    }

    public init<C: Collection>(_ values: C) where C.Element == Double {
        self.init(of: values)
    }

    /// The quantiles at `fractions` of the finite values, as a `Distribution` would give them,
    /// without its mean and standard errors (which cost a second pass and more selections).
    public static func quantiles(_ values: [Double], at fractions: [Double]) -> [Double] {
        let order = OrderStatistics(values.filter(\.isFinite), fractions: fractions)
        return fractions.map(order.quantile)
    }

    private init<C: Collection>(of values: C) where C.Element == Double {
        let finite = values.filter(\.isFinite)
        undefined = values.count - finite.count
        count = finite.count
        let n = Double(finite.count)
        mean = finite.isEmpty ? .nan : Statistics.mean(finite)
        standardError = finite.count < 2 ? .nan : Statistics.standardDeviation(finite) / n.squareRoot()
        // Standard error of a sample p-quantile, distribution-free: the number of paths below the true
        // quantile is binomial with sd s = sqrt(p(1-p)/n) in probability units, so the estimate moves by
        // about (Q(p + s) - Q(p - s)) / 2. It is measured over +/- 2s (divided by 4); for figures with
        // few distinct values (a win rate over 120 months takes only 121), where that window can hold
        // a single value, over +/- 4s and 8s until it is not zero.
        let widths = [2.0, 4.0, 8.0]
        let windows = Statistic.allCases.map { s in
            s.fraction.map { p in
                widths.map { k in
                    let d = k * (p * (1 - p) / Swift.max(n, 1)).squareRoot()
                    return (low: Swift.max(p - d, 0), high: Swift.min(p + d, 1), width: k)
                }
            }
        }
        // The wider windows are needed only where the narrowest holds a single value, which is
        // rare: their order statistics are selected only then (the values are the same either way).
        let ladders = windows.compactMap { $0 }
        let finiteCount = finite.count
        var order = OrderStatistics(
            consume finite, fractions: Statistic.allCases.compactMap(\.fraction) + ladders.flatMap { [$0[0].low, $0[0].high] })
        median = order.quantile(0.5)
        p05 = order.quantile(0.05)
        p25 = order.quantile(0.25)
        p75 = order.quantile(0.75)
        p95 = order.quantile(0.95)
        func spread(_ w: (low: Double, high: Double, width: Double)) -> Double {
            (order.quantile(w.high) - order.quantile(w.low)) / (2 * w.width)
        }
        if finiteCount >= 10 && ladders.contains(where: { spread($0[0]) == 0 }) {
            order = OrderStatistics(order.values, fractions: ladders.flatMap { $0.flatMap { [$0.low, $0.high] } })
        }
        let meanError = standardError
        errors = windows.map { ladder in
            guard let ladder else { return meanError }
            guard finiteCount >= 10 else { return .nan }
            return ladder.lazy.map(spread).first { $0 > 0 } ?? 0
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

}
