import Foundation

/// `coresat metrics`: the metric code applied to a user's own return series.
public struct SeriesMetrics: Sendable {
    public var name: String
    public var cagr, annualVolatility, sharpe, sortino, maxDrawdown, calmar: Double
    public var longestDrawdown: Int
    public var var95, cvar95: Double
    /// Present when a benchmark column was named.
    public var relative: RelativeMetrics.Result?

    public static func compute(
        _ table: ReturnTable, benchmark: Int?, riskFreeAnnual: Double, periodsPerYear: Double
    ) -> [SeriesMetrics] {
        let rf = Foundation.pow(1 + riskFreeAnnual, 1 / periodsPerYear) - 1
        return table.columns.indices.map { c in
            table.values[c].withUnsafeBufferPointer { r in
                let scan = ReturnMetrics.scan(r, riskFree: rf)
                let cagr = ReturnMetrics.cagr(scan, periodsPerYear: periodsPerYear)
                let tail = ReturnMetrics.tail(r, scan: scan)
                let relative = benchmark.map { b in
                    table.values[b].withUnsafeBufferPointer {
                        RelativeMetrics.compute(r, benchmark: $0, periodsPerYear: periodsPerYear)
                    }
                }
                return SeriesMetrics(
                    name: table.columns[c], cagr: cagr,
                    annualVolatility: ReturnMetrics.annualVolatility(scan, periodsPerYear: periodsPerYear),
                    sharpe: ReturnMetrics.sharpe(scan, riskFree: rf, periodsPerYear: periodsPerYear),
                    sortino: ReturnMetrics.sortino(scan, riskFree: rf, periodsPerYear: periodsPerYear),
                    maxDrawdown: scan.maxDrawdown, calmar: ReturnMetrics.calmar(cagr: cagr, maxDrawdown: scan.maxDrawdown),
                    longestDrawdown: scan.longestDrawdown, var95: tail.valueAtRisk, cvar95: tail.conditionalValueAtRisk,
                    relative: relative)
            }
        }
    }

    /// `{"series": {"<column>": {...}}}`
    public static func json(_ series: [SeriesMetrics]) -> String {
        JSONValue.object([
            ("series", .object(series.map { s in
                var members: [(String, JSONValue)] = [
                    ("cagr", .optional(s.cagr)), ("annual_volatility", .optional(s.annualVolatility)),
                    ("sharpe", .optional(s.sharpe)), ("sortino", .optional(s.sortino)),
                    ("max_drawdown", .optional(s.maxDrawdown)), ("calmar", .optional(s.calmar)),
                    ("longest_drawdown", .integer(s.longestDrawdown)), ("var_95", .optional(s.var95)),
                    ("cvar_95", .optional(s.cvar95)),
                ]
                if let r = s.relative {
                    members += [
                        ("tracking_error", .optional(r.trackingError)), ("information_ratio", .optional(r.informationRatio)),
                        ("win_rate", .optional(r.winRate)),
                    ]
                }
                return (s.name, .object(members))
            })),
        ]).rendered()
    }

    /// Two tables that fit in 80 columns, plus the relative figures when there is a benchmark.
    public static func table(_ series: [SeriesMetrics], periodsPerYear: Double, rows: Int) -> String {
        var out = "\(rows) periods, " + String(format: "%g", periodsPerYear) + " per year\n\nReturn and risk\n"
        var returns = TextTable(header: ["series", "CAGR", "vol", "Sharpe", "Sortino", "Calmar"])
        var tails = TextTable(header: ["series", "max DD", "longest DD", "VaR 95%", "CVaR 95%"])
        var relative = TextTable(header: ["series", "tracking error", "information ratio", "win rate"])
        for s in series {
            returns.rows.append([
                s.name, TableReport.percent(s.cagr), TableReport.percent(s.annualVolatility), TableReport.number(s.sharpe),
                TableReport.number(s.sortino), TableReport.number(s.calmar),
            ])
            tails.rows.append([
                s.name, TableReport.percent(s.maxDrawdown, 1), "\(s.longestDrawdown) periods", TableReport.percent(s.var95),
                TableReport.percent(s.cvar95),
            ])
            if let r = s.relative {
                relative.rows.append([
                    s.name, TableReport.percent(r.trackingError), TableReport.number(r.informationRatio),
                    TableReport.percent(r.winRate, 1),
                ])
            }
        }
        out += returns.rendered() + "\nDrawdowns and tails\n" + tails.rendered()
        if !relative.rows.isEmpty { out += "\nAgainst the benchmark column\n" + relative.rendered() }
        return out
    }
}
