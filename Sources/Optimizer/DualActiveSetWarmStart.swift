/// The warm start: the remembered active set, taken as equalities, gives a KKT system that the
/// Cholesky factor of H solves directly. Its solution is the optimum exactly when it is primal
/// feasible and no inequality multiplier is negative, which is the usual case when a program is
/// re-solved with slightly moved numbers.
extension DualActiveSetSolver {
    /// Both checks of the warm start's point: slacks (scaled like `feasibilityTolerance`) and
    /// inequality multipliers may be below zero by at most this.
    static let warmStartTolerance = 1e-12

    /// With H = P L Lᵀ P (L = Uᵀ, P the reversal), W = L⁻¹ P N and v = L⁻¹ P c, the KKT conditions
    /// H x + c = N λ, Nᵀ x = b become (Wᵀ W) λ = b + Wᵀ v and x = P L⁻ᵀ (W λ - v). Accepts the point
    /// (and sets the solver's state) only if it is optimal; otherwise leaves the work to the cold
    /// solve.
    func solveOnRememberedActiveSet(_ view: ProgramView) -> Bool {
        let w = workspace
        let q = rememberedCount
        let u = UnsafePointer(w.factor)
        // W, column i at scratch + i n; a reversed bound is a unit vector at n - 1 - j.
        for i in 0..<q {
            let id = w.rememberedIds[i]
            let column = w.scratch + i * n
            let (kind, index, sign) = view.decode(id)
            if let row = view.denseRow(kind, index) {
                for k in 0..<n { column[k] = sign * row[n - 1 - k] }
                DenseKernels.solveLower(u, n, column)
            } else {
                for k in 0..<n { column[k] = 0 }
                column[n - 1 - index] = sign
                DenseKernels.solveLower(u, n, column, first: n - 1 - index)
            }
        }
        let v = w.vector
        for k in 0..<n { v[k] = view.linear[n - 1 - k] }
        DenseKernels.solveLower(u, n, v)
        // Wᵀ W (q x q, row-major in R's buffer, which the cold solve rebuilds) and the right-hand side.
        let m = w.r
        for i in 0..<q {
            let wi = UnsafePointer(w.scratch + i * n)
            for k in i..<q { m[i * q + k] = DenseKernels.dot(wi, w.scratch + k * n, n) }
            w.multipliers[i] = view.rightHandSide(w.rememberedIds[i]) + DenseKernels.dot(wi, v, n)
        }
        guard DenseKernels.choleskyUpper(m, q, relativePivot: 1e-12) else { return false }
        DenseKernels.solveLower(m, q, w.multipliers)
        DenseKernels.solveUpper(m, q, w.multipliers)
        for i in 0..<q where w.rememberedIds[i] >= equalities && w.multipliers[i] < -Self.warmStartTolerance {
            return false
        }
        // x = P U⁻¹ (W λ - v).
        for k in 0..<n { w.x[k] = -v[k] }
        for i in 0..<q {
            let weight = w.multipliers[i]
            let column = w.scratch + i * n
            for k in 0..<n { w.x[k] += weight * column[k] }
        }
        DenseKernels.solveUpper(u, n, w.x)
        DenseKernels.reverse(w.x, n)
        guard isAcceptable(view, tolerance: Self.warmStartTolerance) else { return false }
        for i in 0..<q {
            w.activeIds[i] = w.rememberedIds[i]
            w.activeFlip[i] = 1
        }
        activeCount = q
        return true
    }
}
