import Foundation

/// Ticks of a month-index axis (year x 12 + month - 1): Januaries of nice years, or, over less
/// than three years, every 1, 2, 3, 6 or 12 months from January.
enum CalendarTicks {
    static func monthIndices(lower: Double, upper: Double, count: Int) -> [Double] {
        let span = upper - lower
        guard span.isFinite, span > 0, abs(lower) < 1e9, abs(upper) < 1e9 else { return [] }
        let first = Int(ceil(lower - 1e-9))
        let last = Int(floor(upper + 1e-9))
        guard last >= first else { return [] }
        if span >= 36 {
            let step = TickStep.nice(span: span / 12, count: count, mantissas: [1, 2, 5])
            let years = max(1, Int((step?.value ?? 1).rounded()))
            return (first...last).filter { month in
                let (year, monthOfYear) = split(month)
                return monthOfYear == 0 && year % years == 0
            }.map(Double.init)
        }
        let wanted = span / Double(max(1, count))
        let months = [1, 2, 3, 6, 12].min { abs(Double($0) - wanted) < abs(Double($1) - wanted) } ?? 1
        return (first...last).filter { split($0).monthOfYear % months == 0 }.map(Double.init)
    }

    /// "1990" for a year tick, "2020-07" otherwise.
    static func label(monthIndex: Double, yearsOnly: Bool) -> String {
        guard abs(monthIndex) < 1e9 else { return "n/a" }
        let (year, monthOfYear) = split(Int(monthIndex.rounded()))
        if yearsOnly { return String(year) }
        return String(year) + (monthOfYear < 9 ? "-0" : "-") + String(monthOfYear + 1)
    }

    /// Year and zero-based month of a month index, also for indices before year 0.
    static func split(_ monthIndex: Int) -> (year: Int, monthOfYear: Int) {
        let monthOfYear = ((monthIndex % 12) + 12) % 12
        return ((monthIndex - monthOfYear) / 12, monthOfYear)
    }
}
