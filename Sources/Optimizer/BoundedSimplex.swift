/// An exact solver for `LinearProgram`: the dense primal simplex method with bounded variables.
///
/// Each general row becomes an equality with a bounded slack, G x - s = 0 with rowLower ≤ s ≤ rowUpper,
/// so every constraint is an equality row and every variable has (possibly infinite) bounds; nonbasic
/// variables sit at a bound (or at 0 when free). Phase 1 minimizes the sum of artificial variables
/// added to the rows a starting basis of slacks cannot satisfy; phase 2 minimizes cᵀx from the
/// feasible basis found. Pricing is Dantzig's (largest reduced cost), switching to Bland's rule
/// (smallest indices) after a run of degenerate pivots, so ties cannot make it cycle. The basis
/// inverse is dense, updated in product form and rebuilt every `refactorInterval` pivots and before
/// the final answer, so the solution is that of the final basis to working precision.
///
/// Duals, signs: at an optimum
///
///     c = Eᵀ y + (λ_lower - λ_upper) + Gᵀ (μ_lower - μ_upper)
///
/// with y = `dual(.equality(i))` free and every bound or row side multiplier (`dual(.lowerBound(j))`,
/// `.upperBound`, `.rowLower`, `.rowUpper`) ≥ 0 and zero unless that side is active. Equivalently a
/// dual is the rate at which the optimal objective changes as that right-hand side or lower side is
/// raised, and minus that rate for an upper side. After `.infeasible` they are the phase-1
/// multipliers: a Farkas certificate whose support is the conflict reported.
///
/// The solver owns its workspace, grown for a larger program; solving programs of one shape again
/// allocates nothing.
public final class BoundedSimplex {
    /// x of the last solve: the optimum, the feasible point where unboundedness was found, or the
    /// phase-1 point on `.infeasible` / `.iterationLimit`.
    public private(set) var solution: [Double] = []
    /// cᵀ `solution`.
    public private(set) var objectiveValue = Double.nan
    /// Simplex iterations (pivots and bound flips) of the last solve, both phases.
    public internal(set) var iterations = 0
    /// The most iterations a solve may take; nil for 20 (rows + columns) + 1000.
    public var iterationLimit: Int?

    /// A basic variable may violate a bound by this much; also the phase-1 infeasibility (per unit of
    /// the largest right-hand side) above which the program is declared infeasible.
    static let primalTolerance = 1e-9
    /// Reduced costs within this of zero count as optimal.
    static let dualTolerance = 1e-9
    /// Tableau entries smaller than this are not pivoted on.
    static let pivotTolerance = 1e-9
    /// Product-form updates between rebuilds of the basis inverse.
    static let refactorInterval = 50

    // The program in standard form: `rows` equality rows (E first, then G - I), columns ordered
    // structural (n), slacks (one per general row), artificials (one per row). Column-major.
    var structural = 0, equalities = 0, generalRows = 0
    var rows = 0, columns = 0
    var matrix = ScratchBuffer<Double>(filler: 0)
    var rightHandSide = ScratchBuffer<Double>(filler: 0)
    var cost = ScratchBuffer<Double>(filler: 0)
    var lower = ScratchBuffer<Double>(filler: 0)
    var upper = ScratchBuffer<Double>(filler: 0)
    var value = ScratchBuffer<Double>(filler: 0)
    var state = ScratchBuffer<VariableState>(filler: .atLower)
    /// basis[i]: the variable basic in position i.
    var basis = ScratchBuffer<Int>(filler: 0)
    /// Row prices y = B⁻ᵀ c_B, reduced costs d = c - Aᵀy, and the entering column B⁻¹ a_q.
    var prices = ScratchBuffer<Double>(filler: 0)
    var reducedCosts = ScratchBuffer<Double>(filler: 0)
    var column = ScratchBuffer<Double>(filler: 0)
    var residual = ScratchBuffer<Double>(filler: 0)
    var inverse = SimplexBasisInverse()

    enum VariableState: Sendable {
        case basic, atLower, atUpper
        /// Nonbasic with no finite bound, held at 0.
        case free
    }

    public init() {}

    deinit {
        for buffer in [matrix, rightHandSide, cost, lower, upper, value, prices, reducedCosts, column, residual] {
            buffer.deallocate()
        }
        state.deallocate()
        basis.deallocate()
        inverse.deallocate()
    }

