/// The iterations of `BoundedSimplex`: pricing, the bounded ratio test, pivots and bound flips.
extension BoundedSimplex {
    enum Outcome {
        case optimal, unbounded, iterationLimit
        /// The basis inverse could not be rebuilt: a near-singular basis slipped past the pivot tolerance.
        case singularBasis
    }

    /// Degenerate pivots in a row after which pricing switches to Bland's rule until progress is made.
    var degenerateRunBeforeBland: Int { 20 + rows }

    /// Runs the simplex method under the current costs from the current basis.
    func iterate(limit: Int) -> Outcome {
        var degenerateRun = 0
        while true {
            if inverse.updates >= Self.refactorInterval {
                guard refactor() else { return .singularBasis }
            }
            let bland = degenerateRun >= degenerateRunBeforeBland
            guard let (entering, direction) = price(bland: bland) else {
                // Confirm optimality on a freshly factored basis, so x and y are those of the final basis.
                if inverse.updates == 0 { return .optimal }
                guard refactor() else { return .singularBasis }
                continue
            }
            if iterations >= limit { return .iterationLimit }
            iterations += 1

            let m = rows
            inverse.solve(matrix.pointer + entering * m, into: column.pointer)
            let (leavingRow, ratio) = ratioTest(direction: direction, bland: bland)
            let span = upper[entering] - lower[entering]  // +∞ unless both bounds are finite
            if leavingRow < 0 && !span.isFinite { return .unbounded }

            let step: Double
            if leavingRow < 0 || span <= ratio {
                // Bound flip: the entering variable reaches its other bound first; the basis stays.
                step = span
                moveBasics(direction * step)
                state[entering] = direction > 0 ? .atUpper : .atLower
                value[entering] = direction > 0 ? upper[entering] : lower[entering]
            } else {
                step = ratio
                moveBasics(direction * step)
                value[entering] += direction * step
                exchange(entering: entering, leavingRow: leavingRow, direction: direction)
            }
            degenerateRun = step * abs(reducedCosts[entering]) > 1e-12 ? 0 : degenerateRun + 1
        }
    }

    /// The entering variable and the direction it moves (+1 up, -1 down), or nil at an optimum.
    /// Dantzig's rule takes the largest reduced cost; Bland's the first eligible index.
    private func price(bland: Bool) -> (Int, Double)? {
        let m = rows
        inverse.solveTransposed({ cost[basis[$0]] }, into: prices.pointer)
        var best = -1, bestDirection = 0.0, bestScore = 0.0
        for j in 0..<columns {
            let s = state[j]
            if s == .basic || lower[j] == upper[j] { continue }
            let a = matrix.pointer + j * m
            var d = cost[j]
            for i in 0..<m { d -= prices[i] * a[i] }
            reducedCosts[j] = d
            let direction: Double
            switch s {
            case .atLower where d < -Self.dualTolerance: direction = 1
            case .atUpper where d > Self.dualTolerance: direction = -1
            case .free where abs(d) > Self.dualTolerance: direction = d < 0 ? 1 : -1
            default: continue
            }
            if bland { return (j, direction) }
            if abs(d) > bestScore {
                best = j
                bestDirection = direction
                bestScore = abs(d)
            }
        }
        return best < 0 ? nil : (best, bestDirection)
    }

    /// The basis position that leaves first as the entering variable moves in `direction`, and the
    /// step length at which it reaches its bound; (-1, +∞) when no basic variable limits the step.
    /// Ties (within 1e-12) go to the largest pivot for stability, or under Bland's rule to the
    /// smallest variable index.
    private func ratioTest(direction: Double, bland: Bool) -> (Int, Double) {
        var smallest = Double.infinity
        for i in 0..<rows {
            if let r = limit(i, direction) { smallest = min(smallest, r) }
        }
        guard smallest.isFinite else { return (-1, .infinity) }
        var chosen = -1, chosenPivot = 0.0
        for i in 0..<rows {
            guard let r = limit(i, direction), r <= smallest + 1e-12 else { continue }
            let better = chosen < 0
                || (bland ? basis[i] < basis[chosen] : abs(column[i]) > chosenPivot)
            if better {
                chosen = i
                chosenPivot = abs(column[i])
            }
        }
        return (chosen, smallest)
    }

    /// How far the entering variable can move before basic variable i reaches a bound.
    @inline(__always) private func limit(_ i: Int, _ direction: Double) -> Double? {
        let rate = -direction * column[i]  // d x_B[i] / d step
        let j = basis[i]
        if rate < -Self.pivotTolerance, lower[j].isFinite { return max(value[j] - lower[j], 0) / -rate }
        if rate > Self.pivotTolerance, upper[j].isFinite { return max(upper[j] - value[j], 0) / rate }
        return nil
    }

    /// x_B -= delta B⁻¹ a_q.
    private func moveBasics(_ delta: Double) {
        for i in 0..<rows { value[basis[i]] -= delta * column[i] }
    }

    /// The entering variable becomes basic at `leavingRow`; the leaving one rests on the bound it hit.
    private func exchange(entering: Int, leavingRow r: Int, direction: Double) {
        let leaving = basis[r]
        let rate = -direction * column[r]
        if rate < 0 || lower[leaving] == upper[leaving] {
            state[leaving] = .atLower
            value[leaving] = lower[leaving]
        } else {
            state[leaving] = .atUpper
            value[leaving] = upper[leaving]
        }
        if leaving >= structural + generalRows {
            // An artificial that has left is never needed again: fix it at zero.
            upper[leaving] = 0
            value[leaving] = 0
            state[leaving] = .atLower
        }
        reducedCosts[leaving] = 0
        basis[r] = entering
        state[entering] = .basic
        inverse.pivot(row: r, alpha: column.pointer)
    }

    /// Rebuilds B⁻¹ and recomputes x_B = B⁻¹ (b - N x_N) from the nonbasic values.
    func refactor() -> Bool {
        let m = rows
        guard inverse.rebuild(order: m, pivotFloor: 1e-11, column: { UnsafePointer(matrix.pointer + basis[$0] * m) })
        else { return false }
        for i in 0..<m { residual[i] = rightHandSide[i] }
        for j in 0..<columns where state[j] != .basic && value[j] != 0 {
            let a = matrix.pointer + j * m
            for i in 0..<m { residual[i] -= a[i] * value[j] }
        }
        inverse.solve(residual.pointer, into: column.pointer)
        for i in 0..<m { value[basis[i]] = column[i] }
        return true
    }

    /// y = B⁻ᵀ c_B and d = c - Aᵀ y for every column (0 for basic ones).
    func computeDuals() {
        let m = rows
        inverse.solveTransposed({ cost[basis[$0]] }, into: prices.pointer)
        for j in 0..<columns {
            if state[j] == .basic {
                reducedCosts[j] = 0
                continue
            }
            let a = matrix.pointer + j * m
            var d = cost[j]
            for i in 0..<m { d -= prices[i] * a[i] }
            reducedCosts[j] = d
        }
    }
}
