import Foundation

/// Reads and checks a dataset file (see `Dataset`); every problem names its line and field.
extension Dataset {
    public static func parse(_ text: String, file: String) throws(InputError) -> Dataset {
        let lines = TextFile.lines(text)
        func failure(_ line: Int, _ column: Int? = nil, _ keyPath: String? = nil, _ reason: String) -> InputError {
            InputError(file: file, line: line, column: column, keyPath: keyPath, reason: reason)
        }
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == formatLine else {
            let found = lines.first.map { $0.hasPrefix("# coresat dataset") } ?? false
            throw failure(1, nil, nil, found
                ? "this dataset format is not one this coresat reads (it reads '\(formatLine)')"
                : "not a coresat dataset: the first line must be '\(formatLine)' (make one with 'coresat data import')")
        }
        var dataset = Dataset(months: [], columns: [], values: [], file: file)
        var n = 1
        // Comment lines: format, frequency, risk-free column, notes.
        while n < lines.count, lines[n].hasPrefix("#") {
            var comment = Substring(lines[n].dropFirst())
            if comment.first == " " { comment = comment.dropFirst() }
            let value = comment.split(separator: ":", maxSplits: 1).dropFirst().first?.trimmingCharacters(in: .whitespaces) ?? ""
            if comment.hasPrefix("frequency:") {
                guard value == "monthly" else { throw failure(n + 1, nil, "frequency", "only monthly datasets exist, not '\(value)'") }
            } else if comment.hasPrefix("risk_free:") {
                guard !value.isEmpty else { throw failure(n + 1, nil, "risk_free", "names no column") }
                dataset.riskFree = value
            } else {
                dataset.notes.append(String(comment))
            }
            n += 1
        }
        guard n < lines.count else { throw failure(n, nil, nil, "the header 'month,...' is missing") }
        let headerLine = n + 1
        let header = lines[n].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard header.first == "month", header.count >= 2 else {
            throw failure(headerLine, 1, "header", "expected the header 'month,COLUMN,...', found '\(lines[n])'")
        }
        dataset.columns = Array(header.dropFirst())
        for (c, name) in dataset.columns.enumerated() {
            if let problem = problem(withName: name) { throw failure(headerLine, c + 2, "header", problem) }
            if dataset.columns[..<c].contains(name) { throw failure(headerLine, c + 2, "header", "column name '\(name)' is used twice") }
        }
        if let riskFree = dataset.riskFree, dataset.column(riskFree) == nil {
            throw failure(headerLine, nil, "risk_free", "names '\(riskFree)', which is not a column; the columns are \(dataset.columns.joined(separator: ", "))")
        }
        dataset.values = Array(repeating: [], count: dataset.columns.count)
        var rowLines: [Int] = []
        for (offset, text) in lines[(n + 1)...].enumerated() where !text.allSatisfy({ $0 == " " }) {
            let line = headerLine + 1 + offset
            if text.hasPrefix("#") { throw failure(line, 1, "row \(line)", "comment lines belong above the header") }
            // Fields cut on the UTF-8 bytes: splitting by Characters was the reader's largest cost.
            let fields = text.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { Substring($0) }
            guard fields.count == header.count else {
                throw failure(line, 1, "row \(line)", "has \(fields.count) fields but the header has \(header.count)")
            }
            let monthText = String(fields[0].trimmingSpaces)
            guard let month = YearMonth(monthText) else {
                throw failure(line, 1, "row \(line), month", "'\(monthText)' is not a month (YYYY-MM)")
            }
            dataset.months.append(month)
            rowLines.append(line)
            for (c, field) in fields.dropFirst().enumerated() {
                let cell = field.trimmingSpaces
                let x = cell.isEmpty ? Double.nan : Double(cell) ?? .nan
                let problem = cell.isEmpty ? nil : x.isNaN ? "'\(cell)' is not a number (returns are decimals, 0.012 for 1.2%)" : returnProblem(x)
                if let problem { throw failure(line, c + 2, "row \(line), column \(dataset.columns[c])", problem) }
                dataset.values[c].append(x)
            }
        }
        guard !dataset.months.isEmpty else { throw failure(headerLine, nil, nil, "the dataset has no rows") }
        try MonthSequence.check(dataset.months, lines: rowLines, file: file)
        return dataset
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs. Foundation's `trimmingCharacters` builds a new
    /// string per call, and a dataset has a cell per column and month: it was a third of a backtest.
    var trimmingSpaces: Substring {
        let blank = { (c: Character) in c == " " || c == "\t" }
        guard let start = firstIndex(where: { !blank($0) }), let end = lastIndex(where: { !blank($0) }) else { return self[endIndex...] }
        return self[start...end]
    }
}
