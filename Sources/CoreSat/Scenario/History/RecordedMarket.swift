import CoreSatEngine

/// The months a scenario takes from a dataset: one row per month over the scenario's assets, in
/// the scenario's asset order, with each month's historical regime.
public struct RecordedMarket: Sendable, Equatable {
    /// The dataset file as the scenario names it, and as opened.
    public var data: String
    /// The month of the first row.
    public var firstMonth: YearMonth
    /// [month][asset] simple returns.
    public var rows: [[Double]]
    public var labels: [Int32]
    public var regimeNames: [String]
    /// How the regimes were found, for reports ("labelled periods", "drawdown of Mkt", ...); nil: none.
    public var regimeSource: String?
    /// With `risk_free: COLUMN`: that column's annualized return over the market's months (after
    /// any warm-up), the scenario's risk-free rate; and the column.
    public var riskFree: (column: String, annual: Double)?

    public static func == (a: RecordedMarket, b: RecordedMarket) -> Bool {
        a.data == b.data && a.firstMonth == b.firstMonth && a.rows == b.rows && a.labels == b.labels
            && a.regimeNames == b.regimeNames && a.regimeSource == b.regimeSource
            && a.riskFree?.column == b.riskFree?.column && a.riskFree?.annual == b.riskFree?.annual
    }

    var recorded: RecordedMonths { RecordedMonths(rows: rows, labels: labels, regimeNames: regimeNames) }

    /// The month of row `row`.
    public func month(_ row: Int) -> YearMonth { firstMonth.advanced(by: row) }

    /// One line for `validate`: what is replayed or resampled, and where the regimes come from.
    public func describe(_ use: RecordedMarketUse) -> String {
        var line: String
        switch use {
        case .replay(let starts, let warmUp, let months):
            let first = month(starts[0] + warmUp), last = month(starts[starts.count - 1] + warmUp + months - 1)
            line = starts.count == 1
                ? "backtest on \(data), \(first) to \(last)" : "\(starts.count) windows of \(months) months on \(data), \(first) to \(last)"
            if warmUp > 0 { line += ", warm-up from \(month(starts[0]))" }
        case .bootstrap(let meanBlock, let chain):
            line = "block bootstrap of \(data), \(month(0)) to \(month(rows.count - 1)), mean block \(YAMLCursor.show(meanBlock)) months"
            if chain != nil { line += ", following the regimes" }
        }
        if let riskFree { line += String(format: "; risk-free rate %.2f%% a year (%@)", riskFree.annual * 100, riskFree.column) }
        return line + (regimeSource.map { "; regimes: \($0)" } ?? "")
    }
}

/// How a recorded market becomes paths.
public enum RecordedMarketUse: Sendable, Equatable {
    /// One path per window of `months` months after `warmUpMonths` months of history: window p's
    /// rows start at `starts[p]` (its first warm-up row). A backtest is one window.
    case replay(starts: [Int], warmUpMonths: Int, months: Int)
    /// Stationary block bootstrap; with `followRegimes` the regime-conditional one.
    case bootstrap(meanBlockMonths: Double, chain: RegimeChain?)
}
