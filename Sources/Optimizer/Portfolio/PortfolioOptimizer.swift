/// Solves portfolio problems on the solvers of this module, keeping their workspaces and the last
/// active set between calls: one optimizer per worker, re-solving as estimates move.
///
/// Quadratic objectives (minimum variance, utility, target return) are one QP each; maximum Sharpe
/// and maximum diversification one QP after the Charnes-Cooper change of variables (`RatioProgram`);
/// a volatility or tracking-error limit an exact search along the QP's risk aversion
/// (`RiskLimitSearch`); risk budgets a Newton method; factor exposure and maximum return a linear
/// program.
public final class PortfolioOptimizer {
    let qp = DualActiveSetSolver()
    let simplex = BoundedSimplex()
    let riskBudgets = RiskBudgetSolver()
    var quadratic = QuadraticProgram(variables: 0)
    var linear = LinearProgram(variables: 0)
    /// What the rows after the groups stand for in the program last built.
    var extraMeanings: [ConstraintMeaning] = []
    /// The ratio program's rows and equality, which do not follow the standard layout.
    var ratioMeanings: [ConstraintMeaning]?
    var lastSolver = LastSolver.none
    /// Set by a search when it ends on something the user should know.
    var searchNotes: [String] = []
    var riskLimitMiss = 0.0
    /// The turnover limit of the problem being solved.
    var turnover: PortfolioConstraints.TurnoverLimit?

    enum LastSolver { case none, quadratic, linear, riskBudget }

    /// The weights of the latest optimal solve.
    public internal(set) var weights: [Double] = []

    public init() {}

    /// Solves the problem; on `.optimal`, `weights` holds the answer. With `warmStart`, the QP first
    /// tries the active set its previous solve of the same shape ended with.
    public func solve(
        _ objective: PortfolioObjective, inputs: PortfolioInputs, constraints: PortfolioConstraints,
        warmStart: Bool = false
    ) -> SolveStatus {
        let n = inputs.assetCount
        if weights.count != n { weights = Array(repeating: 0, count: n) }
        searchNotes.removeAll(keepingCapacity: true)
        riskLimitMiss = 0
        ratioMeanings = nil
        turnover = constraints.turnover
        // Held only during the solve, so the caller can edit its current weights without a copy.
        defer { turnover = nil }
        if turnover != nil && !objective.takesTurnoverLimit {
            searchNotes.append("a turnover limit applies to the quadratic objectives only, not to this one")
            return .infeasible(conflict: [])
        }
        switch objective {
        case .minimumVariance:
            buildQuadratic(inputs, constraints, scale: 1, minimumReturn: nil)
            return solveQuadratic(warmStart: warmStart)
        case .meanVariance(let aversion):
            buildQuadratic(inputs, constraints, scale: aversion, minimumReturn: nil)
            for i in 0..<n { quadratic.linear[i] = -inputs.mean[i] }
            return solveQuadratic(warmStart: warmStart)
        case .targetReturn(let target):
            buildQuadratic(inputs, constraints, scale: 1, minimumReturn: target)
            return solveQuadratic(warmStart: warmStart)
        case .maximumSharpe(let riskFree):
            return solveRatio(inputs, constraints, warmStart: warmStart) { inputs.mean[$0] - riskFree }
        case .maximumDiversification:
            return solveRatio(inputs, constraints, warmStart: warmStart) { inputs.variance($0).squareRoot() }
        case .targetVolatility(let limit):
            return RiskLimitSearch(optimizer: self, inputs: inputs, benchmark: nil, limit: limit).run(constraints)
        case .trackingError(let benchmark, let limit):
            return RiskLimitSearch(optimizer: self, inputs: inputs, benchmark: benchmark, limit: limit).run(constraints)
        case .riskBudget(let budgets):
            return solveRiskBudget(inputs, budgets: budgets)
        case .factorExposure(let problem):
            buildLinear(inputs, constraints, exposures: problem)
            for i in 0..<n { linear.objective[i] = -problem.exposure(problem.target, i, assets: n) }
            return solveLinear()
        }
    }

