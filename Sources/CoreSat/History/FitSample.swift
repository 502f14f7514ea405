import Foundation

/// The months and columns of a dataset a regime fit reads, as log returns: `--columns id=COLUMN`
/// names (or `COLUMN` alone, its own id), between `from` and `to`, over the months where every
/// chosen column has a value.
public struct FitSample: Sendable {
    /// The names the fit's assets go by (scenario asset ids), and the dataset columns they come from.
    public var ids: [String]
    public var columns: [String]
    public var first: YearMonth
    public var last: YearMonth
    /// [month][column] log(1 + r), or the simple returns themselves when asked for.
    public var logReturns: [[Double]]

    /// `simple`: fit the simple returns as they are (as statsmodels' examples do) instead of their logs.
    public init(dataset: Dataset, columns requested: [String], from: String?, to: String?, simple: Bool = false) throws(InputError) {
        var ids: [String] = [], indices: [Int] = []
        for entry in requested {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts.last ?? entry
            guard let c = dataset.column(name) else {
                throw InputError(file: "--columns", reason: "'\(name)' is not a column of \(dataset.file); its columns are \(dataset.columns.joined(separator: ", "))")
            }
            let id = parts.count == 2 ? parts[0] : name
            guard !id.isEmpty, !ids.contains(id) else { throw InputError(file: "--columns", reason: "'\(entry)': each column needs its own id") }
            ids.append(id)
            indices.append(c)
        }
        guard !indices.isEmpty else { throw InputError(file: "--columns", reason: "name at least one column") }
        func row(_ text: String?, flag: String) throws(InputError) -> Int? {
            guard let text else { return nil }
            guard let month = YearMonth(text) else { throw InputError(file: flag, reason: "'\(text)' is not a month; write YYYY-MM") }
            guard let row = dataset.months.firstIndex(of: month) else {
                throw InputError(file: flag, reason: "\(month) is outside the dataset's months (\(dataset.months.first.map(\.description) ?? "none") to \(dataset.months.last.map(\.description) ?? "none"))")
            }
            return row
        }
        let complete = dataset.months.indices.filter { r in indices.allSatisfy { !dataset.values[$0][r].isNaN } }
        let low = try row(from, flag: "--from") ?? complete.first ?? 0
        let high = try row(to, flag: "--to") ?? complete.last ?? 0
        guard low <= high else { throw InputError(file: "--to", reason: "\(dataset.months[high]) is before \(dataset.months[low])") }
        for r in low...high {
            if let c = indices.first(where: { dataset.values[$0][r].isNaN }) {
                throw InputError(file: dataset.file, reason: "column \(dataset.columns[c]) has no value for \(dataset.months[r]); choose --from and --to where every column has data")
            }
        }
        self.ids = ids
        self.columns = indices.map { dataset.columns[$0] }
        first = dataset.months[low]
        last = dataset.months[high]
        logReturns = (low...high).map { r in indices.map { simple ? dataset.values[$0][r] : log1p(dataset.values[$0][r]) } }
    }
}
