/// An allocation rule as the scenario states it: validated, immutable and shared by all workers.
///
/// The account reviews a policy when its `review` rule says so (bands are measured against the
/// policy's latest targets). A policy whose targets never change has no runner: the account trades
/// back to `initialWeights` without a call. Any other policy makes one `PolicyRunner` per worker,
/// which keeps its state along a path and answers the reviews.
public protocol Policy: Sendable {
    var name: String { get }
    /// Weights held at the start, before month 0; also the first targets bands are measured against.
    var initialWeights: [Double] { get }
    /// When the account asks for new targets.
    var review: RebalanceRule { get }
    /// Months of market history before month 0 the policy reads; the scenario must simulate at
    /// least this much warm-up.
    var historyNeeded: Int { get }
    /// Which regime labels the policy may read.
    var regimeAccess: RegimeAccess { get }
    /// The weights the account accepts from this policy.
    var bounds: WeightBounds { get }
    /// Whether the policy's runner names a regime it believes the market is in (`regimeBelief`),
    /// which the engine scores against the true regimes the runner may not read.
    var classifiesRegimes: Bool { get }
    /// Whether the runner reads the market's true parameters (`PolicyView.pathLogMeans`): a
    /// perfect-knowledge upper bound, on parametric markets only.
    var knowsParameters: Bool { get }
    /// A runner for one worker, or nil when the targets never change from `initialWeights`.
    func makeRunner(assetCount: Int) -> (any PolicyRunner)?
    /// About how many bytes one runner holds (for the memory check before a run).
    func runnerBytes(assetCount: Int) -> Int
}

extension Policy {
    public var historyNeeded: Int { 0 }
    public var regimeAccess: RegimeAccess { .none }
    public var bounds: WeightBounds { .longOnly }
    public var classifiesRegimes: Bool { false }
    public var knowsParameters: Bool { false }
    public func runnerBytes(assetCount: Int) -> Int { 0 }
}

/// One policy's state along one path at a time, owned by one worker.
///
/// Per path: `reset` with the warm-up history, then at each month end `observe` (every month), and
/// `decide` when the review rule is due. A runner is handed only a `PolicyView`, which reads
/// months up to the one that just ended and nothing later.
public protocol PolicyRunner: AnyObject {
    /// Start of a path: `view.month` is -1 and the market history holds the warm-up months.
    func reset(_ view: PolicyView)
    /// The end of month `view.month`, before any review. O(1) updates of running state go here.
    func observe(_ view: PolicyView)
    /// A review is due: write targets into `targets` and return `.trade`, or return `.hold`.
    /// A policy that cannot decide (a singular estimate, say) returns a decision marked as a fallback.
    func decide(_ view: PolicyView, targets: inout [Double]) -> Decision
    /// After `observe` at a month end: the regime the runner believes month `view.month` was in, or
    /// nil when it has no belief yet. Read only when the policy `classifiesRegimes`.
    var regimeBelief: Int? { get }
}

extension PolicyRunner {
    public func reset(_ view: PolicyView) {}
    public func observe(_ view: PolicyView) {}
    public var regimeBelief: Int? { nil }
}

/// A runner's answer to a review.
public struct Decision: Sendable, Equatable {
    /// Trade to the written targets now.
    public var trade: Bool
    /// The policy could not decide as designed and fell back to what it documents.
    public var isFallback: Bool

    public static let hold = Decision(trade: false, isFallback: false)
    public static let trade = Decision(trade: true, isFallback: false)
    public static func fallback(trade: Bool) -> Decision { Decision(trade: trade, isFallback: true) }

    public init(trade: Bool, isFallback: Bool) {
        self.trade = trade
        self.isFallback = isFallback
    }
}

/// What a policy may know of the simulated regimes.
public enum RegimeAccess: Sendable, Equatable {
    /// Nothing: an investor who has only the returns.
    case none
    /// The true regime, known `lag` months late (0: at the month's end; an upper bound nobody can trade).
    case known(lag: Int)
}

/// Bounds on the weights a policy may ask for. Targets outside them, not finite, or not summing to
/// 1 within `WeightBounds.sumTolerance` stop the run with an internal error naming the policy.
public struct WeightBounds: Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    public static let longOnly = WeightBounds(lower: 0, upper: 1)
    /// How far from 1 a target's sum may be: the rounding of a few dozen additions.
    public static let sumTolerance = 1e-9

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Why `targets` is not acceptable, or nil when it is. `name` gives an asset's name, asked for
    /// only when there is a problem, so a check of good targets builds no text.
    @inline(__always) public func problem(_ targets: UnsafeBufferPointer<Double>, name: (Int) -> String) -> String? {
        var sum = 0.0
        for (i, w) in targets.enumerated() {
            guard w.isFinite else { return "weight of \(name(i)) is \(w)" }
            if w < lower - Self.sumTolerance || w > upper + Self.sumTolerance {
                return "weight of \(name(i)) is \(w), outside [\(lower), \(upper)]"
            }
            sum += w
        }
        return abs(sum - 1) <= Self.sumTolerance ? nil : "weights sum to \(sum), not 1"
    }
}
