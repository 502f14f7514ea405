import Foundation
import GSLKit

/// The distribution of the monthly log-return shocks (unit variance).
public enum Innovations: Sendable, Equatable {
    case normal
    /// Multivariate Student-t with a capped mixing scale, shared by all assets in a month (`StudentTShocks`).
    case studentT(degreesOfFreedom: Double)

    /// E[exp(a e)] - 1 for one shock e.
    public func exponentialMomentMinusOne(_ a: Double) throws(GSLError) -> Double {
        switch self {
        case .normal: expm1(a * a / 2)
        case .studentT(let nu): try StudentTShocks(degreesOfFreedom: nu).exponentialMomentMinusOne(a)
        }
    }
}

/// One market state: per-asset log-return parameters and their correlation.
public struct RegimeSpec: Sendable, Equatable {
    public var name: String
    /// Indexed like the scenario's assets.
    public var parameters: [LogReturnParameters]
    public var correlation: SquareMatrix

    public init(name: String, parameters: [LogReturnParameters], correlation: SquareMatrix) {
        self.name = name
        self.parameters = parameters
        self.correlation = correlation
    }
}

/// The market part of a scenario: one regime for the normal and Student-t models, several with a
/// Markov chain between them for regime switching.
public struct MarketSpec: Sendable, Equatable {
    public var regimes: [RegimeSpec]
    /// Row-stochastic monthly transition matrix (1 x 1 identity for a single regime).
    public var transition: SquareMatrix
    /// Distribution of the regime of the first generated month.
    public var start: [Double]
    public var innovations: Innovations
    /// How uncertain the drifts are; nil: known drifts.
    public var driftUncertainty: DriftUncertainty?

    public init(
        regimes: [RegimeSpec], transition: SquareMatrix, start: [Double], innovations: Innovations,
        driftUncertainty: DriftUncertainty? = nil
    ) {
        self.regimes = regimes
        self.transition = transition
        self.start = start
        self.innovations = innovations
        self.driftUncertainty = driftUncertainty
    }
}
