import Foundation

/// A tick step `mantissa` x 10^`exponent`. Multiples are computed as i x mantissa / 10^-exponent
/// when the exponent is negative, so the third tick of 0.2 steps is 0.6, not 0.6000000000000001.
public struct TickStep: Sendable, Equatable {
    public let mantissa: Double
    public let exponent: Int

    public init(mantissa: Double, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = exponent
    }

    public var value: Double { multiple(1) }

    public func multiple(_ i: Int) -> Double {
        exponent >= 0
            ? Double(i) * mantissa * pow(10, Double(exponent))
            : Double(i) * mantissa / pow(10, Double(-exponent))
    }

    /// The step from `mantissas` x 10^k that cuts `span` into the number of intervals nearest to
    /// `count` (a tie goes to the larger step, so fewer labels); nil for an empty or infinite span.
    public static func nice(span: Double, count: Int, mantissas: [Double] = [1, 2, 2.5, 5]) -> TickStep? {
        guard span.isFinite, span > 0, count > 0 else { return nil }
        // Outside this a power of ten is no longer a normal double.
        let raw = span / Double(count)
        guard raw > 1e-300, raw < 1e300 else { return nil }
        let exponent = Int(floor(log10(raw)))
        var candidates = mantissas.map { TickStep(mantissa: $0, exponent: exponent) }
        candidates.append(TickStep(mantissa: 1, exponent: exponent + 1))
        var best = candidates[0]
        for candidate in candidates.dropFirst() {
            let error = abs(span / candidate.value - Double(count))
            if error <= abs(span / best.value - Double(count)) { best = candidate }
        }
        return best
    }

    /// The multiples of this step inside lower...upper (with a little slack for rounding);
    /// empty when there would be absurdly many.
    public func multiples(from lower: Double, to upper: Double) -> [Double] {
        let step = value
        guard step > 0, lower.isFinite, upper.isFinite, abs(lower / step) < 1e15, abs(upper / step) < 1e15
        else { return [] }
        let first = Int(ceil(lower / step - 1e-9))
        let last = Int(floor(upper / step + 1e-9))
        guard last >= first, last - first <= 1000 else { return [] }
        return (first...last).map { multiple($0) }
    }

    /// The multiples of this step just outside lower...upper: a domain the ticks cover.
    public func enclosing(_ lower: Double, _ upper: Double) -> (Double, Double) {
        let step = value
        guard step > 0, abs(lower / step) < 1e15, abs(upper / step) < 1e15 else { return (lower, upper) }
        return (multiple(Int(floor(lower / step + 1e-9))), multiple(Int(ceil(upper / step - 1e-9))))
    }
}
