import CoreSatEngine
import Foundation
import SwiftCSV

/// A user's own return series: a date column, then one column of simple decimal returns per series.
public struct ReturnTable: Sendable {
    public var dates: [String]
    public var columns: [String]
    /// [column][row]
    public var values: [[Double]]
    /// Days since 1970-01-01 of each date, increasing.
    public var days: [Int]
    public var file: String

    public static func load(path: String) throws(InputError) -> ReturnTable {
        try parse(TextFile.text(path, what: "the file"), file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> ReturnTable {
        let rows = try rows(text, file: file)
        guard let header = rows.first, header.count >= 2 else {
            var reason = "expected a header row with a date column and at least one return column"
            if let first = rows.first?.first, let separator = [";", "\t"].first(where: first.contains) {
                reason = "the header has one column and looks separated by \(separator == ";" ? "';'" : "tabs"); coresat reads comma-separated values"
            }
            throw InputError(file: file, line: 1, reason: reason)
        }
        let columns = header.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        for (c, name) in columns.enumerated() where columns[..<c].contains(name) || name.isEmpty {
            throw InputError(file: file, line: 1, column: c + 2, keyPath: "header",
                reason: name.isEmpty ? "column \(c + 2) has no name" : "column name '\(name)' is used twice")
        }
        var dates: [String] = []
        var values = Array(repeating: [Double](), count: columns.count)
        for (offset, row) in try dataRows(rows, file: file).enumerated() {
            let line = offset + 2
            dates.append(row[0].trimmingCharacters(in: .whitespaces))
            for (c, cell) in row.dropFirst().enumerated() {
                let trimmed = cell.trimmingCharacters(in: .whitespaces)
                guard let x = Double(trimmed), x.isFinite else {
                    let what = trimmed.isEmpty ? "an empty cell" : "'\(trimmed)'"
                    throw InputError(
                        file: file, line: line, column: c + 2, keyPath: "row \(line), column \(columns[c])",
                        reason: "\(what) is not a number (returns are decimals, 0.012 for 1.2%)")
                }
                guard x >= -1 && x <= 100 else {
                    throw InputError(file: file, line: line, column: c + 2, keyPath: "row \(line), column \(columns[c])",
                        reason: x < -1 ? "a return of \(x) is a loss of more than 100%" : "a return of \(x) is more than 10,000% in one period; returns are decimals")
                }
                values[c].append(x)
            }
        }
        return ReturnTable(dates: dates, columns: columns, values: values, days: try days(dates, file: file), file: file)
    }

    /// The rows of a CSV text (SwiftCSV), blank rows left out; a misplaced quote names its line.
    static func rows(_ text: String, file: String) throws(InputError) -> [[String]] {
        if text.filter({ $0 == "\"" }).count % 2 == 1 {
            throw InputError(file: file, reason: "a quoted field is never closed (odd number of '\"')")
        }
        var rows: [[String]] = []
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { rows.append($0) }
        } catch {
            guard let line = misplacedQuoteLine(text) else { throw InputError(file: file, reason: "not a readable CSV file") }
            throw InputError(file: file, line: line, keyPath: "row \(line)",
                reason: "a quote (\") must open or close a whole field; quote the whole field or leave quotes out")
        }
        // A trailing newline or blank lines are not data.
        rows.removeAll { $0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        return rows
    }

    /// The rows under the header: at least 3, each with as many fields as the header.
    static func dataRows(_ rows: [[String]], file: String) throws(InputError) -> ArraySlice<[String]> {
        let width = rows.first?.count ?? 0
        let body = rows.dropFirst()
        guard body.count >= 3 else {
            throw InputError(file: file, line: body.count + 1, column: 1, reason: "too few rows: \(body.count) data rows, at least 3 are needed")
        }
        if let offset = body.indices.first(where: { body[$0].count != width }) {
            throw InputError(file: file, line: offset + 1, column: 1, keyPath: "row \(offset + 1)", reason: "has \(body[offset].count) fields but the header has \(width)")
        }
        return body
    }

    /// The frequency the spacing of the dates shows; an error naming the first row whose date does
    /// not fit when the spacing is irregular.
    public func frequency(hint: String = "; give --periods-per-year for irregular dates") throws(InputError) -> Frequency {
        switch DateSpacing.frequency(of: days) {
        case .success(let frequency): return frequency
        case .failure(let irregular):
            let row = irregular.index + 3  // the later date of the gap; the header is line 1
            let gap = days[irregular.index + 1] - days[irregular.index]
            var reason = "'\(dates[irregular.index + 1])' is \(gap) days after '\(dates[irregular.index])'"
            if let typical = irregular.typical {
                reason += ", but most dates are \(typical.rawValue) (\(typical.spacing))"
            } else {
                reason += "; the dates fit no frequency (daily, weekly, monthly, quarterly, half-yearly, annual)"
            }
            throw InputError(file: file, line: row, column: 1, keyPath: "row \(row), date",
                reason: reason + hint)
        }
    }

    /// The line of the first quote that neither opens nor closes a whole field (SwiftCSV refuses
    /// such a file without saying where).
    static func misplacedQuoteLine(_ text: String) -> Int? {
        var line = 1
        var quoted = false, justClosed = false, atFieldStart = true
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" { i += 1 } else { quoted = false; justClosed = true }
                } else if c == "\n" {
                    line += 1
                }
            } else {
                switch c {
                case ",", "\n":
                    if c == "\n" { line += 1 }
                    atFieldStart = true
                    justClosed = false
                case "\r": break
                case "\"":
                    guard atFieldStart && !justClosed else { return line }
                    quoted = true
                    atFieldStart = false
                default:
                    if justClosed { return line }
                    atFieldStart = false
                }
            }
            i += 1
        }
        return nil
    }

    /// Day numbers of the dates, checked to increase.
    static func days(_ dates: [String], file: String) throws(InputError) -> [Int] {
        var days: [Int] = []
        for (i, text) in dates.enumerated() {
            let (day, problem) = DateSpacing.day(text)
            guard let day else {
                throw InputError(file: file, line: i + 2, column: 1, keyPath: "row \(i + 2), date",
                    reason: "'\(text)' is not a date" + (problem.map { ": \($0)" } ?? " (use YYYY-MM-DD, YYYY-MM, YYYYMMDD or YYYYMM)"))
            }
            if let last = days.last, day <= last {
                throw InputError(file: file, line: i + 2, column: 1, keyPath: "row \(i + 2), date",
                    reason: "dates must increase; '\(text)' does not come after '\(dates[i - 1])'")
            }
            days.append(day)
        }
        return days
    }
}
