/// A dense dual active-set solver for strictly convex quadratic programs: the method of Goldfarb
/// and Idnani (1983) with the factorizations of Powell's and Turlach's implementations (quadprog):
/// J = L⁻ᵀ Q and the upper triangular R with Jᵀ N = [R; 0] for the active normals N, both updated
/// by Givens rotations as constraints are added and dropped.
///
/// It starts from the unconstrained minimum -H⁻¹c, adds the equalities, then repeatedly the most
/// violated inequality, dropping active inequalities whose multipliers would turn negative; every
/// iterate is dual feasible, so the first primal feasible one is optimal. Bounds are signed unit
/// vectors, so Jᵀa is a row of J (O(n)) instead of a product (O(n²)).
///
/// Multipliers follow H x + c = Σ_eq y_k E_k + Σ_active λ_i a_i with every inequality written
/// aᵀx ≥ b (an upper bound x_j ≤ u is -x_j ≥ -u), so λ_i ≥ 0 and y_k has either sign.
///
/// The solver owns its workspace and grows it when a larger program arrives: once sized, a solve
/// allocates nothing. Not thread-safe: use one solver per thread.
public final class DualActiveSetSolver {
    /// The most constraints added plus dropped in one solve before it gives up with
    /// `.iterationLimit`; 0 means 10 (n + number of constraints) + 100.
    public var maximumIterations = 0

    public init() {}

    deinit { workspace.release() }

    /// Solves `program`. With `warmStart`, first tries the active set the previous optimal solve
    /// of a program of the same shape ended with (see `lastSolveWasWarm`); falls back to a cold
    /// solve.
    public func solve(_ program: QuadraticProgram, warmStart: Bool = false) -> SolveStatus {
        program.withView { view in solve(view, warmStart: warmStart) }
    }

    /// The same, reading a program held in a class's stored property in place: passed by value it
    /// would be copied (a retain and release of each of its arrays) at every solve.
    public func solve(inPlace program: inout QuadraticProgram, warmStart: Bool = false) -> SolveStatus {
        program.withView { view in solve(view, warmStart: warmStart) }
    }

    /// x after `.optimal` (n values); after another status, the last iterate.
    public var solution: [Double] { Array(UnsafeBufferPointer(start: workspace.x, count: n)) }

    /// Copies `solution` into the first n entries of `out` without allocating (a solve in a loop).
    public func copySolution(into out: inout [Double]) {
        precondition(out.count >= n, "room for \(n) values")
        for i in 0..<n { out[i] = workspace.x[i] }
    }

    /// ½xᵀHx + cᵀx at `solution`.
    public private(set) var objectiveValue = 0.0

    /// The constraints active at the solution, sorted (equalities found redundant are left out).
    public var activeSet: [ConstraintIndex] {
        (0..<activeCount).map { names[workspace.activeIds[$0]] }.sorted()
    }

    /// The multiplier of `c` at the solution: ≥ 0 for an inequality, 0 when it is inactive; an
    /// equality's is signed.
    public func multiplier(_ c: ConstraintIndex) -> Double {
        guard let id = ProgramView.id(of: c, n: n, equalities: equalities, rows: rowCount) else { return 0 }
        for i in 0..<activeCount where workspace.activeIds[i] == id {
            return workspace.activeFlip[i] * workspace.multipliers[i]
        }
        return 0
    }

    /// Constraints added plus dropped in the last solve (0 when the warm start held).
    public internal(set) var iterations = 0

    /// Whether the last solve ended on the warm-start path (the remembered active set was optimal).
    public private(set) var lastSolveWasWarm = false

    // MARK: state shared by the solver's files
    // A solver belongs to one worker and is never shared between threads, so its per-solve state
    // skips the exclusivity checks a class's stored properties get at every access (they were a
    // few percent of a simulation's re-solves).

    @exclusivity(unchecked) var workspace = DualActiveSetWorkspace()
    /// Shape of the program of the last solve.
    @exclusivity(unchecked) var n = 0
    @exclusivity(unchecked) var equalities = 0
    @exclusivity(unchecked) var rowCount = 0
    /// q: the number of active constraints, the first q columns of J and R.
    @exclusivity(unchecked) var activeCount = 0
    /// Public names of the numbered constraints of the current shape, rebuilt when the shape changes.
    var names: [ConstraintIndex] = []
    /// The active set the last optimal solve ended with, for warm starts (ids in `rememberedIds`).
    var rememberedCount = -1
    var rememberedShape = (n: -1, equalities: -1, rows: -1)

    private func solve(_ view: ProgramView, warmStart: Bool) -> SolveStatus {
        prepare(for: view)
        iterations = 0
        lastSolveWasWarm = false
        activeCount = 0
        objectiveValue = 0
        let w = workspace
        // U with Uᵀ U = P H P (variables reversed) in `factor`; the warm start and the cold start
        // both need it.
        for k in 0..<(n * n) { w.factor[k] = view.hessian[n * n - 1 - k] }
        guard DenseKernels.choleskyUpper(w.factor, n, relativePivot: 1e-14) else {
            rememberedCount = -1
            return .notPositiveDefinite
        }
        let sameShape = rememberedShape == (n, equalities, rowCount)
        if warmStart, sameShape, rememberedCount >= 0, solveOnRememberedActiveSet(view) {
            lastSolveWasWarm = true
            objectiveValue = objective(view)
            return .optimal
        }
        let status = coldSolve(view)
        if status == .optimal {
            objectiveValue = objective(view)
            remember()
        } else {
            rememberedCount = -1
        }
        return status
    }

    /// Sizes the workspace and the constraint names for the shape of `view`.
    private func prepare(for view: ProgramView) {
        if (n, equalities, rowCount) != (view.n, view.equalities, view.rowCount) {
            n = view.n
            equalities = view.equalities
            rowCount = view.rowCount
            names = (0..<view.constraintCount).map { view.name($0) }
            rememberedCount = -1
        }
        workspace.reserve(variables: n, constraints: view.constraintCount)
    }

    private func remember() {
        for i in 0..<activeCount { workspace.rememberedIds[i] = workspace.activeIds[i] }
        rememberedCount = activeCount
        rememberedShape = (n, equalities, rowCount)
    }

    /// ½xᵀHx + cᵀx, from the program.
    private func objective(_ view: ProgramView) -> Double {
        let x = UnsafePointer(workspace.x)
        var value = 0.0
        for i in 0..<n {
            value += x[i] * (0.5 * DenseKernels.dot(view.hessian + i * n, x, n) + view.linear[i])
        }
        return value
    }
}