    /// Minimizes the program: .optimal, .infeasible(conflict:) (constraints that cannot hold together:
    /// the equalities, bounds and row sides in the support of a Farkas certificate), .unbounded (found by
    /// the ratio test) or .iterationLimit (also reported if the basis became numerically singular).
    ///
    /// Data that no number satisfies is reported before any pivot: crossed bounds or row sides, and a
    /// constraint with a NaN or infinite coefficient or right-hand side, as `.infeasible` naming it; a
    /// non-finite objective coefficient as `.unbounded` (there is no finite minimum).
    public func solve(_ program: LinearProgram) -> SolveStatus {
        iterations = 0
        if !program.objective.allSatisfy(\.isFinite) {
            load(program)
            placeNonbasic()
            finish(program, withDuals: false)
            return .unbounded
        }
        if let conflict = contradictoryBounds(program) ?? nonFiniteConstraint(program) {
            load(program)
            placeNonbasic()
            finish(program, withDuals: false)
            return .infeasible(conflict: conflict)
        }
        load(program)
        placeNonbasic()
        let limit = iterationLimit ?? 20 * (rows + columns) + 1000

        if crashBasis() > 0 {
            switch iterate(limit: limit) {
            case .optimal: break
            case .unbounded, .iterationLimit, .singularBasis:
                finish(program, withDuals: true)
                return .iterationLimit
            }
            var largestRightHandSide = 0.0
            for i in 0..<rows { largestRightHandSide = max(largestRightHandSide, abs(rightHandSide[i])) }
            if artificialSum() > Self.primalTolerance * (1 + largestRightHandSide) {
                finish(program, withDuals: true)
                return .infeasible(conflict: farkasConflict())
            }
        }

        // Phase 2: artificials stay at zero (those still basic sit on redundant or degenerate rows).
        for j in artificialRange {
            upper[j] = 0
            cost[j] = 0
        }
        for j in 0..<structural { cost[j] = program.objective[j] }
        let outcome = iterate(limit: limit)
        finish(program, withDuals: true)
        switch outcome {
        case .optimal: return .optimal
        case .unbounded: return .unbounded
        case .iterationLimit, .singularBasis: return .iterationLimit
        }
    }

    /// The multiplier of one constraint in the last solve; signs as in the type's description.
    public func dual(_ c: ConstraintIndex) -> Double {
        switch c {
        case .equality(let i): precondition(i < equalities, "no such equality in the last program")
        case .lowerBound(let j), .upperBound(let j): precondition(j < structural, "no such variable")
        case .rowLower(let k), .rowUpper(let k): precondition(k < generalRows, "no such row")
        }
        return switch c {
        case .equality(let i): prices[i]
        case .lowerBound(let j): sideMultiplier(j, lowerSide: true)
        case .upperBound(let j): sideMultiplier(j, lowerSide: false)
        case .rowLower(let k): sideMultiplier(structural + k, lowerSide: true)
        case .rowUpper(let k): sideMultiplier(structural + k, lowerSide: false)
        }
    }

    var artificialRange: Range<Int> { (structural + generalRows)..<columns }

    private func sideMultiplier(_ j: Int, lowerSide: Bool) -> Double {
        let d = reducedCosts[j]
        switch state[j] {
        case .basic, .free: return 0
        case _ where lower[j] == upper[j]: return lowerSide ? max(d, 0) : max(-d, 0)
        case .atLower: return lowerSide ? d : 0
        case .atUpper: return lowerSide ? 0 : -d
        }
    }

    /// A bound or row whose sides exclude every value, named before any pivoting.
    private func contradictoryBounds(_ p: LinearProgram) -> [ConstraintIndex]? {
        for j in 0..<p.variables where !(p.lower[j] <= p.upper[j]) || p.lower[j] == .infinity
            || p.upper[j] == -.infinity {
            return [.lowerBound(j), .upperBound(j)]
        }
        for k in 0..<p.rowCount where !(p.rowLower[k] <= p.rowUpper[k]) || p.rowLower[k] == .infinity
            || p.rowUpper[k] == -.infinity {
            return [.rowLower(k), .rowUpper(k)]
        }
        return nil
    }

    /// The first constraint with a coefficient or right-hand side that is not a finite number.
    private func nonFiniteConstraint(_ p: LinearProgram) -> [ConstraintIndex]? {
        let n = p.variables
        for i in 0..<p.equalityCount where !p.equalityValues[i].isFinite
            || !p.equalityRows[(i * n)..<(i * n + n)].allSatisfy(\.isFinite) {
            return [.equality(i)]
        }
        for k in 0..<p.rowCount where !p.rows[(k * n)..<(k * n + n)].allSatisfy(\.isFinite) {
            return [.rowLower(k), .rowUpper(k)]
        }
        return nil
    }

