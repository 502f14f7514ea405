/// The smallest and largest of the values it has seen, ignoring non-finite ones (and, for a log
/// axis, values that are not positive).
public struct Extent: Sendable, Equatable {
    public private(set) var lower = Double.infinity
    public private(set) var upper = -Double.infinity
    public let positiveOnly: Bool

    public init(positiveOnly: Bool = false) {
        self.positiveOnly = positiveOnly
    }

    public init(_ values: some Sequence<Double>, positiveOnly: Bool = false) {
        self.init(positiveOnly: positiveOnly)
        for value in values { include(value) }
    }

    public var isEmpty: Bool { lower > upper }

    /// Whether `value` would count: finite, and positive when only positive values do.
    public func accepts(_ value: Double) -> Bool {
        value.isFinite && (!positiveOnly || value > 0)
    }

    public mutating func include(_ value: Double) {
        guard accepts(value) else { return }
        lower = min(lower, value)
        upper = max(upper, value)
    }

    public mutating func include(_ other: Extent) {
        guard !other.isEmpty else { return }
        include(other.lower)
        include(other.upper)
    }

    /// A domain with room in it: a single point (or a span lost in rounding) is widened
    /// symmetrically, by 10% of its size or by 1 around zero, so nothing divides by zero.
    /// Non-finite bounds give 0...1.
    public static func widened(_ lower: Double, _ upper: Double) -> (Double, Double) {
        guard lower.isFinite, upper.isFinite else { return (0, 1) }
        let (low, high) = lower <= upper ? (lower, upper) : (upper, lower)
        let middle = low / 2 + high / 2
        guard high - low <= abs(middle) * 1e-12 else { return (low, high) }
        let pad = middle == 0 ? 1 : abs(middle) * 0.1
        return (middle - pad, middle + pad)
    }
}
