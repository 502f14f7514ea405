extension PortfolioOptimizer {
    /// Solves and gathers what a user reads: weights, expected return, volatility, risk
    /// contributions, KKT residuals, and the conflict in words when infeasible.
    public func answer(
        _ objective: PortfolioObjective, inputs: PortfolioInputs, constraints: PortfolioConstraints,
        warmStart: Bool = false
    ) -> PortfolioSolution {
        let status = solve(objective, inputs: inputs, constraints: constraints, warmStart: warmStart)
        var factorNames: [String] = []
        if case .factorExposure(let problem) = objective { factorNames = problem.factorNames }
        let conflict = describeConflict(status, names: inputs.names, constraints: constraints, factorNames: factorNames)
        guard status == .optimal else {
            return PortfolioSolution(
                status: status, weights: [], expectedReturn: .nan, volatility: .nan, riskContributions: [],
                residuals: residuals(), conflict: conflict, notes: searchNotes, iterations: iterations)
        }
        let w = weights
        let figures = PortfolioFigures(weights: w, inputs: inputs)
        return PortfolioSolution(
            status: status, weights: w, expectedReturn: figures.expectedReturn, volatility: figures.volatility,
            riskContributions: figures.riskContributions, residuals: residuals(), conflict: [], notes: searchNotes,
            iterations: iterations)
    }

    /// `points` efficient-frontier portfolios (minimum variance for expected returns evenly spaced from
    /// the minimum-variance portfolio's to the highest achievable), each warm-started from the last.
    public func frontier(inputs: PortfolioInputs, constraints: PortfolioConstraints, points: Int) -> [PortfolioSolution] {
        let least = answer(.minimumVariance, inputs: inputs, constraints: constraints)
        guard least.isOptimal, points > 1, let highest = maximumReturn(inputs: inputs, constraints: constraints)
        else { return [least] }
        let low = least.expectedReturn
        var result = [least]
        for k in 1..<points {
            // The top point is the highest return itself, less rounding room so the QP stays feasible.
            let target = k == points - 1
                ? highest - 1e-12 * max(abs(highest), highest - low) : low + (highest - low) * Double(k) / Double(points - 1)
            result.append(answer(.targetReturn(target), inputs: inputs, constraints: constraints, warmStart: true))
        }
        return result
    }
}

/// Expected return, volatility and risk contributions of given weights.
public struct PortfolioFigures: Sendable, Equatable {
    public var expectedReturn: Double
    public var volatility: Double
    /// w_i (Σw)_i / wᵀΣw: each asset's share of the variance (sums to 1).
    public var riskContributions: [Double]

    public init(weights w: [Double], inputs: PortfolioInputs) {
        let n = inputs.assetCount
        var marginal = Array(repeating: 0.0, count: n)
        var variance = 0.0
        var expected = 0.0
        for i in 0..<n {
            for j in 0..<n { marginal[i] += inputs.covariance[i * n + j] * w[j] }
            variance += w[i] * marginal[i]
            expected += w[i] * inputs.mean[i]
        }
        expectedReturn = expected
        volatility = max(variance, 0).squareRoot()
        riskContributions = (0..<n).map { variance > 0 ? w[$0] * marginal[$0] / variance : 0 }
    }
}
