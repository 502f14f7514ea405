/// The factorizations of the Goldfarb-Idnani method and their updates. With the q active normals
/// N (in order), J = L⁻ᵀ Q is n x n and Jᵀ N = [R; 0] with R q x q upper triangular; J₁ is the
/// first q columns of J, J₂ the rest. Then J₂ J₂ᵀ a is the step in x that keeps the active
/// constraints and R⁻¹ J₁ᵀ a the matching change of their multipliers.
///
/// J starts lower triangular (the factor of H with the variables reversed), and the rotations
/// that fold Jᵀa run from the last column towards column q, each mixing a column into the one
/// before it, which has more nonzero rows: so each fold or drop moves a column's first nonzero
/// row up by at most one. `firstRow` tracks this, and the rotations, the products with rows and
/// the steps skip the zeros above it. For a bound x_j, Jᵀe_j is row j of J, which is zero past
/// the columns whose first row is below j, so the chain of rotations is short too.
extension DualActiveSetSolver {
    /// J = P U⁻¹ P (Q = I) for the factor U already in the workspace: no constraint active.
    func resetFactors() {
        let w = workspace
        DenseKernels.invertUpper(w.factor, n, into: w.j, scratch: w.scratch)
        // Reverse rows and columns: column k of J is column n - 1 - k of U⁻¹ upside down.
        for k in 0..<(n / 2) { swapColumns(w.j + k * n, w.j + (n - 1 - k) * n) }
        for k in 0..<n {
            DenseKernels.reverse(w.j + k * n, n)
            w.firstRow[k] = k
        }
        activeCount = 0
    }

    private func swapColumns(_ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>) {
        for i in 0..<n { swap(&a[i], &b[i]) }
    }

    /// d = Jᵀ a for the normal `flip` · a of constraint `id`. A bound's normal is a signed unit
    /// vector, so d is a row of J.
    func loadProducts(_ view: ProgramView, id: Int, flip: Double) {
        let w = workspace
        let (kind, index, sign) = view.decode(id)
        let s = sign * flip
        if let row = view.denseRow(kind, index) {
            for k in 0..<n {
                let first = w.firstRow[k]
                w.d[k] = s * DenseKernels.dot(w.j + k * n + first, row + first, n - first)
            }
        } else {
            for k in 0..<n { w.d[k] = s * w.j[k * n + index] }
        }
    }

    /// Folds d₂ into its first entry by Givens rotations of d (from the bottom up) and of the same
    /// columns of J. Any rotation of J₂'s columns keeps Jᵀ N = [R; 0], so this is always allowed;
    /// afterwards the primal step direction J₂ J₂ᵀ a is d_q times column q of J, an O(n) vector
    /// instead of an O(n (n - q)) product, and adding the constraint needs no further rotation.
    /// Returns |d₂|² (= aᵀ J₂ J₂ᵀ a) and |d|².
    func foldProducts() -> (step: Double, total: Double) {
        let w = workspace
        let q = activeCount
        var head = 0.0
        for k in 0..<q { head += w.d[k] * w.d[k] }
        guard q < n else { return (0, head) }
        // The chain starts at the last nonzero entry; below it every rotation is a real one.
        var top = n - 1
        while top > q && w.d[top] == 0 { top -= 1 }
        guard top > q else { return (w.d[q] * w.d[q], head + w.d[q] * w.d[q]) }
        for k in stride(from: top, to: q, by: -1) {
            let a = w.d[k - 1], b = w.d[k]
            let h = (a * a + b * b).squareRoot()
            w.cosines[k] = a / h
            w.sines[k] = b / h
            w.d[k - 1] = h
            w.d[k] = 0
        }
        var least = w.firstRow[top]
        for k in stride(from: top, through: q, by: -1) {
            least = min(least, w.firstRow[k])
            w.suffixFirst[k] = least
        }
        rotateChain(from: top, downTo: q)
        // New column k mixes old columns k - 1 ... top.
        for k in q...top { w.firstRow[k] = w.suffixFirst[max(q, k - 1)] }
        let step = w.d[q] * w.d[q]
        return (step, head + step)
    }

