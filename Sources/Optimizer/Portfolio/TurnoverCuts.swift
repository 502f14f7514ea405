/// A turnover limit Σ|w_i - c_i| ≤ τ is the intersection of the 2ⁿ half-spaces Σ σ_i (w_i - c_i) ≤ τ,
/// one per sign pattern σ. Rather than writing them all, a solve adds the one the answer breaks most
/// (σ = the signs of w - c) as a row and solves again, until the answer keeps the limit: the
/// cutting-plane method on a polytope with finitely many facets, so it ends, at the exact optimum of
/// the limited problem (its KKT conditions hold with the cuts' multipliers).
extension PortfolioOptimizer {
    /// Cuts allowed in one solve before it is reported as an iteration limit.
    static let maximumTurnoverCuts = 200

    /// Solves the QP, adding turnover cuts while the answer breaks the limit. `weightsOf` turns the
    /// QP's solution (already in `weights`) into portfolio weights in place; `cutRow` writes the
    /// cut for a sign pattern as a row with an upper side.
    func solveWithTurnover(
        _ turnover: PortfolioConstraints.TurnoverLimit?, warmStart: Bool, weightsOf: () -> Bool,
        cutRow: (_ signs: [Double], _ row: UnsafeMutableBufferPointer<Double>) -> Double
    ) -> SolveStatus {
        lastSolver = .quadratic
        var status = qp.solve(inPlace: &quadratic, warmStart: warmStart)
        guard let turnover else {
            if status == .optimal, !weightsOf() { return .infeasible(conflict: [.equality(0)]) }
            return status
        }
        var added: [[Double]] = []
        for _ in 0..<Self.maximumTurnoverCuts {
            guard status == .optimal else { return status }
            guard weightsOf() else { return .infeasible(conflict: [.equality(0)]) }
            var moved = 0.0
            var signs = Array(repeating: 0.0, count: weights.count)
            for i in weights.indices {
                let d = weights[i] - turnover.current[i]
                moved += abs(d)
                signs[i] = d > 0 ? 1 : (d < 0 ? -1 : 0)
            }
            // Kept, or broken only by a cut the program already holds: then by no more than the
            // QP's own feasibility tolerance.
            if moved <= turnover.limit + 1e-12 * max(1, turnover.limit) || added.contains(signs) { return .optimal }
            added.append(signs)
            appendRow(meaning: .turnover(turnover.limit)) { row in cutRow(signs, row) }
            status = qp.solve(inPlace: &quadratic, warmStart: false)
        }
        return .iterationLimit
    }

    /// The program with one more row (a lower side of -∞, the upper side `write` returns).
    func appendRow(meaning: ConstraintMeaning, write: (UnsafeMutableBufferPointer<Double>) -> Double) {
        let n = quadratic.variables, rows = quadratic.rowCount
        var grown = QuadraticProgram(variables: n, equalities: quadratic.equalityCount, rows: rows + 1)
        grown.hessian = quadratic.hessian
        grown.linear = quadratic.linear
        grown.lower = quadratic.lower
        grown.upper = quadratic.upper
        grown.equalityRows = quadratic.equalityRows
        grown.equalityValues = quadratic.equalityValues
        grown.rows.replaceSubrange(0..<(rows * n), with: quadratic.rows)
        grown.rowLower.replaceSubrange(0..<rows, with: quadratic.rowLower)
        grown.rowUpper.replaceSubrange(0..<rows, with: quadratic.rowUpper)
        grown.rowUpper[rows] = grown.rows.withUnsafeMutableBufferPointer { all in
            write(UnsafeMutableBufferPointer(rebasing: all[(rows * n)..<((rows + 1) * n)]))
        }
        quadratic = grown
        if ratioMeanings != nil { ratioMeanings?.append(meaning) } else { extraMeanings.append(meaning) }
    }
}
