/// Maximum Sharpe ratio (and maximum diversification, the same problem with volatilities in place
/// of excess returns) as one convex QP, by the Charnes-Cooper change of variables: with y = κ w,
/// κ = Σ y > 0, maximizing eᵀw / √(wᵀΣw) is minimizing ½ yᵀΣy subject to eᵀy = 1, and each linear
/// constraint on w becomes a homogeneous one on y (l ≤ w_i becomes y_i - l Σy ≥ 0). w = y / Σy.
enum RatioProgram {
    /// The rows of the transformed program, in order, with what each stands for.
    static func rows(_ constraints: PortfolioConstraints, assets n: Int) -> [ConstraintMeaning] {
        let shorts = constraints.lower.contains { $0 < 0 }
        var rows: [ConstraintMeaning] = []
        for i in 0..<n {
            let l = constraints.lower[i], u = constraints.upper[i]
            if l.isFinite && l != 0 { rows.append(.weightLower(i)) }
            // An upper bound of 1 or more is implied by long-only weights summing to 1.
            if u.isFinite && u != 0 && (shorts || u < 1) { rows.append(.weightUpper(i)) }
        }
        for (g, group) in constraints.groups.enumerated() {
            if group.lower.isFinite && (shorts || group.lower > 0) { rows.append(.groupLower(g)) }
            if group.upper.isFinite && (shorts || group.upper < 1) { rows.append(.groupUpper(g)) }
        }
        if shorts { rows.append(.positiveScale) }
        return rows
    }

    static func meaning(_ index: ConstraintIndex, rows: [ConstraintMeaning]) -> ConstraintMeaning {
        switch index {
        case .equality: .positiveExcessReturn
        case .lowerBound(let i): .weightLower(i)
        case .upperBound(let i): .weightUpper(i)
        case .rowLower(let r), .rowUpper(let r): rows[r]
        }
    }

    /// Writes the transformed program: rows of the form aᵀy ≥ 0.
    static func write(
        _ constraints: PortfolioConstraints, rows meanings: [ConstraintMeaning], excess: (Int) -> Double,
        covariance: [Double], into p: inout QuadraticProgram
    ) {
        let n = p.variables
        for k in 0..<(n * n) { p.hessian[k] = covariance[k] }
        for i in 0..<n {
            p.linear[i] = 0
            p.lower[i] = constraints.lower[i] == 0 ? 0 : -.infinity
            p.upper[i] = constraints.upper[i] == 0 ? 0 : .infinity
            p.equalityRows[i] = excess(i)
        }
        p.equalityValues[0] = 1
        for (r, meaning) in meanings.enumerated() {
            let row = r * n
            p.rowLower[r] = 0
            p.rowUpper[r] = .infinity
            switch meaning {
            case .weightLower(let i):
                for j in 0..<n { p.rows[row + j] = -constraints.lower[i] }
                p.rows[row + i] += 1
            case .weightUpper(let i):
                for j in 0..<n { p.rows[row + j] = constraints.upper[i] }
                p.rows[row + i] -= 1
            case .groupLower(let g):
                let group = constraints.groups[g]
                for j in 0..<n { p.rows[row + j] = -group.lower }
                for j in group.members { p.rows[row + j] += 1 }
            case .groupUpper(let g):
                let group = constraints.groups[g]
                for j in 0..<n { p.rows[row + j] = group.upper }
                for j in group.members { p.rows[row + j] -= 1 }
            default:
                for j in 0..<n { p.rows[row + j] = 1 }
            }
        }
    }
}

extension PortfolioOptimizer {
    func solveRatio(
        _ inputs: PortfolioInputs, _ constraints: PortfolioConstraints, warmStart: Bool, excess: (Int) -> Double
    ) -> SolveStatus {
        let n = inputs.assetCount
        let meanings = RatioProgram.rows(constraints, assets: n)
        if quadratic.variables != n || quadratic.equalityCount != 1 || quadratic.rowCount != meanings.count {
            quadratic = QuadraticProgram(variables: n, equalities: 1, rows: meanings.count)
        }
        RatioProgram.write(constraints, rows: meanings, excess: excess, covariance: inputs.covariance, into: &quadratic)
        ratioMeanings = meanings
        // A turnover cut Σσ_i(w_i - c_i) <= τ becomes (σ - (σᵀc + τ)1)ᵀy <= 0.
        return solveWithTurnover(
            constraints.turnover, warmStart: warmStart,
            weightsOf: {
                qp.copySolution(into: &weights)
                let scale = weights.reduce(0, +)
                guard scale > 0 else { return false }
                for i in 0..<n { weights[i] /= scale }
                clipRounding(lower: constraints.lower, upper: constraints.upper)
                return true
            },
            cutRow: { signs, row in
                var shift = constraints.turnover?.limit ?? 0
                for i in 0..<n { shift += signs[i] * (constraints.turnover?.current[i] ?? 0) }
                for i in 0..<n { row[i] = signs[i] - shift }
                return 0
            })
    }
}
