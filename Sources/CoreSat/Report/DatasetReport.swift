import CoreSatEngine

/// `coresat data describe`: each column's span and the usual figures of its monthly returns, over
/// the months it has a value.
public struct DatasetReport: Sendable {
    public struct Column: Sendable {
        public var name: String
        public var isRiskFree: Bool
        public var first: YearMonth?
        public var last: YearMonth?
        public var missing: Int
        /// 12 x the arithmetic mean
        public var annualMean: Double
        public var cagr: Double
        /// sample standard deviation x sqrt(12)
        public var annualVolatility: Double
        public var worstMonth: (month: YearMonth, value: Double)?
        public var maxDrawdown: Double
    }

    public var dataset: Dataset
    public var columns: [Column]

    public init(_ dataset: Dataset) {
        self.dataset = dataset
        columns = dataset.columns.enumerated().map { c, name in
            let rows = dataset.values[c].indices.filter { !dataset.values[c][$0].isNaN }
            let present = rows.map { dataset.values[c][$0] }
            let scan = present.withUnsafeBufferPointer { ReturnMetrics.scan($0, riskFree: 0) }
            let worst = rows.min { dataset.values[c][$0] < dataset.values[c][$1] }
            return Column(
                name: name, isRiskFree: name == dataset.riskFree, first: rows.first.map { dataset.months[$0] },
                last: rows.last.map { dataset.months[$0] }, missing: dataset.months.count - rows.count,
                annualMean: present.isEmpty ? .nan : 12 * present.reduce(0, +) / Double(present.count),
                cagr: ReturnMetrics.cagr(scan, periodsPerYear: 12), annualVolatility: ReturnMetrics.annualVolatility(scan, periodsPerYear: 12),
                worstMonth: worst.map { (dataset.months[$0], dataset.values[c][$0]) }, maxDrawdown: present.isEmpty ? .nan : scan.maxDrawdown)
        }
    }

    var span: String {
        guard let first = dataset.months.first, let last = dataset.months.last else { return "no months" }
        return "\(first) to \(last), \(dataset.months.count) months"
    }

    public func table() -> String {
        var out = "\(dataset.file): \(span)\n\n"
        var table = TextTable(header: ["column", "from", "to", "missing", "mean/yr", "CAGR", "vol/yr", "worst month", "max DD"])
        for c in columns {
            table.rows.append([
                c.name + (c.isRiskFree ? " *" : ""), c.first?.description ?? "-", c.last?.description ?? "-", String(c.missing),
                TableReport.percent(c.annualMean), TableReport.percent(c.cagr), TableReport.percent(c.annualVolatility),
                c.worstMonth.map { TableReport.percent($0.value, 1) + " " + $0.month.description } ?? "-", TableReport.percent(c.maxDrawdown, 1),
            ])
        }
        out += table.rendered(maxWidth: 100)
        if let riskFree = dataset.riskFree { out += "* \(riskFree): the risk-free column\n" }
        return out
    }

    /// `{"file", "from", "to", "months", "risk_free", "notes", "columns": {NAME: {...}}}`
    public func json() -> String {
        JSONValue.object([
            ("file", .string(dataset.file)),
            ("from", dataset.months.first.map { .string($0.description) } ?? .null),
            ("to", dataset.months.last.map { .string($0.description) } ?? .null),
            ("months", .integer(dataset.months.count)),
            ("risk_free", dataset.riskFree.map { .string($0) } ?? .null),
            ("notes", .array(dataset.notes.map { .string($0) })),
            ("columns", .object(columns.map { c in
                (c.name, .object([
                    ("first", c.first.map { .string($0.description) } ?? .null),
                    ("last", c.last.map { .string($0.description) } ?? .null),
                    ("missing", .integer(c.missing)),
                    ("annual_mean", .number(c.annualMean)),
                    ("cagr", .number(c.cagr)),
                    ("annual_volatility", .number(c.annualVolatility)),
                    ("worst_month", c.worstMonth.map { .object([("month", .string($0.month.description)), ("return", .number($0.value))]) } ?? .null),
                    ("max_drawdown", .number(c.maxDrawdown)),
                ]))
            })),
        ]).rendered()
    }
}
