import CoreSatEngine
import Foundation

/// `coresat metrics`: the metric code applied to a user's own return series.
public struct SeriesMetrics: Sendable {
    public var name: String
    public var figures: ReturnMetrics.SeriesFigures
    /// Present when a benchmark column was named.
    public var relative: RelativeMetrics.Result?

    public static func compute(
        _ table: ReturnTable, benchmark: Int?, riskFreeAnnual: Double, periodsPerYear: Double
    ) -> [SeriesMetrics] {
        let rf = Foundation.pow(1 + riskFreeAnnual, 1 / periodsPerYear) - 1
        return table.columns.indices.map { c in
            table.values[c].withUnsafeBufferPointer { r in
                let relative = benchmark.map { b in
                    table.values[b].withUnsafeBufferPointer {
                        RelativeMetrics.compute(r, benchmark: $0, periodsPerYear: periodsPerYear)
                    }
                }
                return SeriesMetrics(
                    name: table.columns[c], figures: ReturnMetrics.seriesFigures(r, riskFree: rf, periodsPerYear: periodsPerYear),
                    relative: relative)
            }
        }
    }

    /// `{"periods_per_year": P, "periods_per_year_inferred": true, "frequency": "monthly",
    /// "series": {"<column>": {...}}}`, the series with the same keys as the simulation reports.
    /// `inferred` is nil when P was given (the frequency is then null).
    public static func json(_ series: [SeriesMetrics], periodsPerYear: Double, inferred: Frequency?) -> String {
        JSONValue.object([
            ("periods_per_year", .number(periodsPerYear)),
            ("periods_per_year_inferred", .bool(inferred != nil)),
            ("frequency", inferred.map { .string($0.rawValue) } ?? .null),
            ("series", .object(series.map { s in
                var members: [(String, JSONValue)] = s.figures.values.map { figure, value in
                    (figure.key, figure == .longestDrawdown ? .integer(Int(value)) : .optional(value))
                }
                if let r = s.relative {
                    members += [
                        (RelativeFigure.trackingError.key, .optional(r.trackingError)),
                        (RelativeFigure.informationRatio.key, .optional(r.informationRatio)),
                        (RelativeFigure.winRate.key, .optional(r.winRate)),
                    ]
                }
                return (s.name, .object(members))
            })),
        ]).rendered()
    }

    /// Two tables that fit in 80 columns, plus the relative figures when there is a benchmark.
    public static func table(_ series: [SeriesMetrics], periodsPerYear: Double, inferred: Frequency?, rows: Int) -> String {
        let source = inferred.map { "inferred from the dates: \($0.rawValue)" } ?? "given"
        var out = "\(rows) periods, " + String(format: "%g", periodsPerYear) + " per year (\(source))\n\nReturn and risk\n"
        var returns = TextTable(header: ["series", "CAGR", "vol", "Sharpe", "Sortino", "Calmar"])
        var tails = TextTable(header: ["series", "max DD", "longest DD", "VaR 95%", "CVaR 95%"])
        var relative = TextTable(header: ["series", "tracking error", "information ratio", "win rate"])
        for s in series {
            let f = s.figures
            returns.rows.append([
                s.name, TableReport.percent(f.cagr), TableReport.percent(f.annualVolatility), TableReport.number(f.sharpe),
                TableReport.number(f.sortino), TableReport.number(f.calmar),
            ])
            tails.rows.append([
                s.name, TableReport.percent(f.scan.maxDrawdown, 1), "\(f.scan.longestDrawdown) periods",
                TableReport.percent(f.tail.valueAtRisk), TableReport.percent(f.tail.conditionalValueAtRisk),
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
