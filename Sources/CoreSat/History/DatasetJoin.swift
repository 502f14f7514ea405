import Foundation

/// Datasets side by side on their months: the union of their months, a cell missing where a
/// dataset has no row; notes kept in order.
extension Dataset {
    public static func join(_ datasets: [Dataset]) throws(InputError) -> Imported {
        let spans = datasets.compactMap { d in d.months.first.flatMap { first in d.months.last.map { (first, $0) } } }
        guard let start = spans.map(\.0).min(), let end = spans.map(\.1).max() else {
            throw InputError(file: datasets.first?.file ?? "join", reason: "nothing to join")
        }
        var warnings: [String] = []
        let named = datasets.filter { $0.riskFree != nil }
        let riskFree = Set(named.compactMap(\.riskFree)).count == 1 ? named.first?.riskFree : nil
        if riskFree == nil && named.count > 1 {
            warnings.append("the files name different risk-free columns (" + named.map { "\($0.riskFree ?? "") in \($0.file)" }.joined(separator: ", ")
                + "); the joined dataset names none")
        }
        let count = end.index - start.index + 1
        var joined = Dataset(months: (0..<count).map { start.advanced(by: $0) }, columns: [], values: [], riskFree: riskFree)
        var owners: [String] = []  // the file each column came from
        for d in datasets {
            joined.notes += d.notes.filter { !joined.notes.contains($0) }
            let offset = (d.months.first?.index ?? start.index) - start.index
            for (c, name) in d.columns.enumerated() {
                var column = Array(repeating: Double.nan, count: count)
                column.replaceSubrange(offset..<(offset + d.months.count), with: d.values[c])
                guard let k = joined.column(name) else {
                    joined.columns.append(name)
                    joined.values.append(column)
                    owners.append(d.file)
                    continue
                }
                // The one shared risk-free column may repeat where its values agree.
                guard name == riskFree, d.riskFree == name else {
                    throw InputError(file: d.file, keyPath: "column \(name)",
                        reason: "column '\(name)' is in both \(owners[k]) and \(d.file); rename one (coresat data import --rename)")
                }
                for row in 0..<count where !column[row].isNaN {
                    let held = joined.values[k][row]
                    guard held.isNaN || abs(held - column[row]) <= 1e-12 else {
                        throw InputError(file: d.file, keyPath: "column \(name)",
                            reason: "the risk-free column differs from \(owners[k])'s in \(joined.months[row]) (\(column[row]) against \(held))")
                    }
                    joined.values[k][row] = column[row]
                }
            }
        }
        return Imported(dataset: joined, warnings: warnings)
    }
}
