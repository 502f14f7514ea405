import Foundation
import Optimizer

/// A seeded generator (SplitMix64) so the randomized tests see the same programs on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A standard normal draw (Box-Muller).
    mutating func normal() -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let v = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

enum TestPrograms {
    /// H = AᵀA / k + ridge I with A a k x n matrix of normal draws: positive definite.
    static func randomHessian(_ n: Int, ridge: Double, using g: inout SeededGenerator) -> [Double] {
        let k = n + 5
        let a = (0..<(k * n)).map { _ in g.normal() }
        var h = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for r in 0..<k { s += a[r * n + i] * a[r * n + j] }
                h[i * n + j] = s / Double(k) + (i == j ? ridge : 0)
            }
        }
        return h
    }

    /// Long-only, fully invested minimum variance with every weight at most `cap`.
    static func minimumVariance(_ h: [Double], cap: Double) -> QuadraticProgram {
        let n = Int(Double(h.count).squareRoot())
        var p = QuadraticProgram(variables: n, equalities: 1)
        p.hessian = h
        p.equalityRows = Array(repeating: 1, count: n)
        p.equalityValues = [1]
        p.lower = Array(repeating: 0, count: n)
        p.upper = Array(repeating: cap, count: n)
        return p
    }

    /// Everything at once around a random point x0 that satisfies it: a linear term, bounds with
    /// some sides missing (and some fixed: lower = upper), two-sided rows, and an equality.
    static func random(_ n: Int, using g: inout SeededGenerator) -> QuadraticProgram {
        let rows = Int.random(in: 0...n, using: &g)
        let equalities = n > 2 ? Int.random(in: 0...2, using: &g) : 0
        var p = QuadraticProgram(variables: n, equalities: equalities, rows: rows)
        p.hessian = randomHessian(n, ridge: 0.05, using: &g)
        p.linear = (0..<n).map { _ in 2 * g.normal() }
        let x0 = (0..<n).map { _ in g.normal() }
        for j in 0..<n {
            let fixed = Double.random(in: 0..<1, using: &g) < 0.05
            if fixed || Double.random(in: 0..<1, using: &g) < 0.7 {
                p.lower[j] = fixed ? x0[j] : x0[j] - Double.random(in: 0..<0.5, using: &g)
            }
            if fixed || Double.random(in: 0..<1, using: &g) < 0.7 {
                p.upper[j] = fixed ? x0[j] : x0[j] + Double.random(in: 0..<0.5, using: &g)
            }
        }
        for r in 0..<rows {
            var value = 0.0
            for k in 0..<n {
                let a = g.normal()
                p.rows[r * n + k] = a
                value += a * x0[k]
            }
            if Double.random(in: 0..<1, using: &g) < 0.8 { p.rowLower[r] = value - Double.random(in: 0..<1, using: &g) }
            if Double.random(in: 0..<1, using: &g) < 0.8 { p.rowUpper[r] = value + Double.random(in: 0..<1, using: &g) }
        }
        for e in 0..<equalities {
            var value = 0.0
            for k in 0..<n {
                let a = g.normal()
                p.equalityRows[e * n + k] = a
                value += a * x0[k]
            }
            p.equalityValues[e] = value
        }
        return p
    }

    static func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}

extension TestPrograms {
    static func identity(_ n: Int, scale: Double) -> [Double] {
        (0..<(n * n)).map { $0 / n == $0 % n ? scale : 0 }
    }
}
