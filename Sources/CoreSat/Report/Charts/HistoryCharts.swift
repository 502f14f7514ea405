import Charts
import CoreSatEngine
import Foundation

/// A backtest's dated path: cumulative wealth with the regimes shaded, drawdowns, each policy's
/// weights month by month, and the rolling 36-month excess return over the benchmark.
struct HistoryCharts {
    let charts: RunCharts
    static let rollingMonths = 36

    func section() throws -> ChartSection {
        let run = charts.run
        let first = run.firstMonthIndex ?? 0
        let months = run.layout.returnMonths
        let xs = (0..<months).map { Double(first + $0) }
        let returns = try charts.policies.map { try charts.columns.monthlyReturns(policy: $0) }
        let shades = try regimeShades(xs: xs)
        var figures = [
            wealth(xs: xs, returns: returns, shades: shades),
            drawdowns(xs: xs, returns: returns),
            try rolling(xs: xs, returns: returns),
            charts.riskReturn(),
        ]
        figures += try weights(xs: xs)
        let span = "\(YearMonth(index: first)) to \(YearMonth(index: first + months - 1))"
        var intro = "The recorded months \(span), as each policy's account lived through them (after fees and trading costs)."
        if !shades.isEmpty { intro += " Shaded: the market's regime in each month." }
        return ChartSection(title: "History", intro: intro, figures: figures)
    }

    /// Runs of months in one regime, as shaded intervals (from the end of the month before the first
    /// to the end of the last).
    func regimeShades(xs: [Double]) throws -> [LineChart.Shade] {
        guard charts.run.layout.keepsMonthlyRegimes else { return [] }
        let labels = try charts.columns.monthlyRegimes()
        var shades: [LineChart.Shade] = []
        var start = 0
        for t in labels.indices where t + 1 == labels.count || labels[t + 1] != labels[t] {
            let k = labels[t]
            let name = charts.run.regimeNames.indices.contains(k) ? charts.run.regimeNames[k] : "unknown"
            // A point is the value at its month's end, so month t spans x - 1 to x.
            shades.append(LineChart.Shade(from: xs[start] - 1, to: xs[t], label: name, colorIndex: max(k, 0)))
            start = t + 1
        }
        return shades
    }

    /// Growth of 1 at the start and at each month end; NaN once the account emptied.
    static func growth(_ r: [Double]) -> [Double] {
        var value = 1.0
        return [1] + r.map { value *= 1 + $0; return value }
    }

    /// The month ends the growth and drawdown lines are drawn at: the end of the month before the
    /// first, then each month's.
    static func withStart(_ xs: [Double]) -> [Double] {
        xs.isEmpty ? [] : [xs[0] - 1] + xs
    }

    func series(xs: [Double], _ ys: [[Double]]) -> [LineChart.Series] {
        charts.policies.map { charts.series($0, xs: xs, ys: ys[$0]) }
    }

    func wealth(xs: [Double], returns: [[Double]], shades: [LineChart.Shade]) -> ChartFigure {
        let title = "Growth of 1"
        let growth = returns.map(Self.growth)
        let scale = WealthCharts.scale(growth)
        let chart = LineChart(
            frame: ChartFrame(
                title: title, xTitle: "Month", yTitle: scale == .log ? "Wealth (growth of 1, log scale)" : "Wealth (growth of 1)"),
            series: series(xs: Self.withStart(xs), growth), shades: shades, yScale: scale, xFormat: .yearMonth,
            yFormat: .number)
        let ends = charts.policies.map { "\(charts.name($0)) \(TableReport.number(growth[$0].last ?? .nan))" }
        return charts.figure("history", "wealth", title: title, caption: "Ending values: " + ends.joined(separator: "; ") + ".")
            { chart.svg(id: $0) }
    }

