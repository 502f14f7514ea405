/// The Goldfarb-Idnani iteration from the unconstrained minimum.
extension DualActiveSetSolver {
    /// A constraint is violated when its slack is below -`feasibilityTolerance` x (1 + |b| + Σ|a_k x_k|):
    /// relative to the sizes of the numbers it is computed from.
    static let feasibilityTolerance = 1e-12
    /// A normal counts as a combination of the active ones when |J₂ᵀa| ≤ this x |Jᵀa|.
    static let dependenceTolerance = 1e-11
    /// A returned point breaks no constraint by more than this (scaled as above).
    static let acceptanceTolerance = 1e-9

    func coldSolve(_ view: ProgramView) -> SolveStatus {
        let w = workspace
        resetFactors()
        for id in 0..<view.constraintCount { w.isActive[id] = false }
        unconstrainedMinimum(view)
        let limit = maximumIterations > 0 ? maximumIterations : 10 * (n + view.constraintCount) + 100

        for k in 0..<equalities {
            let (value, size) = view.product(k, w.x)
            let f = view.equalityValues[k]
            // Step towards the side the equality is violated on; it is never dropped.
            let flip: Double = value > f ? -1 : 1
            loadProducts(view, id: k, flip: flip)
            let (step, total) = foldProducts()
            dualDirection()
            if step <= Self.dependenceTolerance * Self.dependenceTolerance * total {
                if abs(value - f) <= Self.feasibilityTolerance * (1 + abs(f) + size) { continue }
                return .infeasible(conflict: conflict(with: k))
            }
            let t = flip * (f - value) / step
            for i in 0..<activeCount { w.multipliers[i] -= t * w.dual[i] }
            takeStep(t)
            appendActive(id: k, flip: flip, multiplier: t)
            iterations += 1
        }

        while let p = mostViolated(view) {
            var slack = view.product(p, w.x).value - view.rightHandSide(p)
            var multiplier = 0.0
            // d = Jᵀa stays current through drops (dropActive rotates it with J).
            loadProducts(view, id: p, flip: 1)
            while true {
                guard iterations < limit else { return .iterationLimit }
                let (step, total) = foldProducts()
                dualDirection()
                // Dual step: the first active inequality whose multiplier reaches zero.
                var dualStep = Double.infinity, blocking = -1
                for i in 0..<activeCount where w.dual[i] > 0 && w.activeIds[i] >= equalities {
                    let ratio = w.multipliers[i] / w.dual[i]
                    if ratio < dualStep { dualStep = ratio; blocking = i }
                }
                let dependent = step <= Self.dependenceTolerance * Self.dependenceTolerance * total
                let primalStep = dependent ? Double.infinity : -slack / step
                if dependent && blocking < 0 { return .infeasible(conflict: conflict(with: p)) }
                let t = min(primalStep, dualStep)
                for i in 0..<activeCount { w.multipliers[i] -= t * w.dual[i] }
                multiplier += t
                if !dependent {
                    takeStep(t)
                    slack += t * step
                }
                iterations += 1
                if primalStep <= dualStep {
                    appendActive(id: p, flip: 1, multiplier: multiplier)
                    break
                }
                w.multipliers[blocking] = 0
                dropActive(at: blocking)
            }
        }
        return isAcceptable(view, tolerance: Self.acceptanceTolerance) ? .optimal : .iterationLimit
    }

    /// x = -H⁻¹c = -J Jᵀ c, with J still lower triangular (column k has rows k ..< n).
    private func unconstrainedMinimum(_ view: ProgramView) {
        let w = workspace
        for i in 0..<n { w.x[i] = 0 }
        for k in 0..<n {
            let column = w.j + k * n
            let coefficient = DenseKernels.dot(column + k, view.linear + k, n - k)
            if coefficient == 0 { continue }
            for i in k..<n { w.x[i] -= coefficient * column[i] }
        }
    }

    /// The inactive constraint with the most negative slack beyond the tolerance, if any.
    private func mostViolated(_ view: ProgramView) -> Int? {
        let w = workspace
        let x = UnsafePointer(w.x)
        let tolerance = Self.feasibilityTolerance
        var worst = 0.0, chosen = -1
        let lowerIds = view.firstBound, upperIds = view.firstBound + n
        for j in 0..<n {
            let value = x[j]
            let lower = view.lower[j], upper = view.upper[j]
            let lowerSlack = value - lower
            if lowerSlack < worst, lowerSlack < -tolerance * (1 + abs(lower) + abs(value)), !w.isActive[lowerIds + j] {
                worst = lowerSlack; chosen = lowerIds + j
            }
            let upperSlack = upper - value
            if upperSlack < worst, upperSlack < -tolerance * (1 + abs(upper) + abs(value)), !w.isActive[upperIds + j] {
                worst = upperSlack; chosen = upperIds + j
            }
        }
        let lowerRows = view.firstRow, upperRows = view.firstRow + rowCount
        for r in 0..<rowCount {
            let (value, size) = view.product(lowerRows + r, x)
            let lower = view.rowLower[r], upper = view.rowUpper[r]
            let lowerSlack = value - lower
            if lowerSlack < worst, lowerSlack < -tolerance * (1 + abs(lower) + size), !w.isActive[lowerRows + r] {
                worst = lowerSlack; chosen = lowerRows + r
            }
            let upperSlack = upper - value
            if upperSlack < worst, upperSlack < -tolerance * (1 + abs(upper) + size), !w.isActive[upperRows + r] {
                worst = upperSlack; chosen = upperRows + r
            }
        }
        return chosen >= 0 ? chosen : nil
    }

    /// The constraint `p` that cannot be added, then the active ones its normal is a combination of
    /// with weights of the right sign: a = Σ r_i a_i with every inequality's r_i ≤ 0, so adding
    /// them up (weights 1 and -r_i) gives 0 ≥ something positive. Uses the loaded dual direction.
    private func conflict(with p: Int) -> [ConstraintIndex] {
        let w = workspace
        var others: [ConstraintIndex] = []
        for i in 0..<activeCount {
            let r = w.dual[i]
            let isEquality = w.activeIds[i] < equalities
            if isEquality ? abs(r) > 1e-12 : r < -1e-12 { others.append(names[w.activeIds[i]]) }
        }
        return [names[p]] + others.sorted()
    }

    /// Whether every constraint holds at x within `tolerance` (scaled as `feasibilityTolerance`).
    func isAcceptable(_ view: ProgramView, tolerance: Double) -> Bool {
        let x = UnsafePointer(workspace.x)
        for k in 0..<equalities {
            let (value, size) = view.product(k, x)
            let f = view.equalityValues[k]
            if abs(value - f) > tolerance * (1 + abs(f) + size) { return false }
        }
        for j in 0..<n {
            let value = x[j], lower = view.lower[j], upper = view.upper[j]
            if lower - value > tolerance * (1 + abs(lower) + abs(value)) { return false }
            if value - upper > tolerance * (1 + abs(upper) + abs(value)) { return false }
        }
        for r in 0..<rowCount {
            let (value, size) = view.product(view.firstRow + r, x)
            let lower = view.rowLower[r], upper = view.rowUpper[r]
            if lower - value > tolerance * (1 + abs(lower) + size) { return false }
            if value - upper > tolerance * (1 + abs(upper) + size) { return false }
        }
        return true
    }
}
