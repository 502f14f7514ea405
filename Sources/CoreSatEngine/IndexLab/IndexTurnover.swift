/// What a rebalance trades.
public enum IndexTurnover {
    /// One-way turnover: half the sum of |target - drifted| weights (buys, or sells, when both sum
    /// to 1). `drifted`: the index's weights after the month's returns, before the rebalance.
    public static func oneWay(target: UnsafeBufferPointer<Double>, drifted: UnsafeBufferPointer<Double>) -> Double {
        precondition(target.count == drifted.count)
        var sum = 0.0
        for i in 0..<target.count { sum += abs(target[i] - drifted[i]) }
        return sum / 2
    }
}
