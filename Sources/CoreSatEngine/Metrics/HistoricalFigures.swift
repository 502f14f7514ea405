import Foundation

/// Figures of one historical run that need the months' places, not only the series' values: when
/// the worst drawdown happened, the calendar years, and rolling excess returns. Month t is the
/// t-th return (0-based); wealth starts at 1 before month 0, as in ReturnMetrics.
public enum HistoricalFigures {
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case invalidCalendarMonth(Int)
        case lengthMismatch(series: Int, benchmark: Int)
        case invalidWindow(Int)

        public var description: String {
            switch self {
            case .invalidCalendarMonth(let m): "the calendar month of the first return must be 1...12, got \(m)"
            case .lengthMismatch(let a, let b): "the series has \(a) returns and the benchmark \(b)"
            case .invalidWindow(let w): "a rolling window needs at least 1 month, got \(w)"
            }
        }
    }

    /// The maximum drawdown and its dates.
    public struct DrawdownEpisode: Sendable, Equatable {
        /// The last month-end at the high-water mark before the trough; -1 is the starting wealth
        /// before month 0.
        public var peak: Int
        /// The month-end of the lowest wealth relative to the peak (the first, if several are equal).
        public var trough: Int
        /// The first month-end after the trough whose wealth is back at the peak's; nil if none.
        public var recovery: Int?
        /// W_trough / W_peak - 1: negative, and exactly ReturnMetrics.scan's maxDrawdown.
        public var depth: Double

        public var peakIsStart: Bool { peak == -1 }
    }

    /// The maximum drawdown episode; nil for a series that never falls below its running peak.
    /// Peaks and troughs follow ReturnMetrics.scan step for step (a month-end equal to the peak is
    /// a new peak; a trough must be strictly deeper to replace the one found), so `depth` is the
    /// very number the max drawdown figure reports.
    public static func maxDrawdownEpisode(_ r: UnsafeBufferPointer<Double>) -> DrawdownEpisode? {
        var wealth = 1.0
        var peak = 1.0, peakMonth = -1
        var lowestRatio = 1.0
        var episode: DrawdownEpisode?
        for (t, x) in r.enumerated() {
            wealth *= 1 + x
            if wealth >= peak {
                peak = wealth
                peakMonth = t
                // The running peak only moves once wealth is back at it: this is the recovery.
                if episode != nil && episode?.recovery == nil { episode?.recovery = t }
            } else if wealth < peak * lowestRatio {
                let ratio = wealth / peak
                if ratio < lowestRatio {
                    lowestRatio = ratio
                    episode = DrawdownEpisode(peak: peakMonth, trough: t, recovery: nil, depth: ratio - 1)
                }
            }
        }
        return episode
    }

    public struct CalendarYear: Sendable, Equatable {
        /// The calendar year: `firstYear` for the year of month 0, then one more for each.
        public var year: Int
        /// The first month (index into the series) that falls in the year, and how many do.
        public var firstMonth: Int
        public var months: Int
        /// prod(1 + r) - 1 over those months, not annualised.
        public var value: Double
        /// Fewer than 12 months: the first and last years of a series may be cut.
        public var isPartial: Bool { months < 12 }
    }

    /// Compounded returns per calendar year, for a monthly series whose month 0 is calendar month
    /// `firstCalendarMonth` (1 = January) of `firstYear`.
    public static func calendarYears(
        _ r: UnsafeBufferPointer<Double>, firstCalendarMonth: Int, firstYear: Int
    ) throws(Problem) -> [CalendarYear] {
        guard (1...12).contains(firstCalendarMonth) else { throw .invalidCalendarMonth(firstCalendarMonth) }
        var years: [CalendarYear] = []
        var start = 0
        var length = 13 - firstCalendarMonth  // months left in the first year
        while start < r.count {
            let end = min(start + length, r.count)
            var growth = 1.0
            for t in start..<end { growth *= 1 + r[t] }
            years.append(CalendarYear(year: firstYear + years.count, firstMonth: start, months: end - start, value: growth - 1))
            start = end
            length = 12
        }
        return years
    }

    /// For each window of `window` months ending at month t (t = window - 1 ... n - 1), the
    /// series' annualised return minus the benchmark's over the same months:
    /// prod(1 + r)^(P / w) - prod(1 + b)^(P / w). Element k is the window ending at month k + w - 1;
    /// empty when the series is shorter than the window.
    public static func rollingExcessReturn(
        _ r: UnsafeBufferPointer<Double>, benchmark b: UnsafeBufferPointer<Double>, window w: Int = 36,
        periodsPerYear p: Double = 12
    ) throws(Problem) -> [Double] {
        guard r.count == b.count else { throw .lengthMismatch(series: r.count, benchmark: b.count) }
        guard w >= 1 else { throw .invalidWindow(w) }
        guard r.count >= w else { return [] }
        // Running sums of log growth make each window one subtraction; a trailing product
        // recomputed by division would carry the error of every month before it.
        var logR = [0.0], logB = [0.0]
        logR.reserveCapacity(r.count + 1)
        logB.reserveCapacity(r.count + 1)
        for t in 0..<r.count {
            logR.append(logR[t] + log1p(r[t]))
            logB.append(logB[t] + log1p(b[t]))
        }
        let scale = p / Double(w)
        return (w...r.count).map { end in
            expm1((logR[end] - logR[end - w]) * scale) - expm1((logB[end] - logB[end - w]) * scale)
        }
    }
}
