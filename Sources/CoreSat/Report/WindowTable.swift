import CoreSatEngine

/// The table rolling windows add: for each policy the start of its worst and best window by CAGR,
/// and by CAGR difference against the benchmark.
enum WindowTable {
    static func blocks(_ w: WindowSummary, benchmark: String) -> [ReportBlock] {
        let start = { (e: WindowSummary.Extreme?) in e.map { YearMonth(index: w.start($0.window)).description } ?? "-" }
        let heading =
            "Rolling windows: \(w.count) of \(w.months) months starting every \(w.every) months, from "
            + "\(YearMonth(index: w.start(0))) to \(YearMonth(index: w.start(w.count - 1)));\n"
            + "the worst and best window of each policy, and its worst against \(benchmark) (dCAGR)"
        var table = TextTable(header: ["policy", "worst", "from", "best", "from", "dCAGR", "from"])
        for p in w.policies {
            table.rows.append([
                p.name, p.worst.map { TableReport.percent($0.value) } ?? "n/a", start(p.worst),
                p.best.map { TableReport.percent($0.value) } ?? "n/a", start(p.best),
                p.worstVersus.map { TableReport.signedPercent($0.value) } ?? "-", start(p.worstVersus),
            ])
        }
        return [.heading(heading), .table(table)]
    }
}
