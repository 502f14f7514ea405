/// Monthly returns from dated observations: month-end prices (the last price of each month), or
/// returns compounded within each month. Monthly observations are months of one row each.
enum MonthlyReturns {
    struct Observations {
        /// Days since 1970-01-01, increasing.
        var days: [Int]
        /// The file line of each observation.
        var lines: [Int]
        var columns: [String]
        /// The 1-based field of each column and of the date, for messages.
        var fields: [Int]
        var dateField: Int
        /// [column][row]; .nan = missing
        var values: [[Double]]
        var file: String
    }

    static func compute(_ o: Observations, prices: Bool, daily: Bool) throws(InputError) -> (months: [YearMonth], values: [[Double]]) {
        let rowMonths = o.days.map { day in
            let date = DateSpacing.civil(day)
            return YearMonth(year: date.year, month: date.month)
        }
        var groups: [(month: YearMonth, rows: Range<Int>)] = []
        for (r, month) in rowMonths.enumerated() {
            if let last = groups.last, last.month == month { groups[groups.count - 1].rows = last.rows.lowerBound..<(r + 1) } else { groups.append((month, r..<(r + 1))) }
        }
        let months = groups.map(\.month)
        // Monthly data must have one row a month; daily data, no month without a row.
        try MonthSequence.check(daily ? months : rowMonths, lines: daily ? groups.map { o.lines[$0.rows.lowerBound] } : o.lines, field: o.dateField, file: o.file)
        var values: [[Double]] = []
        for c in o.columns.indices {
            let series = o.values[c]
            guard let first = series.firstIndex(where: { !$0.isNaN }), let last = series.lastIndex(where: { !$0.isNaN }) else {
                values.append(Array(repeating: .nan, count: groups.count))
                continue
            }
            values.append(prices
                ? try fromPrices(o, column: c, groups: groups, span: first...last)
                : try fromReturns(o, column: c, groups: groups, span: first...last, daily: daily))
        }
        return (months, values)
    }

    /// Each month's last price over the last one before it, minus 1; inside the series a month
    /// without any price is an error, a missing day just leaves the month's last price as it is.
    private static func fromPrices(_ o: Observations, column c: Int, groups: [(month: YearMonth, rows: Range<Int>)], span: ClosedRange<Int>) throws(InputError) -> [Double] {
        let series = o.values[c]
        var closes: [Double] = []
        for (month, rows) in groups {
            let close = rows.reversed().first { !series[$0].isNaN }.map { series[$0] } ?? .nan
            if close.isNaN && rows.lowerBound > span.lowerBound && rows.upperBound <= span.upperBound {
                let (a, b) = (o.lines[rows.lowerBound], o.lines[rows.upperBound - 1])
                throw InputError(file: o.file, line: a, column: o.fields[c], keyPath: (a == b ? "row \(a)" : "rows \(a)-\(b)") + ", column \(o.columns[c])",
                    reason: "no price in \(month): a month inside the series needs at least one")
            }
            closes.append(close)
        }
        return closes.indices.map { g in g == 0 ? .nan : closes[g] / closes[g - 1] - 1 }
    }

    /// Returns compounded within each month. Inside the series every return must be there; a
    /// series that starts after a month's third weekday leaves that partial month out.
    private static func fromReturns(_ o: Observations, column c: Int, groups: [(month: YearMonth, rows: Range<Int>)], span: ClosedRange<Int>, daily: Bool) throws(InputError) -> [Double] {
        let series = o.values[c]
        if let gap = span.first(where: { series[$0].isNaN }) {
            throw InputError(file: o.file, line: o.lines[gap], column: o.fields[c], keyPath: "row \(o.lines[gap]), column \(o.columns[c])",
                reason: "a return is missing inside the series; a missing period cannot be carried over (give 0 if nothing moved)")
        }
        return groups.map { month, rows in
            let present = rows.filter { !series[$0].isNaN }
            guard let start = present.first else { return .nan }
            if daily && start == span.lowerBound && o.days[start] > thirdWeekday(of: month) { return .nan }
            // One return a month is kept as given: compounding it alone would only add rounding.
            return present.count == 1 ? series[start] : present.reduce(1.0) { $0 * (1 + series[$1]) } - 1
        }
    }

    /// The day number of a month's third weekday (Monday to Friday): a series whose first daily
    /// return is on or before it covers the whole month, holidays aside.
    static func thirdWeekday(of month: YearMonth) -> Int {
        var day = DateSpacing.daysSinceEpoch(year: month.year, month: month.month, day: 1)
        var weekdays = 0
        while true {
            if (1...5).contains(DateSpacing.weekday(day)) { weekdays += 1 }
            if weekdays == 3 { return day }
            day += 1
        }
    }

    /// The day number of a month's last weekday (Monday to Friday).
    static func lastWeekday(of month: YearMonth) -> Int {
        var day = DateSpacing.daysSinceEpoch(year: month.year, month: month.month, day: DateSpacing.daysIn(month: month.month, year: month.year))
        while !(1...5).contains(DateSpacing.weekday(day)) { day -= 1 }
        return day
    }
}
