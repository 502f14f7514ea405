import GSLKit

/// One market state of the stock universe: the monthly log-return distribution of each factor.
/// Means and volatilities are of monthly log returns, so a stock's simple return is expm1 of its
/// factor sum and can never fall below -100%. Only the market and the style premia are priced:
/// industry factors and a stock's own noise have simple-return mean 0 (log mean -sigma^2 / 2).
public struct UniverseRegime: Sendable, Equatable {
    public var name: String
    /// The market factor's monthly log return: mean and volatility.
    public var marketMean: Double, marketVolatility: Double
    /// Per `StyleFactor` (allCases order): the monthly log return earned per unit of standardized score.
    public var premiumMean: [Double], premiumVolatility: [Double]
    /// Correlation of the market factor and the premia, in the order market, then
    /// `StyleFactor.allCases`; nil: independent.
    public var factorCorrelation: SquareMatrix?
    /// Volatility of each industry's own factor, independent across industries.
    public var industryVolatility: Double
    /// Idiosyncratic volatility of a stock of typical size (the cross-section's mean log cap).
    public var idiosyncraticVolatility: Double

    public init(
        name: String, marketMean: Double, marketVolatility: Double, premiumMean: [Double], premiumVolatility: [Double],
        factorCorrelation: SquareMatrix? = nil, industryVolatility: Double, idiosyncraticVolatility: Double
    ) {
        self.name = name
        self.marketMean = marketMean
        self.marketVolatility = marketVolatility
        self.premiumMean = premiumMean
        self.premiumVolatility = premiumVolatility
        self.factorCorrelation = factorCorrelation
        self.industryVolatility = industryVolatility
        self.idiosyncraticVolatility = idiosyncraticVolatility
    }

    /// The correlated factors: the market, then each style premium.
    public static var correlatedFactors: Int { 1 + StyleFactor.allCases.count }

    /// Why the regime is invalid, or nil.
    public func problem() -> String? {
        let factors = StyleFactor.allCases.count
        if name.isEmpty { return "a regime needs a name" }
        if !marketMean.isFinite { return "regime '\(name)': the market mean must be a finite number" }
        for (label, value) in [
            ("market volatility", marketVolatility), ("industry volatility", industryVolatility),
            ("idiosyncratic volatility", idiosyncraticVolatility),
        ] where !(value.isFinite && value >= 0) {
            return "regime '\(name)': the \(label) must be a finite number >= 0, not \(value)"
        }
        if premiumMean.count != factors || premiumVolatility.count != factors {
            return "regime '\(name)': give one premium mean and one premium volatility per style factor "
                + "(\(factors): \(StyleFactor.allCases.map(\.rawValue).joined(separator: ", ")))"
        }
        for (f, factor) in StyleFactor.allCases.enumerated() {
            if !premiumMean[f].isFinite {
                return "regime '\(name)': the \(factor.rawValue) premium mean must be finite"
            }
            if !(premiumVolatility[f].isFinite && premiumVolatility[f] >= 0) {
                return "regime '\(name)': the \(factor.rawValue) premium volatility must be a finite number >= 0"
            }
        }
        if let factorCorrelation { return correlationProblem(factorCorrelation) }
        return nil
    }

    private func correlationProblem(_ c: SquareMatrix) -> String? {
        let n = Self.correlatedFactors
        guard c.order == n else {
            return "regime '\(name)': the factor correlation must be \(n) x \(n): "
                + "the market, then one row per style factor"
        }
        for i in 0..<n {
            if c[i, i] != 1 { return "regime '\(name)': the factor correlation's diagonal must be 1" }
            for j in 0..<n where !(c[i, j].isFinite && abs(c[i, j]) <= 1) {
                return "regime '\(name)': factor correlations must lie in [-1, 1]"
            }
        }
        if c.asymmetry > 1e-12 { return "regime '\(name)': the factor correlation must be symmetric" }
        if (try? c.cholesky()) == nil { return "regime '\(name)': the factor correlation is not positive definite" }
        return nil
    }

    /// The packed lower Cholesky factor of the covariance of (market, premia), for drawing them as L z.
    func factorLower() -> [Double] {
        let correlation = factorCorrelation ?? .identity(Self.correlatedFactors)
        let sd = [marketVolatility] + premiumVolatility
        guard let normals = try? CorrelatedNormals(correlation: correlation, standardDeviations: sd)
        else { preconditionFailure("factor correlation not checked: \(problem() ?? "")") }
        return normals.packed
    }
}
