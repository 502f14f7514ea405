import CoreSatEngine

/// `run --format json`; the schema is documented in docs/output.md.
public enum JSONReport {
    public static func render(_ summary: RunSummary) -> String {
        document(summary).rendered()
    }

    public static func document(_ s: RunSummary) -> JSONValue {
        // Per-regime keys only with more than one regime: one-regime reports stay as they were.
        let entry: [(String, JSONValue)] = s.hasRegimeFigures ? [("regime_entry_months", .integer(s.regimeEntryMonths))] : []
        var members: [(String, JSONValue)] = [
            ("scenario", .string(s.scenario)),
            ("seed", .unsigned(s.seed)),
            ("paths", .integer(s.paths)),
            ("months", .integer(s.months)),
            ("warm_up_months", .integer(s.warmUpMonths)),
        ] + entry + [
            ("benchmark", .string(s.benchmark)),
            ("regimes", .array(s.regimes.map { r in
                .object([("name", .string(r.name)), ("share_of_months", .optional(r.shareOfMonths))]
                    + (s.hasRegimeFigures ? [("entry_share_of_months", .optional(r.entryShareOfMonths))] : []))
            })),
            ("policies", .array(s.policies.map { policy($0, s) })),
        ]
        if let market = s.market { members.insert(("market", .string(market)), at: 1) }
        if let sweep = s.sweep { members.append(("sweep", self.sweep(sweep))) }
        if let backtest = s.backtest { members.append(("backtest", self.backtest(backtest))) }
        if let windows = s.windows { members.append(("windows", self.windows(windows))) }
        if !s.comparisons.isEmpty { members.append(("comparisons", .array(s.comparisons.map(pair)))) }
        if let m = s.marketFigures { members.append(("market_figures", marketFigures(m))) }
        return .object(members)
    }

    /// What the market model measured on each path (an index lab: `index[ID].figure`), by name.
    static func marketFigures(_ m: MarketFigureSummary) -> JSONValue {
        .object(zip(m.names, m.distributions).map { ($0, distribution($1)) })
    }

    /// A pair the scenario compares path by path.
    static func pair(_ c: PairedComparison) -> JSONValue {
        .object([
            ("policy", .string(c.policy)),
            ("against", .string(c.against)),
            ("cagr_difference", statistics(c.cagrDifference, ReportedStatistics.cagrDifference)),
            ("probability_outperform", .optional(c.probabilityOutperform)),
            ("annual_volatility_difference", distribution(c.volatilityDifference)),
            ("max_drawdown_difference", distribution(c.maxDrawdownDifference)),
        ])
    }

    /// Rolling windows: each policy's worst and best window by CAGR and by CAGR difference.
    static func windows(_ w: WindowSummary) -> JSONValue {
        let extreme = { (e: WindowSummary.Extreme?) -> JSONValue in
            e.map { .object([("start", .string(YearMonth(index: w.start($0.window)).description)), ("value", .number($0.value))]) } ?? .null
        }
        return .object([
            ("count", .integer(w.count)), ("months", .integer(w.months)), ("every_months", .integer(w.every)),
            ("first_start", .string(YearMonth(index: w.start(0)).description)),
            ("policies", .array(w.policies.map { p in
                .object([
                    ("name", .string(p.name)), ("worst_cagr", extreme(p.worst)), ("best_cagr", extreme(p.best)),
                    ("worst_cagr_difference", extreme(p.worstVersus)), ("best_cagr_difference", extreme(p.bestVersus)),
                ])
            })),
        ])
    }

    /// A backtest's dates: each policy's calendar-year returns and maximum drawdown.
    static func backtest(_ b: BacktestSummary) -> JSONValue {
        let month = { (t: Int) in JSONValue.string(YearMonth(index: b.firstMonthIndex + t).description) }
        return .object([
            ("first_month", month(0)), ("last_month", month(b.months - 1)),
            ("policies", .array(b.policies.map { p in
                .object([
                    ("name", .string(p.name)), ("months", .integer(p.months)),
                    ("calendar_years", .array(p.calendarYears.map { y in
                        .object([("year", .integer(y.year)), ("months", .integer(y.months)), ("return", .number(y.value))])
                    })),
                    ("max_drawdown", p.maxDrawdown.map { d in
                        .object([
                            ("depth", .number(d.depth)), ("peak", d.peakIsStart ? .string("start") : month(d.peak)),
                            ("trough", month(d.trough)), ("recovery", d.recovery.map(month) ?? .null),
                        ])
                    } ?? .null),
                ])
            })),
        ])
    }

