import Foundation
import Optimizer

/// Expected returns and a covariance matrix as CSV files: `asset,mean` rows (a header line first),
/// and a square table whose first row and first column name the assets in the same order.
public enum MomentFiles {
    public static func load(mean meanPath: String, covariance covariancePath: String) throws(InputError) -> PortfolioInputs {
        let means = try rows(meanPath)
        guard means.count >= 2 else { throw InputError(file: meanPath, reason: "expected a header line and one row per asset") }
        var names: [String] = [], mean: [Double] = []
        for (line, cells) in means.dropFirst() {
            guard cells.count == 2 else { throw InputError(file: meanPath, line: line, reason: "expected asset,mean") }
            guard !names.contains(cells[0]) else { throw InputError(file: meanPath, line: line, reason: "asset '\(cells[0])' is listed twice") }
            names.append(cells[0])
            mean.append(try number(cells[1], meanPath, line))
        }
        let table = try rows(covariancePath)
        guard let header = table.first, Array(header.1.dropFirst()) == names, table.count == names.count + 1 else {
            throw InputError(
                file: covariancePath,
                reason: "expected a header row and a row per asset, both in the mean file's order (\(names.joined(separator: ", ")))")
        }
        var covariance: [Double] = []
        for ((line, cells), name) in zip(table.dropFirst(), names) {
            guard cells.count == names.count + 1, cells[0] == name else {
                throw InputError(file: covariancePath, line: line, reason: "expected the row of '\(name)' with \(names.count) values")
            }
            for cell in cells.dropFirst() { covariance.append(try number(cell, covariancePath, line)) }
        }
        return PortfolioInputs(names: names, mean: mean, covariance: covariance)
    }

    /// A CSV file's rows with their cells trimmed, read as every CSV file is (`ReturnTable.rows`:
    /// SwiftCSV, blank rows left out), each with its line number as that reader counts them.
    public static func rows(_ path: String) throws(InputError) -> [(Int, [String])] {
        let rows = try ReturnTable.rows(try TextFile.text(path, what: "file"), file: path)
        return rows.enumerated().map { ($0 + 1, $1.map { $0.trimmingCharacters(in: .whitespaces) }) }
    }

    public static func number(_ text: String, _ path: String, _ line: Int) throws(InputError) -> Double {
        guard let x = Double(text), x.isFinite else { throw InputError(file: path, line: line, reason: "'\(text)' is not a finite number") }
        return x
    }
}
