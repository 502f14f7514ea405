import GSLKit

/// A Markov chain of regimes, held as cumulative rows so each step takes one uniform draw.
public struct RegimeChain: Sendable, Equatable {
    public let regimeCount: Int
    /// [from][to] cumulative transition rows, then the cumulative start distribution.
    let cumulativeTransition: [Double]
    let cumulativeStart: [Double]
    let transition: SquareMatrix
    let start: [Double]

    /// `transition`: row-stochastic, [from][to]; `start`: the first month's distribution.
    public init(transition: SquareMatrix, start: [Double]) {
        let k = transition.order
        precondition(start.count == k, "one start probability per regime")
        regimeCount = k
        self.transition = transition
        self.start = start
        cumulativeTransition = (0..<k).flatMap { i in Self.cumulative((0..<k).map { transition[i, $0] }) }
        cumulativeStart = Self.cumulative(start)
    }

    /// The chain that recorded regime labels show: transition shares between consecutive months,
    /// starting from the share of months in each regime. A regime never left in the record (it
    /// holds only the last month) moves on as the shares say.
    public static func estimated(labels: [Int32], regimeCount k: Int) -> RegimeChain {
        var counts = Array(repeating: 0.0, count: k * k)
        for (a, b) in zip(labels, labels.dropFirst()) { counts[Int(a) * k + Int(b)] += 1 }
        let shares = (0..<k).map { r in Double(labels.filter { $0 == Int32(r) }.count) / Double(labels.count) }
        var transition = SquareMatrix(order: k, values: Array(repeating: 0, count: k * k))
        for i in 0..<k {
            let total = (0..<k).reduce(0.0) { $0 + counts[i * k + $1] }
            for j in 0..<k { transition[i, j] = total > 0 ? counts[i * k + j] / total : shares[j] }
        }
        return RegimeChain(transition: transition, start: shares)
    }

    static func cumulative(_ p: [Double]) -> [Double] {
        var total = 0.0
        var result = p.map { total += $0; return total }
        result[result.count - 1] = .infinity  // rounding never lets a uniform fall off the end
        return result
    }

    @inline(__always) static func draw(_ cumulative: UnsafeBufferPointer<Double>, _ u: Double) -> Int {
        var i = 0
        while u >= cumulative[i] { i += 1 }
        return i
    }

    @inline(__always) func first(_ random: RandomSource) -> Int {
        regimeCount == 1 ? 0 : cumulativeStart.withUnsafeBufferPointer { Self.draw($0, random.uniform()) }
    }

    @inline(__always) func next(after regime: Int, _ random: RandomSource) -> Int {
        let k = regimeCount
        return k == 1 ? 0 : cumulativeTransition.withUnsafeBufferPointer {
            Self.draw(UnsafeBufferPointer(rebasing: $0[(regime * k)..<((regime + 1) * k)]), random.uniform())
        }
    }

    /// Whether the chain can ever be in `regime`.
    func reachable(_ regime: Int) -> Bool {
        var seen = start.map { $0 > 0 }
        var changed = true
        while changed {
            changed = false
            for i in 0..<regimeCount where seen[i] {
                for j in 0..<regimeCount where !seen[j] && transition[i, j] > 0 {
                    seen[j] = true
                    changed = true
                }
            }
        }
        return seen[regime]
    }

    /// pi with pi P = pi and sum pi = 1 for a row-major K x K transition matrix: (I - P') pi = 0 with
    /// its last equation replaced by the sum. A chain without a unique stationary distribution
    /// (reducible) makes that system singular; then pi is the uniform distribution carried through
    /// many steps of the chain, as a limit.
    public static func ergodic(transition: [Double], regimes k: Int) -> [Double] {
        guard k > 1 else { return [1] }
        var a = SquareMatrix(order: k, values: Array(repeating: 0, count: k * k))
        for i in 0..<(k - 1) {
            for j in 0..<k { a[i, j] = (i == j ? 1 : 0) - transition[j * k + i] }
        }
        for j in 0..<k { a[k - 1, j] = 1 }
        var rhs = Array(repeating: 0.0, count: k)
        rhs[k - 1] = 1
        if let pi = try? a.solve(rhs), pi.allSatisfy({ $0 >= -1e-12 }) {
            let clamped = pi.map { max($0, 0) }
            let total = clamped.reduce(0, +)
            return clamped.map { $0 / total }
        }
        var pi = Array(repeating: 1 / Double(k), count: k)
        for _ in 0..<10_000 {
            pi = (0..<k).map { to in (0..<k).reduce(0.0) { $0 + pi[$1] * transition[$1 * k + to] } }
        }
        return pi
    }
}
