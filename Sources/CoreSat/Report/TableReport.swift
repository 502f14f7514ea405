import CoreSatEngine
import Foundation

/// The terminal report: three tables that each fit in 80 columns, then the per-regime ones when
/// the market has more than one regime. The tables are built as blocks in sections, which the
/// HTML report shows too.
public enum TableReport {
    public static func render(_ s: RunSummary) -> String {
        ReportBlock.text(header(s) + sections(s).flatMap(\.blocks))
    }

    /// The lines above the tables: scenario, market, the run's size and, with regimes, the time in each.
    public static func header(_ s: RunSummary) -> [ReportBlock] {
        var lines = [s.scenario] + (s.market.map { ["market: \($0)"] } ?? [])
        if let b = s.backtest {
            let first = YearMonth(index: b.firstMonthIndex), last = YearMonth(index: b.firstMonthIndex + b.months - 1)
            lines.append("backtest \(first) to \(last) (\(b.months) months), benchmark: \(s.benchmark)")
        } else {
            lines.append("\(s.paths) paths x \(s.months) months, seed \(s.seed), benchmark: \(s.benchmark)")
        }
        if s.regimes.count > 1 {
            lines.append(
                "time in regimes: "
                    + s.regimes.map { "\($0.name) \(percent($0.shareOfMonths, 0))" }.joined(separator: ", "))
        }
        return lines.map(ReportBlock.note)
    }

    /// The report's tables in the order the text report prints them, grouped by subject.
    public static func sections(_ s: RunSummary) -> [ReportSection] {
        var sections = s.paths == 1 ? onePath(s) : acrossPaths(s)
        if !s.comparisons.isEmpty { sections.append(ReportSection(title: "Compared pairs", blocks: pairs(s))) }
        if s.hasRegimeFigures { sections.append(ReportSection(title: "Per regime", blocks: RegimeTables.blocks(s))) }
        if let sweep = s.sweep {
            sections.append(
                ReportSection(
                    title: "Sweep", blocks: SweepTable.blocks(sweep, benchmark: s.benchmark, onePath: s.paths == 1)))
        }
        if let b = s.backtest {
            sections.append(ReportSection(title: "Backtest", blocks: BacktestTables.blocks(b, benchmark: s.benchmark)))
        }
        if let w = s.windows {
            sections.append(
                ReportSection(title: "Rolling windows", blocks: WindowTable.blocks(w, benchmark: s.benchmark)))
        }
        if let m = s.marketFigures, !IndexLabTables.indices(m).isEmpty {
            sections.append(ReportSection(title: "Index lab", blocks: IndexLabTables.blocks(m)))
        }
        return sections
    }

    /// Outcomes, terminal wealth and the comparison with the benchmark as distributions across paths.
    static func acrossPaths(_ s: RunSummary) -> [ReportSection] {
        var outcomes = TextTable(header: ["policy", "CAGR", "vol", "Sharpe", "maxDD", "p05 DD", "turn/yr", "drag/yr"])
        for p in s.policies {
            let f = { (figure: PathFigure) in p.distribution(figure) }
            outcomes.rows.append([
                p.name, percent(f(.cagr).median), percent(f(.annualVolatility).median), number(f(.sharpe).median),
                percent(f(.maxDrawdown).median, 1), percent(f(.maxDrawdown).p05, 1),
                percent(f(.annualTurnover).mean, 1), percent(f(.costDrag).mean),
            ])
        }
        let depletes = s.policies.contains { $0.probabilityOfDepletion > 0 }
        var wealth = TextTable(
            header: ["policy", "p05", "p25", "p50", "p75", "p95", "P(loss)"] + (depletes ? ["P(empty)"] : []))
        for p in s.policies {
            let w = p.distribution(.terminalWealth)
            var row = [p.name] + [w.p05, w.p25, w.median, w.p75, w.p95].map(money) + [percent(p.probabilityOfLoss, 1)]
            if depletes {
                let month = p.distribution(.monthsToDepletion).median
                row.append(
                    percent(p.probabilityOfDepletion, 1) + (month.isFinite ? String(format: " (%.0f)", month) : ""))
            }
            wealth.rows.append(row)
        }
        let outcomeBlocks: [ReportBlock] =
            [
                .heading("Outcomes (median across paths; max drawdown: median and 5th percentile)"), .table(outcomes),
                .heading(
                    "Terminal wealth (percentiles across paths) and probability of a loss"
                        + (depletes ? "; of running out (median month)" : "")),
                .table(wealth),
            ] + fallbackNotes(s)

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
        return [
            ReportSection(title: "Outcomes", blocks: outcomeBlocks),
            ReportSection(
                title: "Against the benchmark",
                blocks: [
                    .heading("Against \(s.benchmark), path by path (CAGR difference: mean and 95% CI)"),
                    versusBlock(versus),
                ]),
        ]
    }

