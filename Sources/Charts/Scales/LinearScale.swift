/// Maps a domain linearly onto a range of pixels (the range may run backwards, as a y axis does).
public struct LinearScale: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let rangeStart: Double
    public let rangeEnd: Double

    /// A degenerate domain (one value) is widened symmetrically; see `Extent.widened`.
    public init(domain: (Double, Double), range: (Double, Double) = (0, 1)) {
        (lower, upper) = Extent.widened(domain.0, domain.1)
        rangeStart = range.0
        rangeEnd = range.1
    }

    public func callAsFunction(_ value: Double) -> Double {
        rangeStart + (value - lower) / (upper - lower) * (rangeEnd - rangeStart)
    }

    public func invert(_ position: Double) -> Double {
        guard rangeEnd != rangeStart else { return lower }
        return lower + (position - rangeStart) / (rangeEnd - rangeStart) * (upper - lower)
    }

    public func tickStep(count: Int) -> TickStep? {
        TickStep.nice(span: upper - lower, count: max(1, count))
    }

    /// About `count` nice ticks (1, 2, 2.5 or 5 x 10^k apart) inside the domain.
    public func ticks(count: Int) -> [Double] {
        tickStep(count: count)?.multiples(from: lower, to: upper) ?? [lower, upper]
    }

    /// The domain extended to tick boundaries, so the ticks cover it. Extending can change the
    /// step, so it is done again with the new one.
    public func nice(count: Int) -> LinearScale {
        var domain = (lower, upper)
        for _ in 0..<2 {
            guard let step = TickStep.nice(span: domain.1 - domain.0, count: max(1, count)) else { break }
            domain = step.enclosing(domain.0, domain.1)
        }
        return LinearScale(domain: domain, range: (rangeStart, rangeEnd))
    }
}
