import Foundation
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
        #expect(abs(Statistics.normalCDF(1.959963984540054) - 0.975) < 1e-15)
        #expect(abs(Statistics.normalCDF(-1) - 0.15865525393145707) < 1e-15)  // scipy.stats.norm.cdf(-1)
    }

    @Test func populationSkewnessAndKurtosis() {
        // 0, 0, 0, 1: deviations -1/4 (x3), 3/4; m2 = 3/16, m3 = 3/32, m4 = 21/256.
        let (skew, kurt) = [0.0, 0, 0, 1].withUnsafeBufferPointer { Statistics.skewnessAndKurtosis($0) }
        #expect(abs(skew - 2 / 3.0.squareRoot()) < 1e-15)
        #expect(abs(kurt - 7.0 / 3) < 1e-15)
        let constant = [0.5, 0.5, 0.5].withUnsafeBufferPointer { Statistics.skewnessAndKurtosis($0) }
        #expect(constant.skewness.isNaN && constant.kurtosis.isNaN)
    }
}

struct DistributionFunctionTests {
    @Test func chiSquaredWithTwoDegreesOfFreedomIsExponential() {
        // chi-squared(2) is exponential with mean 2: P(X <= x) = 1 - e^{-x/2}, density e^{-x/2} / 2.
        for x in [0.1, 1.0, 3.0, 20.0] {
            #expect(abs(Statistics.chiSquaredCDF(x, degreesOfFreedom: 2) - (1 - exp(-x / 2))) < 1e-14)
            #expect(abs(Statistics.chiSquaredUpperTail(x, degreesOfFreedom: 2) / exp(-x / 2) - 1) < 1e-12)
            #expect(abs(Statistics.chiSquaredDensity(x, degreesOfFreedom: 2) - exp(-x / 2) / 2) < 1e-15)
        }
    }
}

struct QuadratureTests {
    @Test func integralsWithClosedForms() throws {
        #expect(abs(try Quadrature.integral(from: 0) { exp(-$0) } - 1) < 1e-12)
        #expect(abs(try Quadrature.integral(from: 1) { 1 / ($0 * $0) } - 1) < 1e-12)
        // The chi-squared(5) density above 3 is its upper tail, which GSL computes another way.
        let tail = try Quadrature.integral(from: 3) { Statistics.chiSquaredDensity($0, degreesOfFreedom: 5) }
        #expect(abs(tail - Statistics.chiSquaredUpperTail(3, degreesOfFreedom: 5)) < 1e-12)
    }

    @Test func rootOfCosXMinusX() throws {
        // The Dottie number, the fixed point of cos.
        let x = try Quadrature.root(between: 0, 1) { cos($0) - $0 }
        #expect(abs(x - 0.739_085_133_215_160_6) < 1e-12)
    }

    @Test func anIntervalWithoutASignChangeIsAnError() {
        #expect(throws: GSLError.self) { try Quadrature.root(between: 2, 3) { $0 * $0 + 1 } }
    }
}

struct CorrelatedNormalsTests {
    @Test func packedFactorReproducesTheCovariance() throws {
        // L = diag(s) chol(C), so (L L^T)_ij = s_i s_j C_ij, including a zero s (a cash asset).
        let c = SquareMatrix(rows: [[1, 0.3, -0.2], [0.3, 1, 0.5], [-0.2, 0.5, 1]])
        let s = [0.2, 0.0, 1.5]
        let packed = try CorrelatedNormals(correlation: c, standardDeviations: s).packed
        func l(_ i: Int, _ j: Int) -> Double { j <= i ? packed[i * (i + 1) / 2 + j] : 0 }
        for i in 0..<3 {
            for j in 0..<3 {
                let product = (0..<3).reduce(0.0) { $0 + l(i, $1) * l(j, $1) }
                #expect(abs(product - s[i] * s[j] * c[i, j]) < 1e-14)
            }
        }
        // The multiply kernel computes L z.
        var z: [Double] = [1, -2, 0.5]
        var out = [Double](repeating: 0, count: 3)
        packed.withUnsafeBufferPointer { lp in
            z.withUnsafeMutableBufferPointer { CorrelatedNormals.multiply(lower: lp.baseAddress!, $0, into: &out) }
        }
        for i in 0..<3 { #expect(abs(out[i] - (0..<3).reduce(0.0) { $0 + l(i, $1) * [1, -2, 0.5][$1] }) < 1e-15) }
    }

    @Test func anIndefiniteCorrelationIsRejected() {
        #expect(throws: GSLError.self) {
            try CorrelatedNormals(correlation: SquareMatrix(rows: [[1, 2], [2, 1]]), standardDeviations: [1, 1])
        }
    }
}
