/// How often a return series is sampled, as read from the spacing of its dates.
public enum Frequency: String, Sendable, CaseIterable {
    case businessDaily = "business-daily"
    case calendarDaily = "calendar-daily"
    case weekly, monthly, quarterly
    case halfYearly = "half-yearly"
    case annual

    public var periodsPerYear: Double {
        switch self {
        case .businessDaily: 252
        case .calendarDaily: 365
        case .weekly: 52
        case .monthly: 12
        case .quarterly: 4
        case .halfYearly: 2
        case .annual: 1
        }
    }

    /// Gaps in days this frequency allows between two dates. Month, quarter and year ends move by
    /// a few days with month lengths and weekends; daily data skip weekends and holidays (China's
    /// New Year and Golden Week close the market for up to 9 days), weekly data the odd whole week.
    var gaps: ClosedRange<Int> {
        switch self {
        case .businessDaily, .calendarDaily: 1...14
        case .weekly: 4...14
        case .monthly: 25...35
        case .quarterly: 84...98
        case .halfYearly: 175...190
        case .annual: 355...376
        }
    }

    /// The usual gap, which the median gap must be near for the dates to have this frequency.
    var typicalGaps: ClosedRange<Int> {
        switch self {
        case .businessDaily, .calendarDaily: 1...2
        case .weekly: 4...10
        default: gaps
        }
    }

    var spacing: String {
        self == .businessDaily || self == .calendarDaily ? "1 to 14 days apart" : "\(gaps.lowerBound) to \(gaps.upperBound) days apart"
    }
}

/// Reading dates and inferring a frequency from their spacing.
enum DateSpacing {
    /// Days since 1970-01-01 of YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, YYYY-MM or YYYYMM (a month alone
    /// counts as its 1st); nil, with the reason, for anything else or a day the month lacks.
    static func day(_ text: String) -> (day: Int?, problem: String?) {
        let digits = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        var parts: [Substring]
        if text.contains(where: { $0 == "-" || $0 == "/" }) {
            parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" })
            guard (2...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count <= 2 }) else {
                return (nil, nil)
            }
        } else if text.count == 8 || text.count == 6 {
            let s = Substring(text)
            parts = [s.prefix(4), s.dropFirst(4).prefix(2)]
            if text.count == 8 { parts.append(s.suffix(2)) }
        } else {
            return (nil, nil)
        }
        guard parts.allSatisfy(digits), let year = Int(parts[0]), let month = Int(parts[1]) else { return (nil, nil) }
        let day = parts.count > 2 ? Int(parts[2]) ?? 0 : 1
        guard (1...12).contains(month) else { return (nil, "there is no month \(month)") }
        let length = daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            return (nil, day == 0 ? "there is no day 0" : "\(monthNames[month - 1]) \(year) has \(length) days")
        }
        return (daysSinceEpoch(year: year, month: month, day: day), nil)
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    static func daysIn(month: Int, year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1  // counted from March 1st
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// The calendar date of a day number (H. Hinnant's civil_from_days), the inverse of `daysSinceEpoch`.
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // counted from March 1st
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    }

    /// 0 Sunday ... 6 Saturday; 1970-01-01 was a Thursday.
    static func weekday(_ day: Int) -> Int {
        ((day + 4) % 7 + 7) % 7
    }

    /// The frequency the median gap points to, after checking that every gap fits it; otherwise the
    /// index of the first gap that does not (the gap between dates i and i + 1) and the frequency
    /// the others suggest, if any.
    static func frequency(of days: [Int]) -> Result<Frequency, Irregular> {
        let gaps = zip(days.dropFirst(), days).map { $0 - $1 }
        let median = gaps.sorted()[gaps.count / 2]
        guard var found = Frequency.allCases.first(where: { $0.typicalGaps.contains(median) }) else {
            let anywhere = gaps.firstIndex { gap in !Frequency.allCases.contains { $0.gaps.contains(gap) } }
            return .failure(Irregular(index: anywhere ?? gaps.firstIndex(of: median) ?? 0, typical: nil))
        }
        if let bad = gaps.firstIndex(where: { !found.gaps.contains($0) }) {
            return .failure(Irregular(index: bad, typical: found))
        }
        if found == .businessDaily {
            // Calendar-daily data have a Saturday and a Sunday every week; trading days have at most
            // one of the two (Sunday in markets that trade Sunday to Thursday).
            let saturdays = days.filter { weekday($0) == 6 }.count, sundays = days.filter { weekday($0) == 0 }.count
            if saturdays * 14 >= days.count && sundays * 14 >= days.count { found = .calendarDaily }
        }
        return .success(found)
    }

    struct Irregular: Error {
        var index: Int
        /// The frequency most gaps have, when they have one.
        var typical: Frequency?
    }
}
