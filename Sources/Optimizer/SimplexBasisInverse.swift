/// The explicit inverse of a simplex basis B (m x m, row-major), kept current by product-form pivots
/// and rebuilt from the basic columns by Gauss-Jordan elimination every few dozen pivots, which
/// bounds the rounding the updates accumulate. Dense: the bases here have at most a few hundred rows.
struct SimplexBasisInverse {
    private(set) var inverse = ScratchBuffer<Double>(filler: 0)
    private var work = ScratchBuffer<Double>(filler: 0)
    private(set) var order = 0
    /// Pivots applied since the last rebuild.
    private(set) var updates = 0

    mutating func reserve(_ m: Int) {
        inverse.reserve(m * m)
        work.reserve(m * m)
    }

    func deallocate() {
        inverse.deallocate()
        work.deallocate()
    }

    /// B⁻¹ for a diagonal B.
    mutating func setDiagonal(_ diagonal: (Int) -> Double, order m: Int) {
        order = m
        updates = 0
        let b = inverse.pointer
        b.update(repeating: 0, count: m * m)
        for i in 0..<m { b[i * m + i] = 1 / diagonal(i) }
    }

    /// Rebuilds B⁻¹ from B's columns (`column(i)` points at m entries). False when B is singular to
    /// working precision (a pivot below `pivotFloor` after partial pivoting).
    mutating func rebuild(order m: Int, pivotFloor: Double, column: (Int) -> UnsafePointer<Double>) -> Bool {
        order = m
        updates = 0
        let a = work.pointer, b = inverse.pointer
        for j in 0..<m {
            let c = column(j)
            for i in 0..<m { a[i * m + j] = c[i] }
        }
        b.update(repeating: 0, count: m * m)
        for i in 0..<m { b[i * m + i] = 1 }
        for k in 0..<m {
            var pivotRow = k, largest = abs(a[k * m + k])
            for i in (k + 1)..<m where abs(a[i * m + k]) > largest {
                largest = abs(a[i * m + k])
                pivotRow = i
            }
            guard largest > pivotFloor else { return false }
            if pivotRow != k {
                swapRows(a, k, pivotRow, m)
                swapRows(b, k, pivotRow, m)
            }
            let scale = 1 / a[k * m + k]
            for j in 0..<m {
                a[k * m + j] *= scale
                b[k * m + j] *= scale
            }
            for i in 0..<m where i != k {
                let factor = a[i * m + k]
                if factor == 0 { continue }
                for j in 0..<m {
                    a[i * m + j] -= factor * a[k * m + j]
                    b[i * m + j] -= factor * b[k * m + j]
                }
            }
        }
        return true
    }

    /// Column q of the tableau: out = B⁻¹ a.
    func solve(_ a: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let m = order, b = inverse.pointer
        for i in 0..<m {
            let row = b + i * m
            var sum = 0.0
            for k in 0..<m { sum += row[k] * a[k] }
            out[i] = sum
        }
    }

    /// Row prices: out = B⁻ᵀ c (c indexed by basis position).
    func solveTransposed(_ c: (Int) -> Double, into out: UnsafeMutablePointer<Double>) {
        let m = order, b = inverse.pointer
        out.update(repeating: 0, count: m)
        for i in 0..<m {
            let ci = c(i)
            if ci == 0 { continue }
            let row = b + i * m
            for k in 0..<m { out[k] += ci * row[k] }
        }
    }

    /// Replaces the basic column at position r by the column whose tableau column is `alpha`.
    mutating func pivot(row r: Int, alpha: UnsafePointer<Double>) {
        let m = order, b = inverse.pointer
        let pivotRow = b + r * m
        let scale = 1 / alpha[r]
        for k in 0..<m { pivotRow[k] *= scale }
        for i in 0..<m where i != r {
            let factor = alpha[i]
            if factor == 0 { continue }
            let row = b + i * m
            for k in 0..<m { row[k] -= factor * pivotRow[k] }
        }
        updates += 1
    }

    private func swapRows(_ a: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int, _ m: Int) {
        for k in 0..<m { (a[i * m + k], a[j * m + k]) = (a[j * m + k], a[i * m + k]) }
    }
}
