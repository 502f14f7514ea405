import CoreSatEngine
import Foundation

/// One policy's result in a plain sentence, with the figures the HTML report's headline table
/// shows. Across paths the sentence gives the chance of beating the benchmark and the mean CAGR
/// difference with its 95% confidence interval; on one path (a backtest, or a simulation of one
/// path) it gives what happened on that path and claims no probabilities.
public struct PolicyLine: Sendable, Equatable {
    public var policy: String
    public var isBenchmark: Bool
    /// Whether the figures are distributions across paths (false: the one path's values).
    public var acrossPaths: Bool
    public var medianCAGR: Double
    public var medianMaxDrawdown: Double
    /// Mean CAGR difference from the benchmark, and its 95% confidence interval across paths;
    /// NaN for the benchmark (and the interval on one path).
    public var cagrDifference: Double
    public var cagrDifferenceLow: Double
    public var cagrDifferenceHigh: Double
    /// Share of paths on which the policy's CAGR beat the benchmark's; nil for the benchmark and on one path.
    public var probabilityOutperform: Double?
    /// Median tracking error against the benchmark; NaN for the benchmark.
    public var trackingError: Double
    public var sentence: String

    /// One line per policy the summary reports (a sweep's cells are left to its grid).
    public static func lines(for s: RunSummary) -> [PolicyLine] {
        let benchmark = s.policies.first { $0.isBenchmark }
        let acrossPaths = s.paths > 1
        return s.policies.map { p in
            let versus = p.versusBenchmark
            let ci = versus?.cagrDifference.confidence95
            var line = PolicyLine(
                policy: p.name, isBenchmark: p.isBenchmark, acrossPaths: acrossPaths,
                medianCAGR: p.distribution(.cagr).median, medianMaxDrawdown: p.distribution(.maxDrawdown).median,
                cagrDifference: versus?.cagrDifference.mean ?? .nan,
                cagrDifferenceLow: acrossPaths ? ci?.low ?? .nan : .nan,
                cagrDifferenceHigh: acrossPaths ? ci?.high ?? .nan : .nan,
                probabilityOutperform: acrossPaths ? versus?.probabilityOutperform : nil,
                trackingError: versus?.trackingError.median ?? .nan, sentence: "")
            line.sentence = sentence(
                line, p, benchmark: benchmark, name: s.benchmark, simulatedPath: !acrossPaths && s.backtest == nil)
            if s.windows != nil && acrossPaths && !p.isBenchmark {
                // Windows of one history share most of their months: they are not independent draws.
                line.sentence += " The windows overlap, so the interval is too narrow."
            }
            return line
        }
    }

    static func sentence(
        _ l: PolicyLine, _ p: PolicySummary, benchmark: PolicySummary?, name: String, simulatedPath: Bool
    ) -> String {
        let benchCAGR = benchmark?.distribution(.cagr).median ?? .nan
        let benchDrawdown = benchmark?.distribution(.maxDrawdown).median ?? .nan
        let depletion = p.probabilityOfDepletion > 0
        if l.acrossPaths {
            let ranOut = depletion ? "; the account ran out on \(share(p.probabilityOfDepletion)) of paths" : ""
            if l.isBenchmark {
                return "\(l.policy) is the benchmark: median CAGR \(TableReport.percent(l.medianCAGR, 1)), "
                    + "median max drawdown \(TableReport.percent(l.medianMaxDrawdown, 0))\(ranOut)."
            }
            let interval =
                l.cagrDifferenceLow.isFinite && l.cagrDifferenceHigh.isFinite
                ? "\(signed(l.cagrDifferenceLow, 2)) to \(signed(l.cagrDifferenceHigh, 2))" : "n/a"
            let drawdowns = "\(TableReport.percent(l.medianMaxDrawdown, 0)) (benchmark \(TableReport.percent(benchDrawdown, 0)))"
            return "\(l.policy) beats \(name) on \(share(l.probabilityOutperform ?? .nan)) of paths; "
                + "CAGR difference \(points(l.cagrDifference, 2, unit: " pt/yr")) on average (95% CI \(interval)); "
                + "median max drawdown \(drawdowns)\(ranOut)."
        }
        let opening = simulatedPath ? "On the one simulated path, " : ""
        let ranOut = depletion ? "; the account ran out" : ""
        if l.isBenchmark {
            return "\(opening)\(l.policy) is the benchmark: it returned \(TableReport.percent(l.medianCAGR, 1))/yr, "
                + "max drawdown \(TableReport.percent(l.medianMaxDrawdown, 0))\(ranOut)."
        }
        let returned = "\(TableReport.percent(l.medianCAGR, 1))/yr against \(TableReport.percent(benchCAGR, 1)) for \(name)"
        let drawdowns = "\(TableReport.percent(l.medianMaxDrawdown, 0)) (\(TableReport.percent(benchDrawdown, 0)))"
        return "\(opening)\(l.policy) returned \(returned) (\(points(l.cagrDifference, 1, unit: " pt"))), "
            + "max drawdown \(drawdowns), tracking error \(TableReport.percent(l.trackingError, 1))\(ranOut)."
    }

    /// The headline table: across paths median CAGR, mean CAGR difference with its 95% CI,
    /// P(beat) and median max drawdown; on one path the path's CAGR, difference, max drawdown
    /// and tracking error.
    public static func table(_ lines: [PolicyLine]) -> TextTable {
        let acrossPaths = lines.contains { $0.acrossPaths }
        let dash = { (l: PolicyLine, text: String) in l.isBenchmark ? "-" : text }
        guard acrossPaths else {
            return TextTable(
                header: ["policy", "CAGR", "dCAGR", "maxDD", "TE"],
                rows: lines.map { l in
                    [
                        l.policy, TableReport.percent(l.medianCAGR, 2), dash(l, TableReport.signedPercent(l.cagrDifference)),
                        TableReport.percent(l.medianMaxDrawdown, 1),
                        dash(l, TableReport.percent(l.trackingError, 2)),
                    ]
                })
        }
        return TextTable(
            header: ["policy", "median CAGR", "dCAGR", "95% CI", "P(beat)", "median maxDD"],
            rows: lines.map { l in
                [
                    l.policy, TableReport.percent(l.medianCAGR, 2), dash(l, TableReport.signedPercent(l.cagrDifference)),
                    dash(l, interval(l)),
                    dash(l, TableReport.percent(l.probabilityOutperform ?? .nan, 1)), TableReport.percent(l.medianMaxDrawdown, 1),
                ]
            })
    }

    /// "+0.29% to +0.51%"
    static func interval(_ l: PolicyLine) -> String {
        "\(TableReport.signedPercent(l.cagrDifferenceLow)) to \(TableReport.signedPercent(l.cagrDifferenceHigh))"
    }

    /// A share of paths with one decimal, never rounded to 0% or 100% unless it is exactly that:
    /// "beats on 100% of paths" must mean every path.
    static func share(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        if x > 0.999 && x < 1 { return "over 99.9%" }
        if x > 0 && x < 0.001 { return "under 0.1%" }
        return TableReport.percent(x, 1)
    }

    /// A difference in percentage points with its sign: "+0.40".
    static func signed(_ x: Double, _ decimals: Int) -> String {
        x.isFinite ? String(format: "%+.\(decimals)f", x * 100) : "n/a"
    }

    /// "+0.40 pt/yr" with `unit` " pt/yr", or "n/a".
    static func points(_ x: Double, _ decimals: Int, unit: String) -> String {
        x.isFinite ? signed(x, decimals) + unit : "n/a"
    }
}
