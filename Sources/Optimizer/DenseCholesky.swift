/// In-place Cholesky factorization and solves on caller-owned row-major buffers, for the small
/// dense systems the solvers factor every iteration (no allocation, no GSL call overhead).
///
/// The factor is upper triangular, RᵀR = A, written over the upper triangle of A; the strict lower
/// triangle is left as it was. The right-looking form keeps every inner loop a contiguous
/// row update (an axpy), which the compiler vectorizes without reassociating sums.
enum DenseCholesky {
    /// Factors the symmetric n x n matrix in `a` (upper triangle read). Returns false when a pivot is
    /// not above `pivotFloor` (the matrix is not numerically positive definite).
    static func factor(_ a: UnsafeMutablePointer<Double>, order n: Int, pivotFloor: Double) -> Bool {
        for k in 0..<n {
            let rowK = a + k * n
            let pivot = rowK[k]
            guard pivot > pivotFloor, pivot.isFinite else { return false }
            let r = pivot.squareRoot()
            rowK[k] = r
            let inverse = 1 / r
            for j in (k + 1)..<n { rowK[j] *= inverse }
            for i in (k + 1)..<n {
                let rowI = a + i * n
                let rki = rowK[i]
                for j in i..<n { rowI[j] -= rki * rowK[j] }
            }
        }
        return true
    }

    /// Overwrites `b` with the solution of RᵀR x = b, R from `factor`.
    static func solve(_ r: UnsafePointer<Double>, order n: Int, _ b: UnsafeMutablePointer<Double>) {
        // Rᵀ z = b, column by column so that row k of R is read contiguously.
        for k in 0..<n {
            let rowK = r + k * n
            let zk = b[k] / rowK[k]
            b[k] = zk
            for j in (k + 1)..<n { b[j] -= rowK[j] * zk }
        }
        // R x = z, back substitution along rows.
        var i = n - 1
        while i >= 0 {
            let rowI = r + i * n
            var sum = b[i]
            for j in (i + 1)..<n { sum -= rowI[j] * b[j] }
            b[i] = sum / rowI[i]
            i -= 1
        }
    }
}
