import Foundation

/// A CSV file from the Kenneth R. French Data Library as published: free text, then tables, each
/// a title line (the factors file's first table has none), a header row that starts with a comma,
/// rows of YYYYMM (monthly) or YYYY (annual) dates and percent values, -99.99 or -999 for missing;
/// a copyright line at the end.
public struct FrenchLibraryFile: Sendable {
    public struct Table: Sendable {
        /// 1-based, in file order.
        public var number: Int
        /// The text lines just above the header, joined; nil when a blank line is right above it.
        public var title: String?
        /// The title, or for an untitled table what its dates are ("monthly", "annual").
        public var name: String
        public var columns: [String]
        public var headerLine: Int
        var rows: [Row]

        public var isMonthly: Bool { rows.first.map { $0.date.count == 6 } ?? false }
        public var rowCount: Int { rows.count }
    }

    struct Row: Sendable {
        var line: Int
        var date: String
        var cells: [Substring]
    }

    public var file: String
    public var tables: [Table]
    /// The free text above the first table.
    public var preamble: [String]
    public var copyright: String?

    public static func load(path: String) throws(InputError) -> FrenchLibraryFile {
        // Some files have a stray Windows-1252 byte in their free text: replaced, not refused.
        try parse(String(decoding: TextFile.bytes(path, what: "the file"), as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> FrenchLibraryFile {
        var result = FrenchLibraryFile(file: file, tables: [], preamble: [], copyright: nil)
        var pendingTitle: [String] = []
        var open = false  // rows below a header belong to its table until a blank or text line
        for (offset, raw) in TextFile.lines(text).enumerated() {
            let line = offset + 1
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            if trimmed.hasPrefix(",") {
                let title = pendingTitle.isEmpty ? nil : pendingTitle.joined(separator: " ")
                let columns = fields.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
                result.tables.append(Table(number: result.tables.count + 1, title: title, name: title ?? "", columns: columns, headerLine: line, rows: []))
                pendingTitle = []
                open = true
            } else if trimmed.isEmpty {
                open = false
                pendingTitle = []
            } else if open && fields.count > 1 {
                let date = fields[0].trimmingCharacters(in: .whitespaces)
                result.tables[result.tables.count - 1].rows.append(Row(line: line, date: date, cells: Array(fields.dropFirst())))
            } else if fields.count > 1 && fields[0].trimmingCharacters(in: .whitespaces).allSatisfy(\.isNumber) {
                throw InputError(file: file, line: line, column: 1, keyPath: "row \(line)", reason: "a row of data outside any table (no header row above it)")
            } else {
                open = false
                let words = trimmed.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                if trimmed.hasPrefix("Copyright") { result.copyright = words } else { pendingTitle.append(words) }
                if result.tables.isEmpty { result.preamble.append(words) }
            }
        }
        guard !result.tables.isEmpty else {
            throw InputError(file: file, reason: "no tables: a table starts with a header row beginning with a comma (is this a French Data Library CSV file?)")
        }
        for t in result.tables.indices where result.tables[t].title == nil {
            let name = result.tables[t].rows.isEmpty ? "table \(t + 1)" : result.tables[t].isMonthly ? "monthly" : "annual"
            let taken = result.tables.contains { $0.title.map(normalized) == normalized(name) } || result.tables[..<t].contains { $0.name == name }
            result.tables[t].name = taken ? "table \(t + 1)" : name
        }
        return result
    }

    /// The table a `--table` value names: its number, or its name (case and spacing aside).
    public func table(_ selector: String) throws(InputError) -> Table {
        // Some titles are paragraphs: cut in the list (the number picks them as well).
        let list = "the tables are " + tables.map { table in
            "\(table.number) \"\(table.name.count > 60 ? table.name.prefix(59) + "…" : table.name)\""
        }.joined(separator: ", ")
        if let number = Int(selector.trimmingCharacters(in: .whitespaces)) {
            guard tables.indices.contains(number - 1) else {
                throw InputError(file: file, keyPath: "--table", reason: "no table number \(number); \(list)")
            }
            return tables[number - 1]
        }
        let matches = tables.filter { Self.normalized($0.name) == Self.normalized(selector) }
        guard let match = matches.first else { throw InputError(file: file, keyPath: "--table", reason: "no table '\(selector)'; \(list)") }
        guard matches.count == 1 else {
            throw InputError(file: file, keyPath: "--table",
                reason: "\(matches.count) tables are named '\(match.name)' (numbers \(matches.map { String($0.number) }.joined(separator: ", "))); pick one by number")
        }
        return match
    }

    /// The table's monthly returns as a dataset, with the edits made: percent figures divided by
    /// 100, -99.99 and -999 read as missing.
    public func dataset(_ table: Table, edits: DatasetEdits) throws(InputError) -> Imported {
        func failure(_ line: Int, _ column: Int?, _ keyPath: String, _ reason: String) -> InputError {
            InputError(file: file, line: line, column: column, keyPath: keyPath, reason: reason)
        }
        guard let first = table.rows.first else { throw failure(table.headerLine, nil, "table \(table.number)", "table \"\(table.name)\" has no rows") }
        guard table.isMonthly else {
            let monthly = tables.filter(\.isMonthly).map { "\($0.number) \"\($0.name)\"" }.joined(separator: ", ")
            throw failure(first.line, 1, "table \(table.number)", "table \"\(table.name)\" is annual (dates YYYY); only monthly tables can be imported"
                + (monthly.isEmpty ? "" : "; the monthly tables are \(monthly)"))
        }
        for (c, name) in table.columns.enumerated() {
            if let problem = Dataset.problem(withName: name) { throw failure(table.headerLine, c + 2, "header", problem) }
        }
        let read = try edits.columnsToRead(from: table.columns, file: file)
        let indices = read.compactMap { table.columns.firstIndex(of: $0) }
        var values = Array(repeating: [Double](), count: indices.count)
        var months: [YearMonth] = []
        for row in table.rows {
            guard row.date.count == 6, let month = YearMonth(row.date) else {
                throw failure(row.line, 1, "row \(row.line), date", "'\(row.date)' is not a month (YYYYMM)")
            }
            guard row.cells.count == table.columns.count else {
                throw failure(row.line, 1, "row \(row.line)", "has \(row.cells.count + 1) fields but the header has \(table.columns.count + 1)")
            }
            months.append(month)
            for (k, c) in indices.enumerated() {
                let cell = row.cells[c].trimmingCharacters(in: .whitespaces)
                let keyPath = "row \(row.line), column \(table.columns[c])"
                guard let x = DecimalText.percent(Substring(cell)) else {
                    throw failure(row.line, c + 2, keyPath, cell.isEmpty ? "an empty cell (missing values are -99.99 or -999)" : "'\(cell)' is not a number")
                }
                let missing = Double(cell) == -99.99 || Double(cell) == -999
                if !missing, let problem = Dataset.returnProblem(x) { throw failure(row.line, c + 2, keyPath, problem) }
                values[k].append(missing ? .nan : x)
            }
        }
        try MonthSequence.check(months, lines: table.rows.map(\.line), file: file)
        var notes = ["source: \((file as NSString).lastPathComponent), table \"\(table.name)\" (Kenneth R. French Data Library)"]
        notes += preamble.prefix(1).map { "note: \($0)" }
        notes += copyright.map { ["note: \($0)"] } ?? []
        notes.append("note: percent figures divided by 100; -99.99 and -999 read as missing")
        let source = Dataset(months: months, columns: read, values: values, notes: notes, file: file)
        var warnings: [String] = []
        if let title = table.title, !["return", "factor"].contains(where: title.lowercased().contains) {
            warnings.append("\(file): table \(table.number) \"\(title)\" may not hold returns; its figures were read as percent returns")
        }
        return Imported(dataset: try edits.apply(to: source), warnings: warnings)
    }

    private static func normalized(_ name: String) -> String {
        name.lowercased().split(separator: " ").joined(separator: " ")
    }
}
