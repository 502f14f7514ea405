import CoreSatEngine
import Foundation

/// The terminal report: three tables that each fit in 80 columns, then the per-regime ones when
/// the market has more than one regime.
public enum TableReport {
    public static func render(_ s: RunSummary) -> String {
        var out = "\(s.scenario)\n" + (s.market.map { "market: \($0)\n" } ?? "")
        if let b = s.backtest {
            out += "backtest \(YearMonth(index: b.firstMonthIndex)) to \(YearMonth(index: b.firstMonthIndex + b.months - 1)) "
                + "(\(b.months) months), benchmark: \(s.benchmark)\n"
        } else {
            out += "\(s.paths) paths x \(s.months) months, seed \(s.seed), benchmark: \(s.benchmark)\n"
        }
        if s.regimes.count > 1 {
            out += "time in regimes: " + s.regimes.map { "\($0.name) \(percent($0.shareOfMonths, 0))" }.joined(separator: ", ") + "\n"
        }

        out += s.paths == 1 ? onePath(s) : acrossPaths(s)
        if !s.comparisons.isEmpty { out += pairs(s) }
        if s.hasRegimeFigures { out += RegimeTables.render(s) }
        if let sweep = s.sweep { out += SweepTable.render(sweep, benchmark: s.benchmark, onePath: s.paths == 1) }
        if let b = s.backtest { out += BacktestTables.render(b, benchmark: s.benchmark) }
        if let w = s.windows { out += WindowTable.render(w, benchmark: s.benchmark) }
        return out
    }

    /// Outcomes, terminal wealth and the comparison with the benchmark as distributions across paths.
    static func acrossPaths(_ s: RunSummary) -> String {
        var out = "\nOutcomes (median across paths; max drawdown: median and 5th percentile)\n"
        var outcomes = TextTable(header: ["policy", "CAGR", "vol", "Sharpe", "maxDD", "p05 DD", "turn/yr", "drag/yr"])
        for p in s.policies {
            let f = p.figures
            outcomes.rows.append([
                p.name, percent(f[.cagr]!.median), percent(f[.annualVolatility]!.median), number(f[.sharpe]!.median),
                percent(f[.maxDrawdown]!.median, 1), percent(f[.maxDrawdown]!.p05, 1),
                percent(f[.annualTurnover]!.mean, 1), percent(f[.costDrag]!.mean),
            ])
        }
        out += outcomes.rendered()

        let depletes = s.policies.contains { $0.probabilityOfDepletion > 0 }
        out += "\nTerminal wealth (percentiles across paths) and probability of a loss"
        out += depletes ? "; of running out (median month)\n" : "\n"
        var wealth = TextTable(header: ["policy", "p05", "p25", "p50", "p75", "p95", "P(loss)"] + (depletes ? ["P(empty)"] : []))
        for p in s.policies {
            let w = p.figures[.terminalWealth]!
            var row = [p.name] + [w.p05, w.p25, w.median, w.p75, w.p95].map(money) + [percent(p.probabilityOfLoss, 1)]
            if depletes {
                let month = p.figures[.monthsToDepletion]!.median
                row.append(percent(p.probabilityOfDepletion, 1) + (month.isFinite ? String(format: " (%.0f)", month) : ""))
            }
            wealth.rows.append(row)
        }
        out += wealth.rendered()
        out += fallbackNotes(s)

        out += "\nAgainst \(s.benchmark), path by path (CAGR difference: mean and 95% CI)\n"
        var versus = TextTable(header: ["policy", "dCAGR", "95% CI", "P(beat)", "TE", "IR", "win/mo"])
        for p in s.policies {
            guard let c = p.versusBenchmark else { continue }
            let ci = c.cagrDifference.confidence95
            versus.rows.append([
                p.name, signedPercent(c.cagrDifference.mean), "\(signedPercent(ci.low)) \(signedPercent(ci.high))",
                percent(c.probabilityOutperform, 1), percent(c.trackingError.median), number(c.informationRatio.median),
                percent(c.winRate.median, 1),
            ])
        }
        out += versus.rows.isEmpty ? "(only the benchmark was run)\n" : versus.rendered()
        return out
    }

