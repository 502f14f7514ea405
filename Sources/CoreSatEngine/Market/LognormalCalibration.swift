import Foundation

/// Monthly log-return parameters of one asset in one regime.
public struct LogReturnParameters: Sendable, Equatable {
    /// Mean of the monthly log return.
    public var mu: Double
    /// Standard deviation of the monthly log return.
    public var sigma: Double

    public init(mu: Double, sigma: Double) {
        self.mu = mu
        self.sigma = sigma
    }

    /// From a fact sheet: the compound annual growth rate and the annualized volatility of monthly
    /// simple returns (std * sqrt(12)). The median of wealth after n months is exp(n mu), so the
    /// median CAGR is exp(12 mu) - 1; the variance of a monthly simple return is
    /// (e^{s^2} - 1) e^{2 mu + s^2}, which with a = e^{s^2} is the quadratic a^2 - a = v e^{-2 mu}.
    public static func factSheet(annualReturn: Double, annualVolatility: Double) -> LogReturnParameters {
        let mu = log1p(annualReturn) / 12
        let v = annualVolatility * annualVolatility / 12
        let a = (1 + (1 + 4 * v * exp(-2 * mu)).squareRoot()) / 2
        return LogReturnParameters(mu: mu, sigma: log(a).squareRoot())
    }

    /// From the arithmetic mean and standard deviation of monthly simple returns (moment matching).
    public static func monthlyMoments(mean: Double, volatility: Double) -> LogReturnParameters {
        let s2 = log1p(volatility * volatility / ((1 + mean) * (1 + mean)))
        return LogReturnParameters(mu: log1p(mean) - s2 / 2, sigma: s2.squareRoot())
    }

    /// Mean and standard deviation of the monthly simple return these parameters imply.
    public var simpleReturnMoments: (mean: Double, volatility: Double) {
        let s2 = sigma * sigma
        let mean = exp(mu + s2 / 2) - 1
        return (mean, (expm1(s2) * exp(2 * mu + s2)).squareRoot())
    }
}
