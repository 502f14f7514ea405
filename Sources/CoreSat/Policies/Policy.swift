/// What a policy may look at when it decides, at the end of a month, whether to trade.
/// It holds only the past: returns up to and including the month that just ended.
public struct PolicyContext {
    /// Index of the month that just ended (0-based).
    public let month: Int
    /// Current value held in each asset, after this month's returns and fees.
    public let holdings: UnsafeBufferPointer<Double>
    public let value: Double
    let returns: UnsafePointer<Double>
    let regimes: UnsafePointer<Int32>

    /// Simple returns of months 0...month, row-major by asset.
    public var pastReturns: UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: returns, count: (month + 1) * holdings.count)
    }

    /// Regime index of months 0...month (the true simulated regime).
    public var pastRegimes: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: regimes, count: month + 1) }

    @inline(__always) public func weight(_ asset: Int) -> Double { holdings[asset] / value }
}

/// An allocation rule. Policies are immutable and shared by all workers; each month the simulator
/// asks for target weights, and the account (not the policy) trades and pays for them.
public protocol Policy: Sendable {
    var name: String { get }
    /// Weights held at the start, before month 0.
    var initialWeights: [Double] { get }
    /// Returns true and writes target weights (summing to 1) to trade now; false to hold.
    func rebalance(_ context: PolicyContext, target: UnsafeMutableBufferPointer<Double>) -> Bool
}
