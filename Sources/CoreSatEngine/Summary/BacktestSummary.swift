/// What readers of a backtest expect besides the run's figures: each policy's calendar-year
/// returns and the dates of its maximum drawdown. Only for a run of one dated path that kept its
/// monthly returns (`SimulationPlan.keepsMonthlyReturns`).
public struct BacktestSummary: Sendable {
    public struct PolicyHistory: Sendable {
        public var name: String
        /// Months with a return (fewer than the run's when the account emptied).
        public var months: Int
        public var calendarYears: [HistoricalFigures.CalendarYear]
        /// nil: the policy never fell below a previous high.
        public var maxDrawdown: HistoricalFigures.DrawdownEpisode?
    }

    /// The calendar month of month 0, as year * 12 + month - 1.
    public var firstMonthIndex: Int
    public var months: Int
    public var policies: [PolicyHistory]

    /// nil unless the run is a dated single path with monthly returns.
    public init?(columns: some PathColumns) throws {
        let run = columns.run
        guard run.paths == 1, run.layout.returnMonths == run.months, let first = run.firstMonthIndex else { return nil }
        firstMonthIndex = first
        months = run.months
        policies = try (0..<run.reportedPolicies).map { p in
            let returns = Array(try columns.monthlyReturns(policy: p).prefix { !$0.isNaN })
            return try returns.withUnsafeBufferPointer { r in
                PolicyHistory(
                    name: run.policyNames[p], months: r.count,
                    calendarYears: try HistoricalFigures.calendarYears(r, firstCalendarMonth: first % 12 + 1, firstYear: first / 12),
                    maxDrawdown: HistoricalFigures.maxDrawdownEpisode(r))
            }
        }
    }
}