    /// R⁻¹ d₁ into `workspace.dual`: how the active multipliers fall per unit step. Back
    /// substitution by columns, so the inner loops run down contiguous columns of R.
    func dualDirection() {
        let w = workspace
        let q = activeCount
        for i in 0..<q { w.dual[i] = w.d[i] }
        for k in stride(from: q - 1, through: 0, by: -1) {
            let column = w.r + k * n
            let value = w.dual[k] / column[k]
            w.dual[k] = value
            for i in 0..<k { w.dual[i] -= value * column[i] }
        }
    }

    /// x += t J₂ J₂ᵀ a = t d_q J[:, q], with d folded.
    func takeStep(_ t: Double) {
        let w = workspace
        let factor = t * w.d[activeCount]
        let column = w.j + activeCount * n
        for i in w.firstRow[activeCount]..<n { w.x[i] += factor * column[i] }
    }

    /// Makes the constraint whose products d are loaded and folded the last active one, with
    /// `multiplier`: d₁ and d_q become the new column of R.
    func appendActive(id: Int, flip: Double, multiplier: Double) {
        let w = workspace
        let q = activeCount
        let column = w.r + q * n
        for i in 0...q { column[i] = w.d[i] }
        w.activeIds[q] = id
        w.activeFlip[q] = flip
        w.multipliers[q] = multiplier
        w.isActive[id] = true
        activeCount = q + 1
    }

    /// Drops the active constraint at position `l`: its column leaves R, and rotations of rows
    /// (l, l+1), (l+1, l+2), ... (and of the same columns of J, and entries of d, which stays Jᵀa)
    /// make R triangular again.
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
            let first = min(w.firstRow[k], w.firstRow[k + 1])
            w.firstRow[k] = first
            w.firstRow[k + 1] = first
            rotateColumns(w.j + k * n + first, w.j + (k + 1) * n + first, c, s, count: n - first)
            let top = w.d[k], bottom = w.d[k + 1]
            w.d[k] = c * top + s * bottom
            w.d[k + 1] = c * bottom - s * top
        }
        activeCount = q - 1
    }

    /// Applies the rotations k = top, top - 1, ..., q + 1 (each (u, v) ← (c u + s v, c v - s u) on
    /// columns k - 1 and k of J) to J, eight rows at a time: the column that the next rotation
    /// shares stays in registers, so each column is read and written once instead of twice. In a
    /// block of rows, the chain starts at the last rotation that meets a nonzero (rotations of
    /// zeros leave zeros), found from `suffixFirst`, which grows with k.
    private func rotateChain(from top: Int, downTo q: Int) {
        let w = workspace
        let cosines = UnsafePointer(w.cosines), sines = UnsafePointer(w.sines)
        let suffixFirst = UnsafePointer(w.suffixFirst)
        var start = q  // the chain of the current rows starts at `start`: rows ≥ suffixFirst[start - 1]
        var i0 = suffixFirst[q]
        while i0 < n {
            let rows = min(8, n - i0)
            let last = i0 + rows - 1
            while start < top && suffixFirst[start] <= last { start += 1 }
            if start > q {
                let base = w.j + i0
                if rows == 8 {
                    var carry = UnsafeRawPointer(base + start * n).loadUnaligned(as: SIMD8<Double>.self)
                    for k in stride(from: start, to: q, by: -1) {
                        let left = UnsafeMutableRawPointer(base + (k - 1) * n)
                        let a = left.loadUnaligned(as: SIMD8<Double>.self)
                        let c = cosines[k], s = sines[k]
                        UnsafeMutableRawPointer(base + k * n).storeBytes(of: c * carry - s * a, as: SIMD8<Double>.self)
                        carry = c * a + s * carry
                    }
                    UnsafeMutableRawPointer(base + q * n).storeBytes(of: carry, as: SIMD8<Double>.self)
                } else {
                    for i in 0..<rows {
                        let row = base + i
                        var carry = row[start * n]
                        for k in stride(from: start, to: q, by: -1) {
                            let a = row[(k - 1) * n]
                            let c = cosines[k], s = sines[k]
                            row[k * n] = c * carry - s * a
                            carry = c * a + s * carry
                        }
                        row[q * n] = carry
                    }
                }
            }
            i0 += rows
        }
    }

    /// (u, v) ← (c u + s v, c v - s u) over two columns of J.
    @inline(__always)
    private func rotateColumns(
        _ u: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, _ c: Double, _ s: Double, count: Int
    ) {
        for i in 0..<count {
            let a = u[i], b = v[i]
            u[i] = c * a + s * b
            v[i] = c * b - s * a
        }
    }
}
