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
        figures.append(try cagrDistribution())
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

    /// Each policy's CAGR as a cumulative distribution: one line per policy reads clearly where
    /// overlaid histograms would not, and crossing lines show where one policy does better in bad
    /// outcomes and the other in good ones.
    func cagrDistribution() throws -> ChartFigure {
        let title = "CAGR across paths, cumulative"
        let shares = (1...99).map { Double($0) / 100 }
        let series = try charts.policies.map { p -> LineChart.Series in
            let sorted = try charts.columns.values(policy: p, .cagr).filter(\.isFinite).sorted()
            let xs = shares.map { Self.quantile(sorted, $0) }
            return charts.series(p, xs: xs, ys: shares)
        }
        let chart = LineChart(
            frame: ChartFrame(title: title, xTitle: "CAGR (%/yr)", yTitle: "Share of paths at or below (%)"),
            series: series, xFormat: .percent(), yFormat: .percent())
        let caption = "Each line gives the share of paths (up) whose CAGR is at or below a value (across), from the 1st "
            + "to the 99th percentile: a line further right is better; where two lines cross, one policy does better in "
            + "bad outcomes and the other in good ones."
        return charts.figure("cdf", "cagr", title: title, caption: caption) { chart.svg(id: $0) }
    }

    /// The `share` quantile of sorted values, interpolated between neighbours; NaN when there are none.
    static func quantile(_ sorted: [Double], _ share: Double) -> Double {
        guard let last = sorted.indices.last else { return .nan }
        let position = share * Double(last)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, last)
        return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
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
