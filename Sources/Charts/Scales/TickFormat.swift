import Foundation

/// How an axis chooses and labels its ticks, and how value labels read. Labels take their
/// decimals from the step between ticks, so 5% steps read "5%" and 0.5% steps "0.5%".
public struct TickFormat: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case percent(decimals: Int?)
        case signedPercent
        case money
        case number(decimals: Int?)
        case yearsFromMonths
        case yearMonth
        case integer
    }

    let kind: Kind

    /// Fractions as percent: 0.053 -> "5.3%".
    public static func percent(decimals: Int? = nil) -> TickFormat { TickFormat(kind: .percent(decimals: decimals)) }
    /// Percent with a sign, at least one decimal: 0.01 -> "+1.0%".
    public static let signedPercent = TickFormat(kind: .signedPercent)
    /// Compact amounts without a currency sign: 950, 1.2k, 35k, 1.5M, 2B.
    public static let money = TickFormat(kind: .money)
    /// Plain numbers, decimals from the step (two for value labels).
    public static let number = TickFormat(kind: .number(decimals: nil))
    public static func number(decimals: Int?) -> TickFormat { TickFormat(kind: .number(decimals: decimals)) }
    /// x values are months from the start, labelled in years ("0", "5", "10").
    public static let yearsFromMonths = TickFormat(kind: .yearsFromMonths)
    /// x values are month indices (year x 12 + month - 1); ticks on Januaries ("1990"), or on
    /// months ("2020-07") when the span is under three years.
    public static let yearMonth = TickFormat(kind: .yearMonth)
    public static let integer = TickFormat(kind: .integer)

    /// Calendar axes show the data's own span; others are extended to nice tick boundaries.
    public var isCalendar: Bool { kind == .yearsFromMonths || kind == .yearMonth }

    /// About `count` ticks inside lower...upper.
    public func ticks(lower: Double, upper: Double, count: Int) -> [Double] {
        let scale = LinearScale(domain: (lower, upper))
        switch kind {
        case .yearsFromMonths:
            // Years count in whole steps of 1, 2 or 5; fractions of a year only on spans under two years.
            let years = (scale.upper - scale.lower) / 12
            var step = TickStep.nice(span: years, count: count, mantissas: [1, 2, 5])
            if years >= 2, let nice = step, nice.value < 1 { step = TickStep(mantissa: 1, exponent: 0) }
            return (step?.multiples(from: scale.lower / 12, to: scale.upper / 12) ?? []).map { $0 * 12 }
        case .yearMonth:
            return CalendarTicks.monthIndices(lower: scale.lower, upper: scale.upper, count: count)
        case .integer:
            guard let step = scale.tickStep(count: count) else { return [] }
            let whole = step.value < 1 ? TickStep(mantissa: 1, exponent: 0) : step
            return whole.multiples(from: scale.lower, to: scale.upper)
        default:
            return scale.ticks(count: count)
        }
    }

    /// Labels for ticks, their decimals chosen from the step between the first two.
    public func labels(for ticks: [Double]) -> [String] {
        let step = ticks.count >= 2 ? abs(ticks[1] - ticks[0]) : nil
        return ticks.map { label($0, step: step) }
    }

    /// One value as text; `step` is the distance between neighbouring ticks, nil for a value label.
    public func label(_ value: Double, step: Double? = nil) -> String {
        guard value.isFinite else { return "n/a" }
        switch kind {
        case .percent(let decimals):
            let places = decimals ?? step.map { Self.decimals(for: $0 * 100) } ?? 1
            return Self.fixed(value * 100, places) + "%"
        case .signedPercent:
            let text = Self.fixed(value * 100, max(1, step.map { Self.decimals(for: $0 * 100) } ?? 1)) + "%"
            return text.hasPrefix("-") || Double(text.dropLast()) == 0 ? text : "+" + text
        case .money:
            return Self.money(value, step: step)
        case .number(let decimals):
            return Self.fixed(value, decimals ?? step.map { Self.decimals(for: $0) } ?? 2)
        case .yearsFromMonths:
            return Self.fixed(value / 12, step.map { Self.decimals(for: $0 / 12) } ?? 1)
        case .yearMonth:
            return CalendarTicks.label(monthIndex: value, yearsOnly: (step ?? 0) >= 12 - 1e-9)
        case .integer:
            return Self.fixed(value, 0)
        }
    }

    /// The fewest decimals (up to 6) that show a multiple of `step` exactly.
    static func decimals(for step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        for places in 0...6 {
            let scaled = step * pow(10, Double(places))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return places }
        }
        return 6
    }

    /// `value` with `places` decimals, never "-0".
    static func fixed(_ value: Double, _ places: Int) -> String {
        let text = String(format: "%.\(max(0, min(places, 12)))f", value)
        let isZero = !text.contains { $0 >= "1" && $0 <= "9" }
        return isZero && text.hasPrefix("-") ? String(text.dropFirst()) : text
    }

    /// Compact money: the unit follows the value's size, decimals the step (or three
    /// significant digits), trailing zeros dropped ("2B", not "2.0B").
    static func money(_ value: Double, step: Double?) -> String {
        let size = abs(value)
        let (unit, suffix) = size >= 1e9 ? (1e9, "B") : size >= 1e6 ? (1e6, "M") : size >= 1e3 ? (1e3, "k") : (1, "")
        let scaled = value / unit
        let places: Int
        if let step {
            places = min(2, decimals(for: step / unit))
        } else {
            places = abs(scaled) >= 100 ? 0 : abs(scaled) >= 10 ? (unit == 1 ? 1 : 0) : (unit == 1 ? 2 : 1)
        }
        var text = fixed(scaled, places)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text + suffix
    }
}
