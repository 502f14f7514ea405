/// Small dense kernels on raw buffers for the active-set solvers: the Cholesky factor of H, its
/// inverse and the triangular solves. Hand loops rather than GSL calls: for the n ≈ 10 programs a
/// simulation solves millions of times, GSL's views, recursion and error checks cost more than the
/// arithmetic, and for large n these loops are written so the inner loops are contiguous axpys.
enum DenseKernels {
    /// Overwrites the upper triangle of the row-major n x n buffer `a` (H; only the upper triangle
    /// is read) with U, upper triangular, Uᵀ U = H. Returns false when a pivot is not positive or
    /// is below `relativePivot` times the largest diagonal entry of H (not positive definite).
    static func choleskyUpper(_ a: UnsafeMutablePointer<Double>, _ n: Int, relativePivot: Double) -> Bool {
        var largest = 0.0
        for i in 0..<n { largest = max(largest, a[i * n + i]) }
        let floor = relativePivot * largest
        for k in 0..<n {
            let rowK = a + k * n
            let pivot = rowK[k]
            guard pivot > floor, pivot > 0, pivot.isFinite else { return false }
            let root = pivot.squareRoot()
            rowK[k] = root
            let scale = 1 / root
            for j in (k + 1)..<n { rowK[j] *= scale }
            // Right-looking update of the trailing upper triangle: row i -= U[k,i] * row k.
            for i in (k + 1)..<n {
                let factor = rowK[i]
                if factor == 0 { continue }
                let rowI = a + i * n
                for j in i..<n { rowI[j] -= factor * rowK[j] }
            }
        }
        return true
    }

    /// Writes J = U⁻¹ (upper triangular) column-major into `j`. Column k of J is row k of
    /// L⁻¹ (L = Uᵀ), found from y L = e_k by eliminating entries k, k-1, ..., 0: every update is a
    /// contiguous axpy with a row of L, which `scratch` (n x n) holds row-major.
    static func invertUpper(
        _ u: UnsafePointer<Double>, _ n: Int, into j: UnsafeMutablePointer<Double>,
        scratch l: UnsafeMutablePointer<Double>
    ) {
        for row in 0..<n {
            for col in 0...row { l[row * n + col] = u[col * n + row] }
        }
        for k in 0..<n {
            let y = j + k * n
            for i in 0..<n { y[i] = 0 }
            y[k] = 1
            for m in stride(from: k, through: 0, by: -1) {
                let rowM = l + m * n
                let value = y[m] / rowM[m]
                y[m] = value
                for i in 0..<m { y[i] -= value * rowM[i] }
            }
        }
    }

    /// Solves Uᵀ w = w in place (forward substitution with L = Uᵀ), starting at `first`, the first
    /// nonzero of the right-hand side (entries before it stay zero).
    static func solveLower(_ u: UnsafePointer<Double>, _ n: Int, _ w: UnsafeMutablePointer<Double>, first: Int = 0) {
        for k in first..<n {
            let rowK = u + k * n
            let value = w[k] / rowK[k]
            w[k] = value
            if value == 0 { continue }
            for i in (k + 1)..<n { w[i] -= value * rowK[i] }
        }
    }

    /// Solves U x = x in place (back substitution).
    static func solveUpper(_ u: UnsafePointer<Double>, _ n: Int, _ x: UnsafeMutablePointer<Double>) {
        for i in stride(from: n - 1, through: 0, by: -1) {
            let rowI = u + i * n
            var sum = x[i]
            for k in (i + 1)..<n { sum -= rowI[k] * x[k] }
            x[i] = sum / rowI[i]
        }
    }

    /// Reverses `count` entries in place.
    static func reverse(_ a: UnsafeMutablePointer<Double>, _ count: Int) {
        var i = 0, k = count - 1
        while i < k {
            swap(&a[i], &a[k])
            i += 1
            k -= 1
        }
    }

    /// Σ a[k] b[k] over `count` entries, with four partial sums so the additions overlap.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var k = 0
        while k + 4 <= count {
            s0 += a[k] * b[k]
            s1 += a[k + 1] * b[k + 1]
            s2 += a[k + 2] * b[k + 2]
            s3 += a[k + 3] * b[k + 3]
            k += 4
        }
        while k < count {
            s0 += a[k] * b[k]
            k += 1
        }
        return (s0 + s1) + (s2 + s3)
    }
}