    /// One path (a backtest): its figures, with nothing to take percentiles of.
    static func onePath(_ s: RunSummary) -> String {
        var out = "\nOutcomes\n"
        var outcomes = TextTable(header: ["policy", "CAGR", "vol", "Sharpe", "maxDD", "turn/yr", "drag/yr", "wealth"])
        for p in s.policies {
            let f = p.figures
            outcomes.rows.append([
                p.name, percent(f[.cagr]!.median), percent(f[.annualVolatility]!.median), number(f[.sharpe]!.median),
                percent(f[.maxDrawdown]!.median, 1), percent(f[.annualTurnover]!.mean, 1), percent(f[.costDrag]!.mean),
                money(f[.terminalWealth]!.median),
            ])
        }
        out += outcomes.rendered()
        out += fallbackNotes(s)
        out += "\nAgainst \(s.benchmark), month by month\n"
        var versus = TextTable(header: ["policy", "dCAGR", "TE", "IR", "win/mo"])
        for p in s.policies {
            guard let c = p.versusBenchmark else { continue }
            versus.rows.append([
                p.name, signedPercent(c.cagrDifference.mean), percent(c.trackingError.median), number(c.informationRatio.median),
                percent(c.winRate.median, 1),
            ])
        }
        out += versus.rows.isEmpty ? "(only the benchmark was run)\n" : versus.rendered()
        return out
    }

    /// The pairs the scenario compares (`compare:`), path by path as against the benchmark.
    static func pairs(_ s: RunSummary) -> String {
        var out = "\nCompared path by path (differences of the first policy's figures from the second's: mean"
        out += s.paths == 1 ? ")\n" : " and 95% CI)\n"
        var table = TextTable(
            header: ["policy", "against", "dCAGR"] + (s.paths == 1 ? [] : ["95% CI", "P(beat)"]) + ["dVol", "dMaxDD"])
        table.textColumns = [0, 1]
        for c in s.comparisons {
            let ci = c.cagrDifference.confidence95
            table.rows.append(
                [c.policy, c.against, signedPercent(c.cagrDifference.mean)]
                    + (s.paths == 1 ? [] : ["\(signedPercent(ci.low)) \(signedPercent(ci.high))", percent(c.probabilityOutperform, 1)])
                    + [signedPercent(c.volatilityDifference.mean), signedPercent(c.maxDrawdownDifference.mean)])
        }
        // Two names side by side: wider than the other tables, so the first one is not cut.
        return out + table.rendered(maxWidth: 110)
    }

    static func fallbackNotes(_ s: RunSummary) -> String {
        s.policies.filter { $0.fallbacks.mean > 0 }.map {
            "note: \($0.name) fell back on " + percent($0.fallbacks.mean / $0.decisions.mean, 1) + " of its decisions\n"
        }.joined()
    }

    static func percent(_ x: Double, _ decimals: Int = 2) -> String {
        x.isFinite ? String(format: "%.\(decimals)f%%", x * 100) : "n/a"
    }

    static func signedPercent(_ x: Double) -> String {
        x.isFinite ? String(format: "%+.2f%%", x * 100) : "n/a"
    }

    static func number(_ x: Double) -> String {
        x.isFinite ? String(format: "%.2f", x) : "n/a"
    }

    /// Wealth with three significant figures and a k/M/B suffix, so big portfolios stay narrow.
    /// The unit is chosen after rounding, so 999,700 reads 1.00M, not 1000k.
    static func money(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        for (unit, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "k"), (1, "")] {
            // printf's own rounding to three figures, read back
            let rounded = Double(String(format: "%.2e", x / unit)) ?? x / unit
            if abs(rounded) >= 1 || unit == 1 {
                let exponent = rounded == 0 ? 0 : Int((Foundation.log10(abs(rounded))).rounded(.down))
                return String(format: "%.\(max(0, 2 - exponent))f", rounded) + suffix
            }
        }
        return "n/a"  // not reached: the last unit always returns
    }
}
