import Foundation

/// What an import does to the columns it reads: which to keep, new names, the risk-free column,
/// derived totals (`Mkt = Mkt-RF + RF`), a dividend yield added to a price index, and the months
/// kept. Column names are the source's; `--rename` acts last, and a derived column's name is the
/// output's.
public struct DatasetEdits: Sendable {
    /// nil: every column of the source.
    public var columns: [String]?
    public var renames: [(old: String, new: String)] = []
    public var riskFree: String?
    /// `name = column + riskFree`
    public var addRiskFree: [(column: String, name: String)] = []
    /// An annual yield added as yield / 12 to each month's return of the column.
    public var addYield: [(column: String, yield: Double)] = []
    public var from: YearMonth?
    public var to: YearMonth?
    /// Free text for the dataset's `note:` lines.
    public var notes: [String] = []

    public init() {}

    /// The source columns the edits need, in the source's order, after checking that every column
    /// they name is there. `file` is the source, named in messages.
    public func columnsToRead(from available: [String], file: String) throws(InputError) -> [String] {
        let named: [(flag: String, names: [String])] = [
            ("--columns", columns ?? []), ("--risk-free", riskFree.map { [$0] } ?? []),
            ("--add-risk-free", addRiskFree.map(\.column)), ("--add-yield", addYield.map(\.column)),
        ]
        for (flag, names) in named {
            if let missing = names.first(where: { !available.contains($0) }) {
                throw InputError(file: file, keyPath: flag, reason: "no column '\(missing)'; the columns are \(available.joined(separator: ", "))")
            }
        }
        if !addRiskFree.isEmpty && riskFree == nil {
            throw InputError(file: file, keyPath: "--add-risk-free", reason: "needs --risk-free to name the risk-free column")
        }
        let needed = Set(named.flatMap(\.names))
        return columns == nil ? available : available.filter(needed.contains)
    }

    /// The dataset with the edits made; `source` holds the columns `columnsToRead` listed.
    public func apply(to source: Dataset) throws(InputError) -> Dataset {
        var data = source
        func values(_ name: String) -> [Double] { data.column(name).map { data.values[$0] } ?? [] }
        for (column, yield) in addYield {
            guard (0...0.2).contains(yield) else {
                throw InputError(file: source.file, keyPath: "--add-yield", reason: "the annual yield of \(column) must be from 0 to 0.2, got \(yield)")
            }
            guard let c = data.column(column) else { continue }
            data.values[c] = data.values[c].map { Self.decimalSum($0, yield / 12) }
            data.notes.append("note: \(column) has an annual yield of \(yield) added as \(yield)/12 to each month's return (for dividends its prices leave out)")
        }
        var kept = columns ?? source.columns
        if let riskFree, !kept.contains(riskFree) { kept.append(riskFree) }
        var output = kept.map { (name: $0, values: values($0)) }
        if let riskFree {
            let rf = values(riskFree)
            for (column, name) in addRiskFree {
                output.append((name, zip(values(column), rf).map(Self.decimalSum)))
                data.notes.append("note: \(name) = \(column) + \(riskFree)")
            }
        }
        var riskFreeName = riskFree
        for (old, new) in renames {
            guard let c = output.firstIndex(where: { $0.name == old }) else {
                throw InputError(file: source.file, keyPath: "--rename", reason: "no column '\(old)' to rename; the columns are \(output.map(\.name).joined(separator: ", "))")
            }
            output[c].name = new
            if riskFreeName == old { riskFreeName = new }
        }
        for (c, column) in output.enumerated() {
            if let problem = Dataset.problem(withName: column.name) { throw InputError(file: source.file, keyPath: "--rename", reason: problem) }
            if output[..<c].contains(where: { $0.name == column.name }) {
                throw InputError(file: source.file, keyPath: "--rename", reason: "two columns would be named '\(column.name)'")
            }
        }
        data.columns = output.map(\.name)
        data.values = output.map(\.values)
        data.riskFree = riskFreeName
        data.notes += notes.map { "note: \($0)" }
        return try trimmed(data)
    }

    /// a + b rounded to 12 decimal places, so that 0.0651 + 0.004 is written 0.0691, not
    /// 0.06910000000000001; the data behind it have 6 at most.
    static func decimalSum(_ a: Double, _ b: Double) -> Double {
        ((a + b) * 1e12).rounded() / 1e12
    }

    /// The months from `from` to `to`, both included.
    func trimmed(_ data: Dataset) throws(InputError) -> Dataset {
        guard let first = data.months.first, let last = data.months.last else { return data }
        let low = max(from ?? first, first), high = min(to ?? last, last)
        guard low <= high else {
            let asked = "\(from.map(\.description) ?? "the start") to \(to.map(\.description) ?? "the end")"
            throw InputError(file: data.file, keyPath: from != nil ? "--from" : "--to",
                reason: "no months from \(asked): the data cover \(first) to \(last)")
        }
        var out = data
        let rows = (low.index - first.index)...(high.index - first.index)
        out.months = Array(data.months[rows])
        out.values = data.values.map { Array($0[rows]) }
        return out
    }
}

/// A dataset made by an importer, with the warnings to show (one line each).
public struct Imported: Sendable {
    public var dataset: Dataset
    public var warnings: [String]
}
