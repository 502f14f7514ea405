import Foundation

/// The canonical monthly dataset every part of coresat reads: `#` lines (format, frequency, the
/// risk-free column, source notes), then `month,A,B,...` and one row per consecutive month of
/// simple decimal returns; an empty cell is missing. pandas reads it with `comment='#'`.
public struct Dataset: Sendable {
    /// Consecutive, increasing.
    public var months: [YearMonth]
    public var columns: [String]
    /// [column][row]; .nan = missing
    public var values: [[Double]]
    /// The name of the risk-free column, when there is one.
    public var riskFree: String?
    /// The `source:` and `note:` lines (without `# `), in order.
    public var notes: [String]
    /// Where it was read from ("" when built in memory).
    public var file: String

    public static let formatLine = "# coresat dataset 1"

    public init(months: [YearMonth], columns: [String], values: [[Double]], riskFree: String? = nil, notes: [String] = [], file: String = "") {
        self.months = months
        self.columns = columns
        self.values = values
        self.riskFree = riskFree
        self.notes = notes
        self.file = file
    }

    public static func load(path: String) throws(InputError) -> Dataset {
        try parse(TextFile.text(path, what: "the dataset"), file: path)
    }

    public func column(_ name: String) -> Int? { columns.firstIndex(of: name) }

    /// The canonical file's text; values are Swift's shortest round-trip form of each `Double`.
    public func text() -> String {
        var out = Self.formatLine + "\n# frequency: monthly\n"
        if let riskFree { out += "# risk_free: \(riskFree)\n" }
        for note in notes { out += "# \(note)\n" }
        out += (["month"] + columns).joined(separator: ",") + "\n"
        for (row, month) in months.enumerated() {
            out += month.description
            for c in columns.indices {
                let x = values[c][row]
                out += x.isNaN ? "," : ",\(x)"
            }
            out += "\n"
        }
        return out
    }

    /// Why `name` cannot be a column name (nil when it can): the file has no quoting, and pandas
    /// cuts a line at `#`.
    static func problem(withName name: String) -> String? {
        if name.isEmpty { return "a column needs a name" }
        if name == "month" { return "'month' is the date column's name" }
        if let c = name.first(where: { ",#\"\n\r".contains($0) }) { return "column name '\(name)' may not contain '\(c)'" }
        if name.first == " " || name.last == " " { return "column name '\(name)' may not start or end with a space" }
        return nil
    }

    /// A return as a dataset holds it: empty is missing; otherwise finite, no loss beyond 100%, and
    /// below 10,000% a month (larger ones are percent or prices read as returns).
    static func returnProblem(_ x: Double) -> String? {
        if !x.isFinite { return "'\(x)' is not a number" }
        if x < -1 { return "a return of \(x) is a loss of more than 100%" }
        if x > 100 { return "a return of \(x) is more than 10,000% in one month; returns are decimals" }
        return nil
    }
}
