import Foundation

/// A generic CSV of prices or returns, daily or monthly (a date column, then one column per
/// series), turned into monthly returns: daily prices by the last price of each month, daily
/// returns compounded within the month. The first month of a price series has no return, so a
/// dataset from prices starts with the first whole month's change.
public enum CSVImport {
    public enum Values: String, Sendable, CaseIterable {
        case prices, returns
    }

    public struct Options: Sendable {
        public var values: Values
        /// Returns given in percent (1.2 for 1.2%).
        public var percent = false
        /// nil: the first column.
        public var dateColumn: String?
        /// Price series the user marks as leaving out dividends.
        public var priceOnly: [String] = []

        public init(values: Values) { self.values = values }
    }

    public static func load(path: String, options: Options, edits: DatasetEdits) throws(InputError) -> Imported {
        try parse(TextFile.text(path, what: "the file"), file: path, options: options, edits: edits)
    }

    public static func parse(_ text: String, file: String, options: Options, edits: DatasetEdits) throws(InputError) -> Imported {
        let rows = try ReturnTable.rows(text, file: file)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces) }), header.count >= 2 else {
            throw InputError(file: file, line: 1, reason: "expected a header row with a date column and at least one column of values")
        }
        var dateField = 0
        if let name = options.dateColumn {
            guard let i = header.firstIndex(of: name) else {
                throw InputError(file: file, line: 1, keyPath: "--date-column", reason: "no column '\(name)'; the columns are \(header.joined(separator: ", "))")
            }
            dateField = i
        }
        let available = header.indices.filter { $0 != dateField }.map { header[$0] }
        let read = try edits.columnsToRead(from: available, file: file)
        try check(options, header: header, read: read, file: file)
        let fields = read.compactMap { name in header.indices.first { $0 != dateField && header[$0] == name } }
        var dates: [String] = []
        var values = Array(repeating: [Double](), count: read.count)
        for (offset, row) in try ReturnTable.dataRows(rows, file: file).enumerated() {
            let line = offset + 2
            dates.append(row[dateField].trimmingCharacters(in: .whitespaces))
            for (k, field) in fields.enumerated() {
                values[k].append(try cell(row[field], options, file: file, line: line, field: field + 1, name: read[k]))
            }
        }
        let days = try ReturnTable.days(dates, file: file)
        let table = ReturnTable(dates: dates, columns: read, values: values, days: days, file: file)
        let frequency = try table.frequency(hint: "; coresat data import reads daily or monthly data")
        let daily = frequency == .businessDaily || frequency == .calendarDaily
        guard daily || frequency == .monthly else {
            throw InputError(file: file, line: 2, column: dateField + 1, keyPath: "date",
                reason: "the dates are \(frequency.rawValue); coresat data import reads daily or monthly data")
        }
        let observations = MonthlyReturns.Observations(
            days: days, lines: Array(2..<(2 + days.count)), columns: read, fields: fields.map { $0 + 1 }, dateField: dateField + 1,
            values: values, file: file)
        var monthly = try MonthlyReturns.compute(observations, prices: options.values == .prices, daily: daily)
        // Months before any series has a return (a price series' first month) are not data.
        let start = monthly.months.indices.first { row in monthly.values.contains { !$0[row].isNaN } } ?? 0
        monthly.months.removeFirst(start)
        monthly.values = monthly.values.map { Array($0.dropFirst(start)) }
        let kind = "\(daily ? "daily" : "monthly") \(options.values.rawValue)"
        let how = options.values == .prices ? (daily ? ", the last price of each month" : "") : options.percent ? ", percent divided by 100" : ""
        let source = Dataset(
            months: monthly.months, columns: read, values: monthly.values,
            notes: ["source: \((file as NSString).lastPathComponent) (CSV of \(kind)\(how))"], file: file)
        let dataset = try edits.apply(to: source)
        var warnings = priceIndexWarnings(read, options, edits, file: file)
        if daily, let last = days.last, let month = monthly.months.last, dataset.months.last == month, last < MonthlyReturns.lastWeekday(of: month) {
            warnings.append("\(file): the data end on \(dates[dates.count - 1]), before the last weekday of \(month): its return covers part of the month (--to \(month.advanced(by: -1)) leaves it out)")
        }
        return Imported(dataset: dataset, warnings: warnings)
    }

    private static func check(_ options: Options, header: [String], read: [String], file: String) throws(InputError) {
        for (c, name) in header.enumerated() where read.contains(name) {
            if let problem = Dataset.problem(withName: name) { throw InputError(file: file, line: 1, column: c + 1, keyPath: "header", reason: problem) }
            if header[..<c].contains(name) { throw InputError(file: file, line: 1, column: c + 1, keyPath: "header", reason: "column name '\(name)' is used twice") }
        }
        if options.percent && options.values == .prices {
            throw InputError(file: file, keyPath: "--percent", reason: "goes with --values returns; prices have no percent")
        }
        if let name = options.priceOnly.first(where: { !read.contains($0) || options.values != .prices }) {
            throw InputError(file: file, keyPath: "--price-only", reason: options.values != .prices
                ? "goes with --values prices" : "no column '\(name)' among the columns read (\(read.joined(separator: ", ")))")
        }
    }

    /// One value: empty is missing; a price must be above 0, a return no loss beyond 100%.
    private static func cell(_ text: String, _ options: Options, file: String, line: Int, field: Int, name: String) throws(InputError) -> Double {
        let cell = text.trimmingCharacters(in: .whitespaces)
        if cell.isEmpty { return .nan }
        let x = options.percent ? DecimalText.percent(Substring(cell)) : Double(cell).flatMap { $0.isFinite ? $0 : nil }
        let problem: String? = switch (x, options.values) {
        case (nil, .prices): "'\(cell)' is not a price"
        case (nil, .returns): "'\(cell)' is not a number" + (options.percent ? "" : " (returns are decimals, 0.012 for 1.2%, or give --percent)")
        case (let x?, .prices) where x <= 0: "a price of \(cell) is not above 0"
        case (let x?, .returns) where x < -1: "a return of \(cell)\(options.percent ? "%" : "") is a loss of more than 100%"
        default: nil
        }
        if let problem { throw InputError(file: file, line: line, column: field, keyPath: "row \(line), column \(name)", reason: problem) }
        return x ?? .nan
    }

    /// A price index leaves out dividends, so its returns understate a fund's by the yield: said
    /// once for each price series whose name suggests an index or that the user marked.
    static func priceIndexWarnings(_ read: [String], _ options: Options, _ edits: DatasetEdits, file: String) -> [String] {
        guard options.values == .prices else { return [] }
        return read.compactMap { name in
            let marked = options.priceOnly.contains(name)
            guard marked || looksLikePriceIndex(name), !edits.addYield.contains(where: { $0.column == name }) else { return nil }
            return "\(file): column \(name) \(marked ? "is marked --price-only" : "looks like a price index without dividends"): "
                + "its returns miss the dividend yield; use a total-return series, or add a yield with --add-yield \(name)=0.02"
        }
    }

    static func looksLikePriceIndex(_ name: String) -> Bool {
        let lower = name.lowercased()
        let words = lower.split { !$0.isLetter && !$0.isNumber }
        let index = ["index", "price", "^gspc", "sp500"].contains(where: lower.contains)
        return index && !["total", "adj"].contains(where: lower.contains) && !words.contains("tr")
    }
}
