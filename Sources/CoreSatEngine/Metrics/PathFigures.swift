import Foundation

/// Figures computed for every path and policy. The raw value is the figure's slot in result storage.
public enum PathFigure: Int, CaseIterable, Sendable {
    case cagr, annualVolatility, sharpe, sortino, maxDrawdown, calmar, longestDrawdown, var95, cvar95
    case annualTurnover, costDrag, terminalWealth
    /// Months until withdrawals or losses emptied the account (1 = in the first month); undefined
    /// on paths where it never happened.
    case monthsToDepletion

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
        case .monthsToDepletion: "months_to_depletion"
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
    /// The figures of a return series that need nothing but the series.
    public struct SeriesFigures: Sendable {
        public var scan: Scan
        public var cagr, annualVolatility, sharpe, sortino, calmar: Double
        public var tail: Tail

        /// The nine figures with their report keys, in report order.
        public var values: [(PathFigure, Double)] {
            var all: [(PathFigure, Double)] = []
            forEach { all.append(($0, $1)) }
            return all
        }

        /// The same, without building an array: this runs for every path and policy.
        @inline(__always) public func forEach(_ body: (PathFigure, Double) -> Void) {
            body(.cagr, cagr)
            body(.annualVolatility, annualVolatility)
            body(.sharpe, sharpe)
            body(.sortino, sortino)
            body(.maxDrawdown, scan.maxDrawdown)
            body(.calmar, calmar)
            body(.longestDrawdown, Double(scan.longestDrawdown))
            body(.var95, tail.valueAtRisk)
            body(.cvar95, tail.conditionalValueAtRisk)
        }
    }

    public static func seriesFigures(_ r: UnsafeBufferPointer<Double>, riskFree: Double, periodsPerYear p: Double) -> SeriesFigures {
        let s = scan(r, riskFree: riskFree)
        let cagr = cagr(s, periodsPerYear: p)
        return SeriesFigures(
            scan: s, cagr: cagr, annualVolatility: annualVolatility(s, periodsPerYear: p),
            sharpe: sharpe(s, riskFree: riskFree, periodsPerYear: p), sortino: sortino(s, riskFree: riskFree, periodsPerYear: p),
            calmar: calmar(cagr: cagr, maxDrawdown: s.maxDrawdown), tail: tail(r, scan: s))
    }

    /// Every `PathFigure` of one policy on one (monthly) path, written into `out` at the figures'
    /// raw values; `r` holds the months with a return (up to the month an account was emptied).
    /// Returns the scan, which relative figures reuse.
    @discardableResult
    static func pathFigures(
        _ r: UnsafeBufferPointer<Double>, outcome: AccountOutcome, riskFree: Double,
        into out: UnsafeMutableBufferPointer<Double>
    ) -> Scan {
        let f = seriesFigures(r, riskFree: riskFree, periodsPerYear: 12)
        f.forEach { out[$0.rawValue] = $1 }
        let years = Double(r.count) / 12
        out[PathFigure.annualTurnover.rawValue] = outcome.turnover / years
        out[PathFigure.costDrag.rawValue] = pow(outcome.grossGrowth, 1 / years) - 1 - f.cagr
        out[PathFigure.terminalWealth.rawValue] = outcome.terminalWealth
        out[PathFigure.monthsToDepletion.rawValue] = outcome.depletedMonth.map { Double($0 + 1) } ?? .nan
        return f.scan
    }
}
