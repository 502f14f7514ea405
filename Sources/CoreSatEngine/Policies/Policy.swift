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

    /// Simple returns of months 0...month: one row per month, one column per asset.
    public var pastReturns: UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: returns, count: (month + 1) * holdings.count)
    }

    /// Regime index of months 0...month (the true simulated regime).
    public var pastRegimes: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: regimes, count: month + 1) }

    @inline(__always) public func weight(_ asset: Int) -> Double { holdings[asset] / value }
}

/// An allocation rule: what to hold. Policies are immutable and shared by all workers. The account
/// reviews a policy when its `review` rule says so (bands are measured against the policy's latest
/// targets) and then asks for target weights; the account, not the policy, trades and pays.
public protocol Policy: Sendable {
    var name: String { get }
    /// Weights held at the start, before month 0; also the first targets bands are measured against.
    var initialWeights: [Double] { get }
    /// When the account asks for new targets.
    var review: RebalanceRule { get }
    /// True when the targets never change from `initialWeights`: the account then trades back to
    /// them without asking, which keeps a call out of the monthly loop.
    var hasFixedTargets: Bool { get }
    /// Writes target weights (summing to 1) and returns true to trade to them now; false to hold.
    func targetWeights(_ context: PolicyContext, into target: UnsafeMutableBufferPointer<Double>) -> Bool
}

extension Policy {
    public var hasFixedTargets: Bool { false }
}
