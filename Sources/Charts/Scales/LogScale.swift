import Foundation

/// Maps a positive domain onto a range by its logarithm: equal ratios get equal distances.
public struct LogScale: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let rangeStart: Double
    public let rangeEnd: Double

    /// Bounds that are not positive and finite are replaced (a bad lower bound by a tenth of the
    /// upper one, both by 1...10); a single value is widened to half and twice itself.
    public init(domain: (Double, Double), range: (Double, Double) = (0, 1)) {
        let valid = { (x: Double) in x.isFinite && x > 0 }
        var (low, high) = (min(domain.0, domain.1), max(domain.0, domain.1))
        if !valid(high) { (low, high) = (1, 10) }
        if !valid(low) { low = high / 10 }
        if high / low < 1 + 1e-12 { (low, high) = (low / 2, high * 2) }
        lower = low
        upper = high
        rangeStart = range.0
        rangeEnd = range.1
    }

    /// Values that are not positive land on the lower end; charts skip them before asking.
    public func callAsFunction(_ value: Double) -> Double {
        let share = value > 0 ? log(value / lower) / log(upper / lower) : 0
        return rangeStart + share * (rangeEnd - rangeStart)
    }

    public func invert(_ position: Double) -> Double {
        guard rangeEnd != rangeStart else { return lower }
        return lower * pow(upper / lower, (position - rangeStart) / (rangeEnd - rangeStart))
    }

    /// Ticks at 1, 2 and 5 x 10^k; over wide ranges at powers of ten only (every second or
    /// further one when even those are too many); over narrow ranges, where 1-2-5 leaves fewer
    /// than three, linear nice ticks.
    public func ticks(count: Int) -> [Double] {
        let wanted = max(2, count)
        let first = Int(floor(log10(lower)))
        let last = Int(ceil(log10(upper)))
        let inside = { (x: Double) in x >= lower * (1 - 1e-9) && x <= upper * (1 + 1e-9) }
        let powers = (first...last).map { TickStep(mantissa: 1, exponent: $0).value }.filter(inside)
        if powers.count > wanted {
            let every = Int(ceil(Double(powers.count) / Double(wanted)))
            return (first...last).filter { $0 % every == 0 }
                .map { TickStep(mantissa: 1, exponent: $0).value }.filter(inside)
        }
        let oneTwoFive = (first...last).flatMap { exponent in
            [1.0, 2, 5].map { TickStep(mantissa: $0, exponent: exponent).value }
        }.filter(inside)
        if oneTwoFive.count > 2 * wanted + 1, powers.count >= 2 { return powers }
        if oneTwoFive.count >= 3 { return oneTwoFive }
        return LinearScale(domain: (lower, upper)).ticks(count: wanted)
    }
}
