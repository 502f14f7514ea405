import Charts
import CoreSatEngine

/// Where each policy sits: its CAGR against its volatility (medians across paths, or the one
/// path's values), one labelled point per policy.
extension RunCharts {
    func riskReturn() -> ChartFigure {
        let one = run.paths == 1
        let title = one ? "CAGR and volatility of each policy" : "Median CAGR and volatility of each policy"
        let markers = policies.compactMap { p -> LineChart.Marker? in
            guard let cagr = summary.policies[p].figures[.cagr], let volatility = summary.policies[p].figures[.annualVolatility]
            else { return nil }
            return LineChart.Marker(
                x: volatility.median, y: cagr.median, label: name(p), shape: p == benchmark ? .square : .circle,
                colorIndex: color(p))
        }
        let chart = LineChart(
            frame: ChartFrame(title: title, xTitle: "Annualized volatility (%)", yTitle: "CAGR (%/yr)", height: 400),
            series: [], markers: markers, xFormat: .percent(), yFormat: .percent())
        let caption = (one ? "Each point is a policy on the run's one path" : "Each point is a policy's median CAGR and median volatility across paths (not one path's pair)")
            + "; the square is the benchmark, \(name(benchmark)). Up and to the left is better."
        return figure("scatter", "risk-return", title: title, caption: caption) { chart.svg(id: $0) }
    }
}
