import Charts
import CoreSatEngine

/// Rolling windows of recorded history (one path per window): each policy's CAGR, and its CAGR
/// difference from the benchmark, by the month the window starts.
struct WindowCharts {
    let charts: RunCharts

    func section() throws -> ChartSection {
        let run = charts.run
        let title = "Rolling windows"
        guard let first = run.firstMonthIndex, let every = run.windowEvery else {
            return ChartSection(title: title, intro: "", figures: [
                .omitted(title: "Windows by start", reason: "the windows' dates were not saved")
            ])
        }
        let xs = (0..<run.paths).map { Double(first + $0 * every) }
        let cagr = try charts.policies.map { try charts.columns.values(policy: $0, .cagr) }
        var figures = [line(
            "CAGR by window start", axis: "CAGR over the window (%/yr)", xs: xs,
            series: charts.policies.map { ($0, cagr[$0]) }, format: .percent(), reference: nil)]
        let others = charts.policies.filter { $0 != charts.benchmark }
        if !others.isEmpty {
            let differences = try others.map { ($0, try charts.columns.values(policy: $0, .cagrDifference)) }
            figures.append(line(
                "CAGR difference from \(charts.name(charts.benchmark)) by window start",
                axis: "CAGR difference (points a year)", xs: xs, series: differences, format: .signedPercent, reference: 0))
        }
        let intro = "\(run.paths) windows of \(run.months) months, one starting every \(every) months: "
            + "each point is one window, placed at the month it starts."
        return ChartSection(title: title, intro: intro, figures: figures)
    }

    func line(
        _ title: String, axis: String, xs: [Double], series: [(Int, [Double])], format: TickFormat, reference: Double?
    ) -> ChartFigure {
        let chart = LineChart(
            frame: ChartFrame(title: title, xTitle: "Month the window starts", yTitle: axis),
            series: series.map { charts.series($0, xs: xs, ys: $1) },
            referenceY: reference, xFormat: .yearMonth, yFormat: format)
        return charts.figure("windows", title, title: title, caption: "Neighbouring windows share most of their months, so the line is smooth by construction.")
            { chart.svg(id: $0) }
    }
}
