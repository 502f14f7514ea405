/// The factorizations of the Goldfarb-Idnani method and their updates. With the q active normals
/// N (in order), J = L⁻ᵀ Q is n x n and Jᵀ N = [R; 0] with R q x q upper triangular; J₁ is the
/// first q columns of J, J₂ the rest. Then J₂ J₂ᵀ a is the step in x that keeps the active
/// constraints and R⁻¹ J₁ᵀ a the matching change of their multipliers.
extension DualActiveSetSolver {
    /// J = U⁻¹ (Q = I) for the factor U already in the workspace: no constraint active.
    func resetFactors() {
        let w = workspace
        DenseKernels.invertUpper(w.factor, n, into: w.j, scratch: w.scratch)
        activeCount = 0
    }

    /// d = Jᵀ a for the normal `flip` · a of constraint `id`. A bound's normal is a signed unit
    /// vector, so d is a row of J.
    func loadProducts(_ view: ProgramView, id: Int, flip: Double) {
        let w = workspace
        let (kind, index, sign) = view.decode(id)
        let s = sign * flip
        if let row = view.denseRow(kind, index) {
            for k in 0..<n { w.d[k] = s * DenseKernels.dot(w.j + k * n, row, n) }
        } else {
            for k in 0..<n { w.d[k] = s * w.j[k * n + index] }
        }
    }

    /// From d: z = J₂ d₂ into `workspace.z`, R⁻¹ d₁ into `workspace.dual`. Returns |d₂|² (= aᵀz)
    /// and |d|².
    func directions() -> (step: Double, total: Double) {
        let w = workspace
        let q = activeCount
        var step = 0.0, head = 0.0
        for k in 0..<q { head += w.d[k] * w.d[k] }
        for k in q..<n { step += w.d[k] * w.d[k] }
        for i in 0..<n { w.z[i] = 0 }
        for k in q..<n {
            let factor = w.d[k]
            if factor == 0 { continue }
            let column = w.j + k * n
            for i in 0..<n { w.z[i] += factor * column[i] }
        }
        // Back substitution R y = d₁ by columns, so the inner loops run down contiguous columns.
        for i in 0..<q { w.dual[i] = w.d[i] }
        for k in stride(from: q - 1, through: 0, by: -1) {
            let column = w.r + k * n
            let value = w.dual[k] / column[k]
            w.dual[k] = value
            for i in 0..<k { w.dual[i] -= value * column[i] }
        }
        return (step, head + step)
    }

    /// Makes the constraint whose products d are loaded the last active one, with `multiplier`:
    /// Givens rotations fold d₂ into its first entry (rotating the same columns of J), and d₁ with
    /// that entry becomes the new column of R.
    func appendActive(id: Int, flip: Double, multiplier: Double) {
        let w = workspace
        let q = activeCount
        for k in stride(from: n - 1, to: q, by: -1) {
            let b = w.d[k]
            if b == 0 { continue }
            let a = w.d[k - 1]
            let h = (a * a + b * b).squareRoot()
            let c = a / h, s = b / h
            w.d[k - 1] = h
            w.d[k] = 0
            rotateColumns(w.j + (k - 1) * n, w.j + k * n, c, s)
        }
        let column = w.r + q * n
        for i in 0...q { column[i] = w.d[i] }
        w.activeIds[q] = id
        w.activeFlip[q] = flip
        w.multipliers[q] = multiplier
        w.isActive[id] = true
        activeCount = q + 1
    }

    /// Drops the active constraint at position `l`: its column leaves R, and rotations of rows
    /// (l, l+1), (l+1, l+2), ... (and of the same columns of J) make R triangular again.
    func dropActive(at l: Int) {
        let w = workspace
        let q = activeCount
        w.isActive[w.activeIds[l]] = false
        for k in l..<(q - 1) {
            (w.r + k * n).update(from: w.r + (k + 1) * n, count: q)
            w.activeIds[k] = w.activeIds[k + 1]
            w.activeFlip[k] = w.activeFlip[k + 1]
            w.multipliers[k] = w.multipliers[k + 1]
        }
        for k in l..<max(l, q - 1) {
            let column = w.r + k * n
            let a = column[k], b = column[k + 1]
            if b == 0 { continue }
            let h = (a * a + b * b).squareRoot()
            let c = a / h, s = b / h
            column[k] = h
            column[k + 1] = 0
            for later in (k + 1)..<(q - 1) {
                let other = w.r + later * n
                let top = other[k], bottom = other[k + 1]
                other[k] = c * top + s * bottom
                other[k + 1] = c * bottom - s * top
            }
            rotateColumns(w.j + k * n, w.j + (k + 1) * n, c, s)
        }
        activeCount = q - 1
    }

    /// (u, v) ← (c u + s v, c v - s u) over two columns of J.
    @inline(__always)
    private func rotateColumns(_ u: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, _ c: Double, _ s: Double) {
        for i in 0..<n {
            let a = u[i], b = v[i]
            u[i] = c * a + s * b
            v[i] = c * b - s * a
        }
    }
}