    func drawdowns(xs: [Double], returns: [[Double]]) -> ChartFigure {
        let title = "Drawdown"
        let curves = returns.map { r -> [Double] in
            var peak = 1.0
            return Self.growth(r).map { value in
                peak = max(peak, value)
                return value.isFinite ? value / peak - 1 : .nan
            }
        }
        let chart = LineChart(
            frame: ChartFrame(title: title, xTitle: "Month", yTitle: "Fall from the previous peak (%)"),
            series: series(xs: Self.withStart(xs), curves), referenceY: 0, xFormat: .yearMonth, yFormat: .percent())
        let worst = charts.policies.map { "\(charts.name($0)) \(TableReport.percent(curves[$0].filter(\.isFinite).min() ?? .nan, 1))" }
        return charts.figure("history", "drawdown", title: title, caption: "Deepest: " + worst.joined(separator: "; ") + ".")
            { chart.svg(id: $0) }
    }

    func rolling(xs: [Double], returns: [[Double]]) throws -> ChartFigure {
        let window = Self.rollingMonths
        let title = "Rolling \(window)-month excess return over \(charts.name(charts.benchmark))"
        guard xs.count >= window else {
            return .omitted(title: title, reason: "the backtest has fewer than \(window) months")
        }
        let others = charts.policies.filter { $0 != charts.benchmark }
        guard !others.isEmpty else { return .omitted(title: title, reason: "the run has only the benchmark policy") }
        let bench = returns[charts.benchmark]
        let lines = try others.map { p in
            try returns[p].withUnsafeBufferPointer { r in
                try bench.withUnsafeBufferPointer { b in
                    try HistoricalFigures.rollingExcessReturn(r, benchmark: b, window: window)
                }
            }
        }
        let ends = Array(xs[(window - 1)...])
        let chart = LineChart(
            frame: ChartFrame(title: title, xTitle: "Month the window ends", yTitle: "Annualized excess return (%)"),
            series: others.enumerated().map { i, p in
                LineChart.Series(name: charts.name(p), xs: ends, ys: lines[i], colorIndex: charts.color(p))
            },
            referenceY: 0, xFormat: .yearMonth, yFormat: .signedPercent)
        return charts.figure("history", "rolling", title: title,
            caption: "Each point: the policy's annualized return over the \(window) months ending there, minus the benchmark's.")
            { chart.svg(id: $0) }
    }

    /// Each policy's satellite weights at every month end, stacked (the core is the rest): they hold
    /// from one month end to the next, so they are drawn as steps. Results saved without the
    /// satellites' names stack every asset. A policy with one asset ever held has nothing to show.
    func weights(xs: [Double]) throws -> [ChartFigure] {
        let layout = charts.run.layout
        let assets = layout.monthlyAssets
        guard !assets.isEmpty else {
            return [.omitted(title: "Weights over time", reason: "these results were saved without monthly weights")]
        }
        let satellites = Set(layout.satelliteAssets)
        let shown = satellites.isEmpty ? Array(assets.indices) : assets.indices.filter { satellites.contains(assets[$0]) }
        let what = satellites.isEmpty ? "weights" : "satellite weights"
        var figures: [ChartFigure] = []
        for p in charts.policies {
            let weights = try charts.columns.monthlyWeights(policy: p)
            let held = shown.filter { a in weights[a].contains { $0 > 0 } }
            let title = "\(charts.name(p)): \(what) over time"
            guard held.count > (satellites.isEmpty ? 1 : 0) else { continue }
            let chart = StackedAreaChart(
                frame: ChartFrame(title: title, xTitle: "Month", yTitle: "Share of the portfolio (%)"), xs: xs,
                layers: held.map { StackedAreaChart.Layer(name: assets[$0], values: weights[$0], colorIndex: $0) },
                asShare: false, xFormat: .yearMonth, yFormat: .percent(), steps: true)
            let caption = "Each \(satellites.isEmpty ? "asset" : "satellite")'s share of the portfolio after any trade at a month end, "
                + "held until the next" + (satellites.isEmpty ? "." : "; the rest is the core.")
            figures.append(charts.figure("weights", charts.name(p), title: title, caption: caption) { chart.svg(id: $0) })
        }
        return figures.isEmpty ? [.omitted(title: "Weights over time", reason: "no policy held a satellite")] : figures
    }
}
