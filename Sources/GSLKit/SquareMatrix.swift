import CGSL

/// A dense square matrix stored row by row, with the GSL factorizations the models need.
public struct SquareMatrix: Sendable, Equatable {
    public let order: Int
    public var values: [Double]

    public init(order: Int, values: [Double]) {
        precondition(values.count == order * order)
        self.order = order
        self.values = values
    }

    public init(rows: [[Double]]) {
        self.init(order: rows.count, values: rows.flatMap { $0 })
    }

    public static func identity(_ n: Int) -> SquareMatrix {
        var m = SquareMatrix(order: n, values: Array(repeating: 0, count: n * n))
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * order + column] }
        set { values[row * order + column] = newValue }
    }

    /// Largest |a_ij - a_ji|.
    public var asymmetry: Double {
        var worst = 0.0
        for i in 0..<order {
            for j in 0..<i { worst = max(worst, abs(self[i, j] - self[j, i])) }
        }
        return worst
    }

    /// Lower-triangular L with L Lᵀ = self (upper triangle zeroed), by `gsl_linalg_cholesky_decomp1`.
    public func cholesky() throws(GSLError) -> SquareMatrix {
        GSL.prepare()
        var copy = values
        let status = copy.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_matrix_view_array(buffer.baseAddress, order, order)
            return gsl_linalg_cholesky_decomp1(&view.matrix)
        }
        try GSL.check(status, "Cholesky factorization", details: [Int32(GSL_EDOM): "matrix is not positive definite"])
        var lower = SquareMatrix(order: order, values: copy)
        for i in 0..<order { for j in (i + 1)..<order { lower[i, j] = 0 } }
        return lower
    }

    /// Eigenvalues of a symmetric matrix in ascending order, by `gsl_eigen_symm`.
    public func symmetricEigenvalues() throws(GSLError) -> [Double] {
        GSL.prepare()
        var copy = values
        var result = [Double](repeating: 0, count: order)
        let status: Int32 = copy.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_matrix_view_array(buffer.baseAddress, order, order)
            guard let work = gsl_eigen_symm_alloc(order), let eval = gsl_vector_alloc(order) else {
                return Int32(GSL_ENOMEM)
            }
            defer { gsl_eigen_symm_free(work); gsl_vector_free(eval) }
            let status = gsl_eigen_symm(&view.matrix, eval, work)
            for i in 0..<order { result[i] = gsl_vector_get(eval, i) }
            return status
        }
        try GSL.check(status, "symmetric eigenvalue decomposition")
        return result.sorted()
    }

    /// Eigenvalues and orthonormal eigenvectors of a symmetric matrix, by `gsl_eigen_symmv`:
    /// `vectors` holds eigenvector i in column i, so self = V diag(values) Vᵀ. Unordered.
    public func symmetricEigensystem() throws(GSLError) -> (values: [Double], vectors: SquareMatrix) {
        GSL.prepare()
        var copy = values
        var eigenvalues = [Double](repeating: 0, count: order)
        var vectors = SquareMatrix(order: order, values: Array(repeating: 0, count: order * order))
        let status: Int32 = copy.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_matrix_view_array(buffer.baseAddress, order, order)
            guard let work = gsl_eigen_symmv_alloc(order), let eval = gsl_vector_alloc(order),
                let evec = gsl_matrix_alloc(order, order)
            else { return Int32(GSL_ENOMEM) }
            defer { gsl_eigen_symmv_free(work); gsl_vector_free(eval); gsl_matrix_free(evec) }
            let status = gsl_eigen_symmv(&view.matrix, eval, evec, work)
            for i in 0..<order {
                eigenvalues[i] = gsl_vector_get(eval, i)
                for j in 0..<order { vectors[i, j] = gsl_matrix_get(evec, i, j) }
            }
            return status
        }
        try GSL.check(status, "symmetric eigenvector decomposition")
        return (eigenvalues, vectors)
    }

    /// x with self x = b, by LU decomposition with partial pivoting (`gsl_linalg_LU_decomp`).
    public func solve(_ b: [Double]) throws(GSLError) -> [Double] {
        precondition(b.count == order)
        GSL.prepare()
        var copy = values, rhs = b
        var x = [Double](repeating: 0, count: order)
        let status: Int32 = copy.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_matrix_view_array(buffer.baseAddress, order, order)
            guard let permutation = gsl_permutation_alloc(order) else { return Int32(GSL_ENOMEM) }
            defer { gsl_permutation_free(permutation) }
            var sign: Int32 = 0
            let status = gsl_linalg_LU_decomp(&view.matrix, permutation, &sign)
            guard status == Int32(GSL_SUCCESS) else { return status }
            return rhs.withUnsafeMutableBufferPointer { rhs in
                x.withUnsafeMutableBufferPointer { x in
                    var bView = gsl_vector_view_array(rhs.baseAddress, order)
                    var xView = gsl_vector_view_array(x.baseAddress, order)
                    return gsl_linalg_LU_solve(&view.matrix, permutation, &bView.vector, &xView.vector)
                }
            }
        }
        try GSL.check(status, "linear solve", details: [Int32(GSL_EDOM): "matrix is singular"])
        guard x.allSatisfy(\.isFinite) else { throw GSLError.failed("linear solve", "matrix is singular") }
        return x
    }
}
