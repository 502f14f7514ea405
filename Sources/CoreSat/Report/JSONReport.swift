/// `run --format json`; the schema is documented in docs/output.md.
public enum JSONReport {
    public static func render(_ summary: RunSummary) -> String {
        document(summary).rendered()
    }

    public static func document(_ s: RunSummary) -> JSONValue {
        .object([
            ("scenario", .string(s.scenario)),
            ("seed", .unsigned(s.seed)),
            ("paths", .integer(s.paths)),
            ("months", .integer(s.months)),
            ("benchmark", .string(s.benchmark)),
            ("regimes", .array(s.regimes.map { .object([("name", .string($0.name)), ("share_of_months", .optional($0.shareOfMonths))]) })),
            ("policies", .array(s.policies.map(policy))),
        ])
    }

    static func policy(_ p: PolicySummary) -> JSONValue {
        let metrics = PathFigure.allCases.filter { $0 != .terminalWealth }.map { ($0.key, distribution(p.figures[$0]!)) }
        let wealth = p.figures[.terminalWealth]!
        return .object([
            ("name", .string(p.name)),
            ("metrics", .object(metrics)),
            ("terminal_wealth", .object([
                ("p05", .optional(wealth.p05)), ("p25", .optional(wealth.p25)), ("p50", .optional(wealth.median)),
                ("p75", .optional(wealth.p75)), ("p95", .optional(wealth.p95)), ("mean", .optional(wealth.mean)),
            ])),
            ("probability_of_loss", .optional(p.probabilityOfLoss)),
            ("vs_benchmark", p.versusBenchmark.map(comparison) ?? .null),
        ])
    }

    static func comparison(_ c: BenchmarkComparison) -> JSONValue {
        let ci = c.cagrDifference.confidence95
        return .object([
            ("cagr_difference", .object([
                ("mean", .optional(c.cagrDifference.mean)), ("ci95_low", .optional(ci.low)), ("ci95_high", .optional(ci.high)),
                ("median", .optional(c.cagrDifference.median)), ("p05", .optional(c.cagrDifference.p05)),
                ("p95", .optional(c.cagrDifference.p95)),
            ])),
            ("probability_outperform", .optional(c.probabilityOutperform)),
            ("tracking_error", distribution(c.trackingError)),
            ("information_ratio", distribution(c.informationRatio)),
            ("win_rate", distribution(c.winRate)),
        ])
    }

    static func distribution(_ d: Distribution) -> JSONValue {
        .object([
            ("mean", .optional(d.mean)), ("median", .optional(d.median)), ("p05", .optional(d.p05)),
            ("p95", .optional(d.p95)), ("standard_error", .optional(d.standardError)), ("undefined_paths", .integer(d.undefined)),
        ])
    }
}