    /// One path (a backtest): its figures, with nothing to take percentiles of.
    static func onePath(_ s: RunSummary) -> [ReportSection] {
        var outcomes = TextTable(header: ["policy", "CAGR", "vol", "Sharpe", "maxDD", "turn/yr", "drag/yr", "wealth"])
        for p in s.policies {
            let f = { (figure: PathFigure) in p.distribution(figure) }
            outcomes.rows.append([
                p.name, percent(f(.cagr).median), percent(f(.annualVolatility).median), number(f(.sharpe).median),
                percent(f(.maxDrawdown).median, 1), percent(f(.annualTurnover).mean, 1), percent(f(.costDrag).mean),
                money(f(.terminalWealth).median),
            ])
        }
        var versus = TextTable(header: ["policy", "dCAGR", "TE", "IR", "win/mo"])
        for p in s.policies {
            guard let c = p.versusBenchmark else { continue }
            versus.rows.append([
                p.name, signedPercent(c.cagrDifference.mean), percent(c.trackingError.median),
                number(c.informationRatio.median),
                percent(c.winRate.median, 1),
            ])
        }
        return [
            ReportSection(title: "Outcomes", blocks: [.heading("Outcomes"), .table(outcomes)] + fallbackNotes(s)),
            ReportSection(
                title: "Against the benchmark",
                blocks: [.heading("Against \(s.benchmark), month by month"), versusBlock(versus)]),
        ]
    }

    static func versusBlock(_ table: TextTable) -> ReportBlock {
        table.rows.isEmpty ? .note("(only the benchmark was run)") : .table(table)
    }

    /// The pairs the scenario compares (`compare:`), path by path as against the benchmark.
    static func pairs(_ s: RunSummary) -> [ReportBlock] {
        let title =
            "Compared path by path (differences of the first policy's figures from the second's: mean"
            + (s.paths == 1 ? ")" : " and 95% CI)")
        // Two names side by side: wider than the other tables, so the first one is not cut.
        var table = TextTable(
            header: ["policy", "against", "dCAGR"] + (s.paths == 1 ? [] : ["95% CI", "P(beat)"]) + ["dVol", "dMaxDD"],
            textColumns: [0, 1], maxWidth: 110)
        for c in s.comparisons {
            let ci = c.cagrDifference.confidence95
            table.rows.append(
                [c.policy, c.against, signedPercent(c.cagrDifference.mean)]
                    + (s.paths == 1
                        ? []
                        : ["\(signedPercent(ci.low)) \(signedPercent(ci.high))", percent(c.probabilityOutperform, 1)])
                    + [signedPercent(c.volatilityDifference.mean), signedPercent(c.maxDrawdownDifference.mean)])
        }
        return [.heading(title), .table(table)]
    }

    static func fallbackNotes(_ s: RunSummary) -> [ReportBlock] {
        s.policies.filter { $0.fallbacks.mean > 0 }.map {
            .note(
                "note: \($0.name) fell back on " + percent($0.fallbacks.mean / $0.decisions.mean, 1)
                    + " of its decisions")
        }
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

extension PolicySummary {
    /// The figure's distribution across paths; one of no paths (every statistic NaN, shown as
    /// "n/a") if the summary lacks it.
    func distribution(_ figure: PathFigure) -> Distribution {
        figures[figure] ?? Distribution([Double]())
    }
}
