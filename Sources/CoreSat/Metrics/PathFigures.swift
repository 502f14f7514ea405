import Foundation

/// Figures computed for every path and policy. The raw value is the figure's slot in result storage.
public enum PathFigure: Int, CaseIterable, Sendable {
    case cagr, annualVolatility, sharpe, sortino, maxDrawdown, calmar, longestDrawdown, var95, cvar95
    case annualTurnover, costDrag, terminalWealth

    /// The snake_case name used in JSON and CSV output.
    public var key: String {
        switch self {
        case .cagr: "cagr"
        case .annualVolatility: "annual_volatility"
        case .sharpe: "sharpe"
        case .sortino: "sortino"
        case .maxDrawdown: "max_drawdown"
        case .calmar: "calmar"
        case .longestDrawdown: "longest_drawdown"
        case .var95: "var_95"
        case .cvar95: "cvar_95"
        case .annualTurnover: "annual_turnover"
        case .costDrag: "cost_drag"
        case .terminalWealth: "terminal_wealth"
        }
    }
}

/// Figures computed for every path, of each policy against the benchmark policy.
public enum RelativeFigure: Int, CaseIterable, Sendable {
    case cagrDifference, trackingError, informationRatio, winRate

    public var key: String {
        switch self {
        case .cagrDifference: "cagr_difference"
        case .trackingError: "tracking_error"
        case .informationRatio: "information_ratio"
        case .winRate: "win_rate"
        }
    }
}

extension ReturnMetrics {
    /// Every `PathFigure` of one policy on one path, written into `out` at the figures' raw values.
    /// Returns the scan, which relative figures reuse.
    @discardableResult
    static func pathFigures(
        _ r: UnsafeBufferPointer<Double>, outcome: AccountOutcome, riskFree: Double,
        into out: UnsafeMutableBufferPointer<Double>
    ) -> Scan {
        let p = 12.0
        let s = scan(r, riskFree: riskFree)
        let cagr = cagr(s, periodsPerYear: p)
        let tail = tail(r, scan: s)
        let years = Double(r.count) / p
        out[PathFigure.cagr.rawValue] = cagr
        out[PathFigure.annualVolatility.rawValue] = annualVolatility(s, periodsPerYear: p)
        out[PathFigure.sharpe.rawValue] = sharpe(s, riskFree: riskFree, periodsPerYear: p)
        out[PathFigure.sortino.rawValue] = sortino(s, riskFree: riskFree, periodsPerYear: p)
        out[PathFigure.maxDrawdown.rawValue] = s.maxDrawdown
        out[PathFigure.calmar.rawValue] = calmar(cagr: cagr, maxDrawdown: s.maxDrawdown)
        out[PathFigure.longestDrawdown.rawValue] = Double(s.longestDrawdown)
        out[PathFigure.var95.rawValue] = tail.valueAtRisk
        out[PathFigure.cvar95.rawValue] = tail.conditionalValueAtRisk
        out[PathFigure.annualTurnover.rawValue] = outcome.turnover / years
        out[PathFigure.costDrag.rawValue] = pow(outcome.grossGrowth, 1 / years) - 1 - cagr
        out[PathFigure.terminalWealth.rawValue] = outcome.terminalWealth
        return s
    }
}
