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

    public static func table(_ series: [SeriesMetrics], periodsPerYear: Double, rows: Int) -> String {
        var out = "\(rows) periods, \(Int(periodsPerYear)) per year\n\n"
        var t = TextTable(header: ["series", "CAGR", "vol", "Sharpe", "Sortino", "maxDD", "Calmar", "longDD", "VaR95", "CVaR95"])
        for s in series {
            t.rows.append([
                s.name, TableReport.percent(s.cagr), TableReport.percent(s.annualVolatility), TableReport.number(s.sharpe),
                TableReport.number(s.sortino), TableReport.percent(s.maxDrawdown, 1), TableReport.number(s.calmar),
                String(s.longestDrawdown), TableReport.percent(s.var95), TableReport.percent(s.cvar95),
            ])
        }
        out += t.rendered(maxFirstColumn: 14)
        let relative = series.filter { $0.relative != nil }
        if !relative.isEmpty {
            out += "\nAgainst the benchmark column\n"
            var r = TextTable(header: ["series", "tracking error", "information ratio", "win rate"])
            for s in relative {
                r.rows.append([s.name, TableReport.percent(s.relative!.trackingError), TableReport.number(s.relative!.informationRatio),
                    TableReport.percent(s.relative!.winRate, 1)])
            }
            out += r.rendered(maxFirstColumn: 14)
        }
        return out
    }
}
