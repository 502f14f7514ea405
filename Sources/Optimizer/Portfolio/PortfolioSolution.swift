/// A solved portfolio problem, with what a user checks it by.
public struct PortfolioSolution: Sendable {
    public var status: SolveStatus
    /// The weights (empty unless the status is optimal).
    public var weights: [Double]
    public var expectedReturn: Double
    public var volatility: Double
    /// Each asset's share of the portfolio's variance (sums to 1).
    public var riskContributions: [Double]
    /// The KKT residuals of the solve behind the answer (for a quadratically constrained problem,
    /// those of the QP at the risk aversion that meets the limit, plus how far the limit is missed).
    public var residuals: KKTResiduals
    /// Constraints that cannot hold together, in words, when infeasible.
    public var conflict: [String]
    /// Anything the user should know about the answer (a limit that does not bind, ties).
    public var notes: [String]
    public var iterations: Int

    public var isOptimal: Bool { status == .optimal }
}