    static func sweep(_ sweep: SweepSummary) -> JSONValue {
        let grid = sweep.grid
        return .object([
            ("policy", .string(grid.policy)),
            ("figure", .string(grid.figure.key)),
            ("parameters", .array(grid.parameters.map { .object([("name", .string($0.name)), ("values", .array($0.values.map { .string($0) }))]) })),
            ("cells", .array(sweep.cells.enumerated().map { c, cell in
                .object([
                    ("policy", .string(grid.policyName(cell: c))),
                    ("values", .object(zip(grid.parameters, cell.values).map { ($0.name, .string($1)) })),
                    ("median", .optional(cell.median.value)),
                    ("median_standard_error", .optional(cell.median.standardError)),
                    ("probability_outperform", .optional(cell.probabilityOutperform.value)),
                    ("probability_outperform_standard_error", .optional(cell.probabilityOutperform.standardError)),
                ])
            })),
        ] + (sweep.overfitting.map { [("overfitting", OverfittingReport.json($0, grid: grid))] } ?? []))
    }

    static func policy(_ p: PolicySummary, _ s: RunSummary) -> JSONValue {
        let metrics = PathFigure.allCases.filter { $0 != .terminalWealth }.map { ($0.key, distribution(p.figures[$0]!)) }
        var regimes: [(String, JSONValue)] = []
        if s.hasRegimeFigures {
            let names = s.regimes.map(\.name)
            regimes.append(("regimes", .object(zip(names, p.regimes).map { ($0, bucket($1, p, s)) })))
            regimes.append(("regime_entries", .object(zip(names, p.regimeEntries).map { ($0, bucket($1, p, s)) })))
            if let recognition = p.recognition {
                regimes.append(("regime_recognition", .object(RecognitionFigure.allCases.map { ($0.key, distribution(recognition[$0]!)) })))
            }
        }
        return .object([
            ("name", .string(p.name)),
            ("metrics", .object(metrics)),
            ("terminal_wealth", statistics(p.figures[.terminalWealth]!, ReportedStatistics.terminalWealth)),
            ("probability_of_loss", .optional(p.probabilityOfLoss)),
            ("probability_of_depletion", .optional(p.probabilityOfDepletion)),
            ("decisions", statistics(p.decisions, ReportedStatistics.perPathMean)),
            ("fallbacks", statistics(p.fallbacks, ReportedStatistics.perPathMean)),
            ("vs_benchmark", p.versusBenchmark.map(comparison) ?? .null),
        ] + regimes)
    }

    /// A policy's figures over one regime bucket; the benchmark has none against itself.
    static func bucket(_ b: RegimeBucketSummary, _ p: PolicySummary, _ s: RunSummary) -> JSONValue {
        let figures = RegimeFigure.allCases.filter { !(p.isBenchmark && $0.isRelative) }.map { ($0.key, distribution(b.distribution($0))) }
        let weights = zip(s.satelliteAssets, b.weights).map { ($0, distribution($1)) }
        return .object(figures + [(RegimeFigure.weightPrefix, .object(weights))])
    }

    static func comparison(_ c: BenchmarkComparison) -> JSONValue {
        .object([
            ("cagr_difference", statistics(c.cagrDifference, ReportedStatistics.cagrDifference)),
            ("probability_outperform", .optional(c.probabilityOutperform)),
            ("tracking_error", distribution(c.trackingError)),
            ("information_ratio", distribution(c.informationRatio)),
            ("win_rate", distribution(c.winRate)),
        ])
    }

    static func statistics(_ d: Distribution, _ names: [(String, Statistic)]) -> JSONValue {
        .object(names.map { ($0.0, .optional(d.value($0.1))) })
    }

    /// A figure's distribution: the reported statistics, the standard error of the mean and the
    /// count of paths where the figure is undefined.
    static func distribution(_ d: Distribution) -> JSONValue {
        guard case .object(let members) = statistics(d, ReportedStatistics.distribution) else { return .null }
        return .object(members + [
            ("standard_error", .optional(d.standardError)), ("undefined_paths", .integer(d.undefined)),
        ])
    }
}