    /// Copies the program into standard form, growing the workspace if needed.
    private func load(_ p: LinearProgram) {
        structural = p.variables
        equalities = p.equalityCount
        generalRows = p.rowCount
        rows = equalities + generalRows
        columns = structural + generalRows + rows
        let m = rows
        matrix.reserve(m * columns)
        cost.reserve(columns)
        lower.reserve(columns)
        upper.reserve(columns)
        value.reserve(columns)
        reducedCosts.reserve(columns)
        state.reserve(columns)
        rightHandSide.reserve(m)
        prices.reserve(m)
        column.reserve(m)
        residual.reserve(m)
        basis.reserve(m)
        inverse.reserve(m)
        if solution.count != structural { solution = [Double](repeating: 0, count: structural) }

        matrix.pointer.update(repeating: 0, count: m * columns)
        let n = structural
        for j in 0..<n {
            let c = matrix.pointer + j * m
            for i in 0..<equalities { c[i] = p.equalityRows[i * n + j] }
            for k in 0..<generalRows { c[equalities + k] = p.rows[k * n + j] }
            cost[j] = 0
            lower[j] = p.lower[j]
            upper[j] = p.upper[j]
        }
        for k in 0..<generalRows {
            let j = n + k
            matrix[j * m + equalities + k] = -1
            cost[j] = 0
            lower[j] = p.rowLower[k]
            upper[j] = p.rowUpper[k]
        }
        for i in 0..<m {
            rightHandSide[i] = i < equalities ? p.equalityValues[i] : 0
            let j = n + generalRows + i
            matrix[j * m + i] = 1
            cost[j] = 0
            lower[j] = 0
            upper[j] = 0
        }
        reducedCosts.pointer.update(repeating: 0, count: columns)
        prices.pointer.update(repeating: 0, count: m)
    }

    /// Structural variables and slacks at their lower bound, else their upper bound, else 0.
    private func placeNonbasic() {
        for j in 0..<(structural + generalRows) {
            if lower[j].isFinite {
                state[j] = .atLower
                value[j] = lower[j]
            } else if upper[j].isFinite {
                state[j] = .atUpper
                value[j] = upper[j]
            } else {
                state[j] = .free
                value[j] = 0
            }
        }
        for j in artificialRange {
            state[j] = .atLower
            value[j] = 0
        }
    }

    /// The starting basis: a general row's slack where the row's activity lies within its sides,
    /// otherwise the row's artificial (signed so that it starts nonnegative) with phase-1 cost 1.
    /// Returns the sum of the artificials (0: the start is feasible and phase 1 is skipped).
    private func crashBasis() -> Double {
        let m = rows
        for i in 0..<m { residual[i] = rightHandSide[i] }
        for j in 0..<structural where value[j] != 0 {
            let c = matrix.pointer + j * m
            for i in 0..<m { residual[i] -= c[i] * value[j] }
        }
        var sum = 0.0
        for i in 0..<m {
            let artificial = structural + generalRows + i
            if i >= equalities {
                let slack = structural + i - equalities
                let activity = -residual[i]
                if activity >= lower[slack] && activity <= upper[slack] {
                    basis[i] = slack
                    state[slack] = .basic
                    value[slack] = activity
                    continue
                }
                // The slack rests on the side the activity overshoots, so the artificial covers the gap.
                if activity > upper[slack] {
                    state[slack] = .atUpper
                    value[slack] = upper[slack]
                } else {
                    state[slack] = .atLower
                    value[slack] = lower[slack]
                }
                residual[i] += value[slack]
            }
            let sign: Double = residual[i] >= 0 ? 1 : -1
            matrix[artificial * m + i] = sign
            basis[i] = artificial
            state[artificial] = .basic
            value[artificial] = abs(residual[i])
            upper[artificial] = .infinity
            cost[artificial] = 1
            sum += abs(residual[i])
        }
        inverse.setDiagonal({ matrix[basis[$0] * m + $0] }, order: m)
        return sum
    }

    private func artificialSum() -> Double {
        var sum = 0.0
        for j in artificialRange { sum += value[j] }
        return sum
    }

    /// The constraints holding up phase 1 at its optimum: equalities with a nonzero price, and the
    /// bounds and row sides at which a variable rests with a nonzero reduced cost.
    private func farkasConflict() -> [ConstraintIndex] {
        var conflict: [ConstraintIndex] = []
        for i in 0..<equalities where abs(prices[i]) > Self.dualTolerance { conflict.append(.equality(i)) }
        for j in 0..<(structural + generalRows) where state[j] != .basic {
            let d = reducedCosts[j]
            guard abs(d) > Self.dualTolerance else { continue }
            let atLowerSide = lower[j] == upper[j] ? d > 0 : state[j] == .atLower
            if j < structural {
                conflict.append(atLowerSide ? .lowerBound(j) : .upperBound(j))
            } else {
                conflict.append(atLowerSide ? .rowLower(j - structural) : .rowUpper(j - structural))
            }
        }
        return conflict.sorted()
    }

    /// Publishes x and cᵀx, with prices and reduced costs for `dual` under the current costs (phase 1's
    /// when the solve ended there).
    private func finish(_ p: LinearProgram, withDuals: Bool) {
        if withDuals { computeDuals() }
        var objective = 0.0
        for j in 0..<structural {
            solution[j] = value[j]
            objective += p.objective[j] * value[j]
        }
        objectiveValue = objective
    }
}
