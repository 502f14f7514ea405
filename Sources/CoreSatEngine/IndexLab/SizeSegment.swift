/// A size segment of a stock universe, by cumulative free-float cap: rank the stocks by cap,
/// largest first (equal caps: lower stock index first); a stock belongs when the cap share of the
/// stocks ranked before it lies in [lower, upper). The largest stock's share before it is 0, so
/// every segment starting at 0 holds it, and the cut-offs split the universe without overlap.
public struct SizeSegment: Sendable, Equatable {
    public let lower: Double
    public let upper: Double

    /// 0 <= lower < upper <= 1; `problem(lower:upper:)` says why a pair read from input is not.
    public init(lower: Double, upper: Double) {
        precondition(Self.problem(lower: lower, upper: upper) == nil, "invalid size segment [\(lower), \(upper))")
        self.lower = lower
        self.upper = upper
    }

    /// The seed's cut-offs: large, mid, small and micro caps at 70%, 85% and 98% of the
    /// cumulative free-float cap.
    public static let all = SizeSegment(lower: 0, upper: 1)
    public static let large = SizeSegment(lower: 0, upper: 0.70)
    public static let mid = SizeSegment(lower: 0.70, upper: 0.85)
    public static let small = SizeSegment(lower: 0.85, upper: 0.98)
    public static let micro = SizeSegment(lower: 0.98, upper: 1)

    /// Why [lower, upper) is no segment, or nil.
    public static func problem(lower: Double, upper: Double) -> String? {
        guard lower.isFinite, upper.isFinite else { return "segment cut-offs must be finite numbers" }
        guard lower >= 0, upper <= 1 else { return "segment cut-offs must lie in [0, 1], got [\(lower), \(upper))" }
        guard lower < upper else {
            return "a segment's lower cut-off must be below its upper one, got [\(lower), \(upper))"
        }
        return nil
    }

    /// Whether the segment is the whole universe, so no ranking by cap is needed.
    var isWholeUniverse: Bool { lower == 0 && upper == 1 }

    /// Whether a stock whose predecessors hold `shareBefore` of the total cap belongs.
    @inline(__always) func contains(shareBefore: Double) -> Bool {
        shareBefore >= lower && shareBefore < upper
    }
}
