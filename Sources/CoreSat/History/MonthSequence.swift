/// The check every monthly source shares: one row per month, consecutive and increasing.
enum MonthSequence {
    /// Throws at the first row whose month does not follow the one before: a gap, a repeat or a
    /// step back. `lines[i]` is the file line of `months[i]`; the month is in field `field`.
    static func check(_ months: [YearMonth], lines: [Int], field: Int = 1, file: String) throws(InputError) {
        for i in months.indices.dropFirst() {
            let (previous, month) = (months[i - 1], months[i])
            guard month.index != previous.index + 1 else { continue }
            let reason: String
            if month == previous {
                reason = "duplicated: \(month) appears twice (rows \(lines[i - 1]) and \(lines[i]))"
            } else if month < previous {
                reason = "out of order: \(month) follows \(previous)"
            } else {
                let missing = month.index - previous.index - 1
                reason = "gap: \(month) follows \(previous) (\(missing) month\(missing == 1 ? "" : "s") missing)"
            }
            throw InputError(file: file, line: lines[i], column: field, keyPath: "row \(lines[i]), month", reason: reason)
        }
    }
}
