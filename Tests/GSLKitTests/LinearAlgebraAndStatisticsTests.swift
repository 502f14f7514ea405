import GSLKit
import Testing

struct SquareMatrixTests {
    @Test func choleskyReconstructsTheMatrix() throws {
        let a = SquareMatrix(rows: [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]])
        let l = try a.cholesky()
        for i in 0..<3 {
            for j in 0..<3 {
                let product = (0..<3).reduce(0.0) { $0 + l[i, $1] * l[j, $1] }
                #expect(abs(product - a[i, j]) < 1e-12)
                if j > i { #expect(l[i, j] == 0) }
            }
        }
        #expect(l[0, 0] == 2)
    }

    @Test func choleskyOfAnIndefiniteMatrixIsAnErrorNotACrash() {
        let a = SquareMatrix(rows: [[1, 2], [2, 1]])
        #expect(throws: GSLError.self) { try a.cholesky() }
        do {
            _ = try a.cholesky()
        } catch {
            #expect(error.description.contains("Cholesky"))
            #expect(error.description.contains("positive definite"))
        }
    }

    @Test func eigenvaluesOfAKnownMatrix() throws {
        // [[2,1],[1,2]] has eigenvalues 1 and 3.
        let values = try SquareMatrix(rows: [[2, 1], [1, 2]]).symmetricEigenvalues()
        #expect(abs(values[0] - 1) < 1e-12 && abs(values[1] - 3) < 1e-12)
    }

    @Test func asymmetryIsTheLargestGap() {
        #expect(abs(SquareMatrix(rows: [[1, 0.5], [0.4, 1]]).asymmetry - 0.1) < 1e-15)
        #expect(SquareMatrix.identity(3).asymmetry == 0)
    }
}

struct StatisticsTests {
    @Test func quantilesInterpolateLinearlyLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4, 10], [5, 50, 90]) = [1.2, 3.0, 7.6]
        let sorted: [Double] = [1, 2, 3, 4, 10]
        #expect(abs(Statistics.quantile(sorted: sorted, 0.05) - 1.2) < 1e-12)
        #expect(Statistics.quantile(sorted: sorted, 0.5) == 3)
        #expect(abs(Statistics.quantile(sorted: sorted, 0.9) - 7.6) < 1e-12)
        #expect(Statistics.quantile(sorted: [], 0.5).isNaN)
    }

    @Test func smallestValuesAscending() {
        let x: [Double] = [5, -1, 3, -7, 2, 0]
        var out = [Double](repeating: 0, count: 3)
        x.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { Statistics.smallest(3, of: src, into: $0) }
        }
        #expect(out == [-7, -1, 0])
    }

    @Test func meanAndSampleStandardDeviation() {
        #expect(Statistics.mean([1, 2, 3, 4]) == 2.5)
        // sample sd of 1..4 = sqrt(5/3)
        #expect(abs(Statistics.standardDeviation([1, 2, 3, 4]) - (5.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(Statistics.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
    }
}

struct MinimizerTests {
    @Test func nelderMeadFindsTheRosenbrockMinimum() throws {
        let result = try Minimizer.nelderMead(start: [-1.2, 1], step: [0.5, 0.5], tolerance: 1e-10) { x in
            let a = 1 - x[0], b = x[1] - x[0] * x[0]
            return a * a + 100 * b * b
        }
        #expect(result.converged)
        #expect(abs(result.point[0] - 1) < 1e-5 && abs(result.point[1] - 1) < 1e-5)
        #expect(result.value < 1e-10)
    }

    @Test func aNonConvergingRunSaysSo() throws {
        let result = try Minimizer.nelderMead(start: [3, 3], step: [1, 1], tolerance: 1e-14, maxIterations: 5) { x in
            x[0] * x[0] + x[1] * x[1]
        }
        #expect(!result.converged)
        #expect(result.iterations == 5)
    }
}

struct CorrelatedNormalsTests {
    @Test func drawsHaveTheGivenCovariance() throws {
        let sigma = SquareMatrix(rows: [[4, 1.2, -0.8], [1.2, 1, 0.3], [-0.8, 0.3, 2]])
        let normals = try CorrelatedNormals(covariance: sigma)
        let random = RandomSource(seed: 3)
        let n = 100_000
        var sums = [[Double]](repeating: [0, 0, 0], count: 3)
        var x = [Double](repeating: 0, count: 3)
        var z = [Double](repeating: 0, count: 3)
        for _ in 0..<n {
            z.withUnsafeMutableBufferPointer { zb in x.withUnsafeMutableBufferPointer { normals.draw(random, scratch: zb, into: $0.baseAddress!) } }
            for i in 0..<3 { for j in 0..<3 { sums[i][j] += x[i] * x[j] } }
        }
        for i in 0..<3 {
            for j in 0..<3 {
                // Var(x_i x_j) = s_ii s_jj + s_ij^2 for a zero-mean normal pair.
                let se = ((sigma[i, i] * sigma[j, j] + sigma[i, j] * sigma[i, j]) / Double(n)).squareRoot()
                #expect(abs(sums[i][j] / Double(n) - sigma[i, j]) < 4 * se)
            }
        }
    }

    @Test func anIndefiniteCovarianceIsRejected() {
        #expect(throws: GSLError.self) { try CorrelatedNormals(covariance: SquareMatrix(rows: [[1, 2], [2, 1]])) }
    }
}
