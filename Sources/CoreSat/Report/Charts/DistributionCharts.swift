import Charts
import CoreSatEngine

/// How each policy's figures spread across paths: box plots of CAGR, terminal wealth, maximum and
/// longest drawdown (and months to depletion where accounts run out), and the CAGR histograms.
struct DistributionCharts {
    let charts: RunCharts

    func section() throws -> ChartSection {
        let title = "Distributions across paths"
        guard charts.run.paths > 1 else {
            return ChartSection(title: title, intro: "", figures: [
                .omitted(title: "Distributions across paths", reason: "the run has one path: there is no distribution to draw")
            ])
        }
        var figures = [
            boxes(.cagr, "CAGR", axis: "CAGR (%/yr)", format: .percent()),
            boxes(.terminalWealth, "Terminal wealth", axis: "Wealth at the end (money)", format: .money),
            boxes(.maxDrawdown, "Maximum drawdown", axis: "Largest fall from a peak (%)", format: .percent()),
            boxes(.longestDrawdown, "Longest drawdown", axis: "Months below a previous peak", format: .integer),
        ]
        figures.append(charts.riskReturn())
        figures.append(depletion())
        figures.append(try cagrHistogram())
        let intro = "Box plots: the box holds the middle half of paths (25th to 75th percentile), the line in it is the "
            + "median, the whiskers reach the 5th and 95th percentiles and the dot is the mean."
        return ChartSection(title: title, intro: intro, figures: figures)
    }

    func row(_ p: Int, _ d: Distribution) -> BoxPlotChart.Row {
        BoxPlotChart.Row(
            name: charts.name(p), p05: d.p05, p25: d.p25, p50: d.median, p75: d.p75, p95: d.p95, mean: d.mean,
            highlight: p == charts.benchmark, colorIndex: charts.color(p))
    }

    func boxes(_ figure: PathFigure, _ title: String, axis: String, format: TickFormat) -> ChartFigure {
        let rows = charts.summary.policies.indices.compactMap { p in charts.summary.policies[p].figures[figure].map { row(p, $0) } }
        let chart = BoxPlotChart(frame: ChartFrame(title: "\(title) across paths", xTitle: axis), rows: rows, xFormat: format)
        let caption = "The benchmark, \(charts.name(charts.benchmark)), is the grey row in bold; each policy keeps its colour from the other charts."
        return charts.figure("box", figure.key, title: "\(title) across paths", caption: caption) { chart.svg(id: $0) }
    }

    /// Months to depletion, over the paths where the account ran out.
    func depletion() -> ChartFigure {
        let title = "Months until the account ran out"
        let policies = charts.summary.policies
        let depleting = policies.indices.filter { policies[$0].probabilityOfDepletion > 0 }
        guard !depleting.isEmpty else {
            return .omitted(title: title, reason: "no account ran out on any path")
        }
        let rows = depleting.compactMap { p in policies[p].figures[.monthsToDepletion].map { row(p, $0) } }
        let chart = BoxPlotChart(
            frame: ChartFrame(title: title, xTitle: "Month the account emptied (paths where it did)"), rows: rows, xFormat: .integer)
        let shares = depleting.map { "\(charts.name($0)) \(TableReport.percent(policies[$0].probabilityOfDepletion, 1))" }
        let caption = "Share of paths where the account ran out: " + shares.joined(separator: "; ") + "."
        return charts.figure("box", "depletion", title: title, caption: caption) { chart.svg(id: $0) }
    }

    /// Overlaid CAGR histograms; at most eight policies, so the outlines stay apart.
    func cagrHistogram() throws -> ChartFigure {
        let title = "CAGR across paths"
        guard charts.policies.count <= 8 else {
            return .omitted(title: title, reason: "more than eight policies would overlap; the box plot above compares them")
        }
        let samples = try charts.policies.map { p in
            HistogramChart.Sample(name: charts.name(p), values: try charts.columns.values(policy: p, .cagr), colorIndex: charts.color(p))
        }
        let spreads = charts.summary.policies.compactMap { $0.figures[.cagr] }
        let chart = HistogramChart(
            frame: ChartFrame(title: title, xTitle: "CAGR (%/yr)", yTitle: "Share of paths (%)"), samples: samples,
            clip: Self.clip(spreads), xFormat: .percent())
        return charts.figure("histogram", "cagr", title: title,
            caption: "Each outline is one policy's share of paths by CAGR; the few paths beyond the edges are counted in the edge bins.")
            { chart.svg(id: $0) }
    }

    /// A range that keeps the 5th-95th percentile spread of every distribution with room on each
    /// side, so a few extreme paths do not squeeze the rest.
    static func clip(_ distributions: [Distribution]) -> ClosedRange<Double>? {
        let lows = distributions.map(\.p05).filter(\.isFinite), highs = distributions.map(\.p95).filter(\.isFinite)
        guard let low = lows.min(), let high = highs.max(), high > low else { return nil }
        let room = (high - low) / 2
        return (low - room)...(high + room)
    }
}
