import Optimizer

/// An efficient frontier and its tangency portfolio, solved once for `frontier`'s output and
/// page and for the frontier an `optimize` page draws its answer on.
public struct EfficientFrontier: Sendable {
    /// The first solve: the minimum-variance portfolio, or the reason there is no frontier.
    public var minimumVariance: PortfolioSolution
    /// The optimal points, from the minimum-variance portfolio up to the highest expected return.
    public var points: [PortfolioSolution]
    /// The maximum-Sharpe portfolio at the risk-free rate; nil when no portfolio within the
    /// constraints earns more than the rate (or there is no frontier).
    public var tangency: PortfolioSolution?

    /// Whether the minimum-variance portfolio was found, so the frontier can be drawn.
    public var exists: Bool { minimumVariance.isOptimal }

    /// `riskFree` is per period, like the inputs. A turnover limit in `constraints` is the caller's
    /// to remove: a frontier is drawn without one.
    public static func solve(
        inputs: PortfolioInputs, constraints: PortfolioConstraints, points: Int, riskFree: Double
    ) -> EfficientFrontier {
        let optimizer = PortfolioOptimizer()
        let all = optimizer.frontier(inputs: inputs, constraints: constraints, points: points)
        // `frontier` always answers at least the minimum-variance solve; the fallback is never used.
        let first = all.first ?? optimizer.answer(.minimumVariance, inputs: inputs, constraints: constraints)
        guard first.isOptimal else { return EfficientFrontier(minimumVariance: first, points: [], tangency: nil) }
        let tangency = optimizer.answer(.maximumSharpe(riskFree: riskFree), inputs: inputs, constraints: constraints)
        return EfficientFrontier(
            minimumVariance: first, points: all.filter(\.isOptimal), tangency: tangency.isOptimal ? tangency : nil)
    }
}
