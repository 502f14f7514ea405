/// Places `count` categories side by side in a range: each gets a band, with gaps between bands
/// (`paddingInner`, a share of a step) and at both ends (`paddingOuter`).
public struct BandScale: Sendable, Equatable {
    public let count: Int
    public let rangeStart: Double
    public let rangeEnd: Double
    public let paddingInner: Double
    public let paddingOuter: Double

    public init(count: Int, range: (Double, Double), paddingInner: Double = 0.2, paddingOuter: Double = 0.1) {
        self.count = max(0, count)
        rangeStart = range.0
        rangeEnd = range.1
        self.paddingInner = min(max(paddingInner, 0), 0.95)
        self.paddingOuter = max(paddingOuter, 0)
    }

    /// Distance from one band's start to the next.
    public var step: Double {
        (rangeEnd - rangeStart) / max(1, Double(count) - paddingInner + 2 * paddingOuter)
    }

    public var bandwidth: Double { step * (1 - paddingInner) }

    public func start(_ index: Int) -> Double {
        rangeStart + step * (paddingOuter + Double(index))
    }

    public func center(_ index: Int) -> Double {
        start(index) + bandwidth / 2
    }
}
