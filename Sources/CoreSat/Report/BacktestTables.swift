import CoreSatEngine

/// The tables a backtest adds: calendar-year returns of every policy, and the dates of each
/// policy's maximum drawdown.
enum BacktestTables {
    static func blocks(_ b: BacktestSummary, benchmark: String) -> [ReportBlock] {
        let month = { (t: Int) in YearMonth(index: b.firstMonthIndex + t).description }
        var drawdowns = TextTable(header: [
            "policy", "maxDD", "peak", "trough", "recovery", "months down", "months to recover",
        ])
        for p in b.policies {
            guard let d = p.maxDrawdown else {
                drawdowns.rows.append([p.name, "none", "-", "-", "-", "-", "-"])
                continue
            }
            // Month t's return ends at the end of month t: the peak is the end of month `peak`, or
            // the start of month 0 when wealth never rose above where it began.
            let peak = d.peakIsStart ? "start" : month(d.peak)
            drawdowns.rows.append([
                p.name, TableReport.percent(d.depth, 1), peak, month(d.trough), d.recovery.map(month) ?? "not yet",
                String(d.trough - d.peak), d.recovery.map { String($0 - d.trough) } ?? "-",
            ])
        }
        let partial = b.policies.contains { $0.calendarYears.contains(where: \.isPartial) }
        var years = TextTable(header: ["year"] + b.policies.map(\.name))
        let rows = b.policies.map(\.calendarYears.count).max() ?? 0
        for y in 0..<rows {
            guard
                let reference = b.policies.lazy.compactMap({
                    $0.calendarYears.indices.contains(y) ? $0.calendarYears[y] : nil
                }).first
            else { continue }
            years.rows.append(
                [String(reference.year) + (reference.isPartial ? "*" : "")]
                    + b.policies.map { p in
                        p.calendarYears.indices.contains(y) ? TableReport.percent(p.calendarYears[y].value, 1) : "-"
                    })
        }
        return [
            .heading("Maximum drawdown: from the high before it (peak) to the low (trough) and back (recovery)"),
            .table(drawdowns),
            .heading("Calendar-year returns" + (partial ? " (* part of a year)" : "")), .table(years),
        ]
    }
}
