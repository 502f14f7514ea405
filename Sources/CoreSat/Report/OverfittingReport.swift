import CoreSatEngine
import Foundation

/// A backtest sweep's overfitting figures: the probability of backtest overfitting, the deflated
/// Sharpe ratio of the best cell, and why either is missing; in plain words under the sweep's
/// grid, and as the sweep's `overfitting` object in JSON.
enum OverfittingReport {
    /// A blank line, then each sentence as a paragraph (wrapped at 80 columns in text).
    static func blocks(_ o: SweepOverfitting, grid: SweepGrid) -> [ReportBlock] {
        var sentences: [String] = []
        if let c = o.cscv {
            let pbo = TableReport.percent(c.probability, 0)
            sentences.append("Probability of backtest overfitting (CSCV, \(o.blocks) blocks, \(grouped(c.combinations)) splits): "
                + "\(pbo): the cell best in one half ranks at or below the median in the other \(pbo) of the time "
                + "(mean logit \(TableReport.number(c.logitSummary.mean))), and trails the risk-free rate there "
                + "\(TableReport.percent(c.probabilityOfLoss, 0)) of the time.")
        }
        if let d = o.deflated, let best = o.best {
            sentences.append("Deflated Sharpe ratio of the best cell by Sharpe (\(grid.label(cell: best))): "
                + "\(TableReport.number(d.deflated)), the chance its true Sharpe ratio is above 0 after \(d.trials) trials.")
        }
        sentences += o.notes.map { "note: " + note($0, grid: grid) }
        return [.blank] + sentences.map(ReportBlock.paragraph)
    }

    static func json(_ o: SweepOverfitting, grid: SweepGrid) -> JSONValue {
        let cscv: JSONValue = o.cscv.map { c in
            let l = c.logitSummary
            return .object([
                ("blocks", .integer(o.blocks)),
                ("splits", .integer(c.combinations)),
                ("probability_of_backtest_overfitting", .optional(c.probability)),
                ("probability_of_loss", .optional(c.probabilityOfLoss)),
                ("logits", .object([
                    ("mean", .optional(l.mean)), ("standard_deviation", .optional(l.standardDeviation)),
                    ("minimum", .optional(l.minimum)), ("lower_quartile", .optional(l.lowerQuartile)),
                    ("median", .optional(l.median)), ("upper_quartile", .optional(l.upperQuartile)), ("maximum", .optional(l.maximum)),
                ])),
                ("performance_degradation", .object([
                    ("slope", .optional(c.degradation.slope)), ("intercept", .optional(c.degradation.intercept)),
                ])),
            ])
        } ?? .null
        var deflated: JSONValue = .null
        if let d = o.deflated, let best = o.best {
            deflated = .object([
                ("policy", .string(grid.policyName(cell: best))),
                ("selected_by", .string("sharpe")),
                ("sharpe", .optional(d.sharpe)),
                ("skewness", .optional(d.skewness)),
                ("kurtosis", .optional(d.kurtosis)),
                ("trials", .integer(d.trials)),
                ("trial_sharpe_variance", .optional(d.trialVariance)),
                ("expected_maximum_sharpe", .optional(d.expectedMaximum)),
                ("deflated_sharpe_ratio", .optional(d.deflated)),
                ("probabilistic_sharpe_ratio", .optional(d.probabilistic)),
            ])
        }
        return .object([
            ("months", .integer(o.months)),
            ("risk_free_monthly", .optional(o.riskFree)),
            ("cell_sharpe", .array(o.sharpes.map { .optional($0) })),
            ("cscv", cscv),
            ("deflated_sharpe", deflated),
            ("notes", .array(o.notes.map { .string(note($0, grid: grid)) })),
        ])
    }

    /// Why a figure is missing, or what it was computed on, in a sentence (also the JSON's notes).
    static func note(_ n: SweepOverfitting.Note, grid: SweepGrid) -> String {
        switch n {
        case .accountsEmptied(let cells, let months):
            let whose = cells.count == 1 ? "the account of \(grid.label(cell: cells[0]))" : "the accounts of \(cells.count) cells"
            return "\(whose) emptied; both figures use the first \(months) months, which every cell has"
        case .fewerBlocks(let blocks, let months):
            return "\(months) months are too few for \(BacktestOverfitting.defaultBlocks) blocks; CSCV used \(blocks)"
        case .noOverfittingProbability(.tooFewPeriods(let months, let blocks)):
            return "no probability of backtest overfitting: CSCV needs at least \(max(blocks, 4)) months that every cell has, "
                + "and there \(months == 1 ? "is" : "are") \(months)"
        case .noOverfittingProbability(let problem):
            return "no probability of backtest overfitting: \(problem)"
        case .noDeflatedSharpe(.tooFewObservations(let months)):
            return "no deflated Sharpe ratio: it needs at least 2 months that every cell has, and there \(months == 1 ? "is" : "are") \(months)"
        case .noDeflatedSharpe(.constantSeries), .noDeflatedSharpe(.notFinite):
            return "no deflated Sharpe ratio: a cell's returns do not vary over these months, so it has no Sharpe ratio"
        case .noDeflatedSharpe(let problem):
            return "no deflated Sharpe ratio: \(problem)"
        }
    }

    /// 12870 -> "12,870"
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        return String(digits.enumerated().flatMap { i, d in (i > 0 && (digits.count - i) % 3 == 0 ? [","] : []) + [d] })
    }
}
