import Foundation
import GSLKit

/// Monthly log-return parameters of one asset in one regime: the log return is mu + sigma e, with
/// e the unit-variance shock (normal, or Student-t with a capped scale).
public struct LogReturnParameters: Sendable, Equatable {
    /// Mean of the monthly log return.
    public var mu: Double
    /// Standard deviation of the monthly log return.
    public var sigma: Double

    public init(mu: Double, sigma: Double) {
        self.mu = mu
        self.sigma = sigma
    }

    /// From a fact sheet: the compound annual growth rate g and the annualized volatility v of
    /// monthly simple returns (std * sqrt(12)). The shock is symmetric, so the median of wealth after
    /// n months is exp(n mu) and the median CAGR is exp(12 mu) - 1. With M(a) = E[exp(a e)], the
    /// variance of a monthly simple return is e^{2 mu} (M(2 sigma) - M(sigma)^2), set to v^2 / 12.
    /// For normal shocks M(a) = e^{a^2/2}, and with b = e^{sigma^2} this is b^2 - b = (v^2/12) e^{-2 mu}.
    public static func factSheet(
        annualReturn: Double, annualVolatility: Double, innovations: Innovations = .normal
    ) throws(GSLError) -> LogReturnParameters {
        let mu = log1p(annualReturn) / 12
        let v = annualVolatility * annualVolatility / 12
        let b = (1 + (1 + 4 * v * exp(-2 * mu)).squareRoot()) / 2
        let normal = log(b).squareRoot()
        guard innovations != .normal else { return LogReturnParameters(mu: mu, sigma: normal) }
        let sigma = try solve(target: v * exp(-2 * mu), from: normal) { (s) throws(GSLError) in
            let (e1, e2) = (try innovations.exponentialMomentMinusOne(s), try innovations.exponentialMomentMinusOne(2 * s))
            return e2 - 2 * e1 - e1 * e1  // M(2s) - M(s)^2
        }
        return LogReturnParameters(mu: mu, sigma: sigma)
    }

    /// From the arithmetic mean m and standard deviation w of monthly simple returns: 1 + m =
    /// e^mu M(sigma) and w^2 / (1 + m)^2 = M(2 sigma) / M(sigma)^2 - 1. For normal shocks that gives
    /// sigma^2 = ln(1 + w^2 / (1 + m)^2) and mu = ln(1 + m) - sigma^2 / 2.
    public static func monthlyMoments(
        mean: Double, volatility: Double, innovations: Innovations = .normal
    ) throws(GSLError) -> LogReturnParameters {
        let ratio = volatility * volatility / ((1 + mean) * (1 + mean))
        let s2 = log1p(ratio)
        guard innovations != .normal else { return LogReturnParameters(mu: log1p(mean) - s2 / 2, sigma: s2.squareRoot()) }
        let sigma = try solve(target: ratio, from: s2.squareRoot()) { (s) throws(GSLError) in
            let (e1, e2) = (try innovations.exponentialMomentMinusOne(s), try innovations.exponentialMomentMinusOne(2 * s))
            return (e2 - 2 * e1 - e1 * e1) / ((1 + e1) * (1 + e1))
        }
        return LogReturnParameters(mu: log1p(mean) - log1p(try innovations.exponentialMomentMinusOne(sigma)), sigma: sigma)
    }

    /// The sigma >= 0 where the increasing function h reaches `target`, bracketed from 0 and from
    /// `start` (the normal model's answer) doubled until h passes the target.
    static func solve(
        target: Double, from start: Double, _ h: (Double) throws(GSLError) -> Double
    ) throws(GSLError) -> Double {
        guard target > 0 else { return 0 }
        var upper = Swift.max(start, 1e-6)
        while try h(upper) < target {
            upper *= 2
            if upper > 100 { throw GSLError.failed("calibration", "no log-return volatility gives this variance") }
        }
        var failure: GSLError?
        let sigma = try Quadrature.root(between: 0, upper) { s in
            do throws(GSLError) { return try h(s) - target } catch {
                failure = error
                return .nan
            }
        }
        if let failure { throw failure }
        return sigma
    }
}