    /// The highest expected return within the constraints (a linear program), or nil when there is none.
    public func maximumReturn(inputs: PortfolioInputs, constraints: PortfolioConstraints) -> Double? {
        let n = inputs.assetCount
        if weights.count != n { weights = Array(repeating: 0, count: n) }
        ratioMeanings = nil
        buildLinear(inputs, constraints, exposures: nil)
        for i in 0..<n { linear.objective[i] = -inputs.mean[i] }
        guard solveLinear() == .optimal else { return nil }
        return zip(weights, inputs.mean).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Nil when some weights meet the constraints (and the exposure bands of `exposures`);
    /// otherwise the constraints that conflict, in words. A turnover limit is left out: it depends
    /// on the weights held when the problem is solved.
    public func conflicts(_ constraints: PortfolioConstraints, names: [String], exposures: FactorExposureProblem? = nil) -> [String]? {
        let n = names.count
        if weights.count != n { weights = Array(repeating: 0, count: n) }
        ratioMeanings = nil
        let zero = PortfolioInputs(names: names, mean: Array(repeating: 0, count: n), covariance: Array(repeating: 0, count: n * n))
        buildLinear(zero, constraints, exposures: exposures)
        for i in 0..<n { linear.objective[i] = 0 }
        let status = solveLinear()
        guard case .infeasible = status else { return nil }
        return describeConflict(status, names: names, constraints: constraints, factorNames: exposures?.factorNames ?? [])
    }

    /// KKT residuals of the latest solve, recomputed from its program.
    public func residuals() -> KKTResiduals {
        switch lastSolver {
        case .quadratic:
            var r = qp.residuals(quadratic)
            r.primal = max(r.primal, riskLimitMiss)
            return r
        case .linear: return simplex.residuals(linear)
        case .riskBudget:
            let sum = weights.reduce(0, +)
            let negative = weights.reduce(0) { max($0, -$1) }
            return KKTResiduals(
                stationarity: riskBudgets.budgetResidual, primal: max(abs(sum - 1), negative), dual: 0, complementarity: 0)
        case .none: return KKTResiduals(stationarity: 0, primal: 0, dual: 0, complementarity: 0)
        }
    }

    /// Iterations of the latest solve (constraints added and dropped, pivots, Newton steps).
    public var iterations: Int {
        switch lastSolver {
        case .quadratic: qp.iterations
        case .linear: simplex.iterations
        case .riskBudget: riskBudgets.iterations
        case .none: 0
        }
    }

    // MARK: building and solving the programs

    func buildQuadratic(_ inputs: PortfolioInputs, _ constraints: PortfolioConstraints, scale: Double, minimumReturn: Double?) {
        let n = inputs.assetCount
        let groups = constraints.groups.count
        let rows = groups + (minimumReturn == nil ? 0 : 1)
        if quadratic.variables != n || quadratic.equalityCount != 1 || quadratic.rowCount != rows {
            quadratic = QuadraticProgram(variables: n, equalities: 1, rows: rows)
        }
        // One access to the program for all its entries (a class's stored property is checked for
        // exclusive access at every access; this runs at every review of a simulation).
        Self.fill(&quadratic, inputs, constraints, scale: scale, minimumReturn: minimumReturn)
        extraMeanings.removeAll(keepingCapacity: true)
        if let minimumReturn { extraMeanings.append(.minimumReturn(minimumReturn)) }
    }

    private static func fill(
        _ p: inout QuadraticProgram, _ inputs: PortfolioInputs, _ constraints: PortfolioConstraints, scale: Double,
        minimumReturn: Double?
    ) {
        let n = inputs.assetCount
        let groups = constraints.groups.count
        ConstraintLayout.write(constraints, into: &p)
        p.hessian.withUnsafeMutableBufferPointer { h in
            inputs.covariance.withUnsafeBufferPointer { c in
                for k in 0..<(n * n) { h[k] = scale * c[k] }
            }
        }
        p.linear.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        if let minimumReturn {
            for i in 0..<n { p.rows[groups * n + i] = inputs.mean[i] }
            p.rowLower[groups] = minimumReturn
            p.rowUpper[groups] = .infinity
        }
    }

    func solveQuadratic(warmStart: Bool) -> SolveStatus {
        let n = quadratic.variables
        return solveWithTurnover(
            turnover, warmStart: warmStart,
            weightsOf: {
                qp.copySolution(into: &weights)
                clipRounding(lower: quadratic.lower, upper: quadratic.upper)
                return true
            },
            cutRow: { signs, row in
                var shift = 0.0
                for i in 0..<n {
                    row[i] = signs[i]
                    shift += signs[i] * (turnover?.current[i] ?? 0)
                }
                return (turnover?.limit ?? 0) + shift
            })
    }

    /// Puts weights that miss a bound by rounding (at most 1e-12) on the bound, so that a reported
    /// weight is never -0.000000 or a hair over its cap.
    func clipRounding(lower: [Double], upper: [Double]) {
        for i in weights.indices {
            if weights[i] < lower[i] && lower[i] - weights[i] <= 1e-12 { weights[i] = lower[i] }
            if weights[i] > upper[i] && weights[i] - upper[i] <= 1e-12 { weights[i] = upper[i] }
        }
    }

    func buildLinear(_ inputs: PortfolioInputs, _ constraints: PortfolioConstraints, exposures: FactorExposureProblem?) {
        let n = inputs.assetCount
        let groups = constraints.groups.count
        let neutral = exposures?.neutral ?? []
        let rows = groups + neutral.count
        if linear.variables != n || linear.equalityCount != 1 || linear.rowCount != rows {
            linear = LinearProgram(variables: n, equalities: 1, rows: rows)
        }
        ConstraintLayout.write(constraints, into: &linear)
        extraMeanings.removeAll(keepingCapacity: true)
        guard let exposures else { return }
        for (k, band) in neutral.enumerated() {
            let r = groups + k
            for i in 0..<n { linear.rows[r * n + i] = exposures.exposure(band.factor, i, assets: n) }
            linear.rowLower[r] = band.value - band.tolerance
            linear.rowUpper[r] = band.value + band.tolerance
            extraMeanings.append(.exposure(factor: band.factor, low: linear.rowLower[r], high: linear.rowUpper[r]))
        }
    }

    func solveLinear() -> SolveStatus {
        lastSolver = .linear
        let status = simplex.solve(linear)
        if status == .optimal {
            let x = simplex.solution
            for i in weights.indices { weights[i] = x[i] }
            clipRounding(lower: linear.lower, upper: linear.upper)
        }
        return status
    }

    func solveRiskBudget(_ inputs: PortfolioInputs, budgets: [Double]) -> SolveStatus {
        lastSolver = .riskBudget
        let n = inputs.assetCount
        return inputs.covariance.withUnsafeBufferPointer { sigma in
            budgets.withUnsafeBufferPointer { b in
                weights.withUnsafeMutableBufferPointer { w in
                    guard let s = sigma.baseAddress, let b = b.baseAddress, let w = w.baseAddress else { return .notPositiveDefinite }
                    return riskBudgets.solve(covariance: s, assets: n, budgets: b, weights: w)
                }
            }
        }
    }

    /// The constraints in `status`'s conflict, in words.
    public func describeConflict(
        _ status: SolveStatus, names: [String], constraints: PortfolioConstraints, factorNames: [String] = []
    ) -> [String] {
        guard case .infeasible(let conflict) = status else { return [] }
        return conflict.map { index in
            let meaning: ConstraintMeaning
            if let ratioMeanings {
                meaning = RatioProgram.meaning(index, rows: ratioMeanings)
            } else {
                meaning = ConstraintLayout.meaning(index, groups: constraints.groups.count, extra: extraMeanings)
            }
            return ConstraintLayout.describe(meaning, names: names, constraints: constraints, factorNames: factorNames)
        } + searchNotes
    }
}
