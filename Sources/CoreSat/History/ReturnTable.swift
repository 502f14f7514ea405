import CoreSatEngine
import Foundation
import SwiftCSV

/// A user's own return series: a date column, then one column of simple decimal returns per series.
public struct ReturnTable: Sendable {
    public var dates: [String]
    public var columns: [String]
    /// [column][row]
    public var values: [[Double]]
    /// Periods per year implied by the spacing of the dates (252, 52, 12, 4 or 1).
    public var inferredPeriodsPerYear: Double

    public static func load(path: String) throws(InputError) -> ReturnTable {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw InputError(file: path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> ReturnTable {
        if text.filter({ $0 == "\"" }).count % 2 == 1 {
            throw InputError(file: file, reason: "a quoted field is never closed (odd number of '\"')")
        }
        var rows: [[String]] = []
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { rows.append($0) }
        } catch {
            throw InputError(file: file, reason: "not a readable CSV file (\(error))")
        }
        // A trailing newline or blank lines are not data.
        rows.removeAll { $0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let header = rows.first, header.count >= 2 else {
            throw InputError(file: file, line: 1, reason: "expected a header row with a date column and at least one return column")
        }
        let columns = header.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        for (c, name) in columns.enumerated() where columns[..<c].contains(name) || name.isEmpty {
            throw InputError(file: file, line: 1, column: c + 2, keyPath: "header",
                reason: name.isEmpty ? "column \(c + 2) has no name" : "column name '\(name)' is used twice")
        }
        let body = rows.dropFirst()
        guard body.count >= 3 else {
            throw InputError(file: file, line: body.count + 1, column: 1, reason: "too few rows: \(body.count) data rows, at least 3 are needed")
        }
        var dates: [String] = []
        var values = Array(repeating: [Double](), count: columns.count)
        for (offset, row) in body.enumerated() {
            let line = offset + 2
            guard row.count == header.count else {
                throw InputError(file: file, line: line, column: 1, keyPath: "row \(line)", reason: "has \(row.count) fields but the header has \(header.count)")
            }
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
        let periods = try inferPeriods(dates, file: file)
        return ReturnTable(dates: dates, columns: columns, values: values, inferredPeriodsPerYear: periods)
    }

    static func inferPeriods(_ dates: [String], file: String) throws(InputError) -> Double {
        var days: [Double] = []
        for (i, text) in dates.enumerated() {
            guard let d = parseDate(text) else {
                throw InputError(file: file, line: i + 2, column: 1, keyPath: "row \(i + 2), date",
                    reason: "'\(text)' is not a date (use YYYY-MM-DD, YYYY-MM, YYYYMMDD or YYYYMM)")
            }
            days.append(d)
        }
        var gaps = zip(days.dropFirst(), days).map { $0 - $1 }
        if let bad = gaps.firstIndex(where: { $0 <= 0 }) {
            throw InputError(file: file, line: bad + 3, column: 1, keyPath: "row \(bad + 3), date",
                reason: "dates must increase; '\(dates[bad + 1])' does not come after '\(dates[bad])'")
        }
        gaps.sort()
        let median = gaps[gaps.count / 2]
        switch median {
        case ..<5: return 252
        case ..<11: return 52
        case ..<45: return 12
        case ..<135: return 4
        default: return 1
        }
    }

    /// Days since 1970 of YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, YYYY-MM or YYYYMM (month-only dates count as the 1st).
    static func parseDate(_ text: String) -> Double? {
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "/") }) else { return nil }
        let separated = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        var parts: [Int] = []
        if separated.count >= 2 {
            parts = separated.compactMap { Int($0) }
            guard parts.count == separated.count, parts.count <= 3 else { return nil }
        } else if text.count == 8 || text.count == 6 {
            let digits = Array(text)
            let number = { (range: Range<Int>) in Int(String(digits[range]))! }  // ASCII digits only, checked above
            parts = [number(0..<4), number(4..<6)]
            if text.count == 8 { parts.append(number(6..<8)) }
        } else {
            return nil
        }
        var components = DateComponents()
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts.count > 2 ? parts[2] : 1
        guard (1...12).contains(parts[1]), (1...31).contains(components.day!) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else { return nil }
        return date.timeIntervalSince1970 / 86_400
    }
}
