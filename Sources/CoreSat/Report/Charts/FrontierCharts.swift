import Charts
import Optimizer

/// The charts of `frontier --report` and `optimize --report`: the frontier with the assets and
/// marked portfolios, the weights along the frontier, and one portfolio's weights beside its
/// shares of risk. Asset i has palette colour i in every chart, so a reader can follow it.
struct FrontierCharts {
    let report: OptimizationReport

    var names: [String] { report.names }

    /// The frontier's, the capital market line's and the marked portfolios' colour (black): the
    /// assets take the palette's colours from the first, which black comes after; the portfolios
    /// are told apart from each other by shape.
    static let lineColor = Palette.colors.firstIndex(of: "#000000") ?? 0
    static let portfolioColor = lineColor

    /// Names the page's figures (see `ChartIDs.figure`).
    let figureIDs = ChartIDs()

    func figure(_ kind: String, _ id: String, title: String, caption: String, svg: (String) -> String) -> ChartFigure {
        figureIDs.figure(kind, id, title: title, caption: caption, svg: svg)
    }

    func frontierFigure(_ data: FrontierChartData, id: String, title: String, caption: String) -> ChartFigure {
        var series = [
            LineChart.Series(
                name: "efficient frontier", xs: data.curve.map(\.volatility), ys: data.curve.map(\.expectedReturn),
                colorIndex: Self.lineColor)
        ]
        if let slope = data.capitalMarketSharpe, let end = data.capitalMarketLine.last {
            // Drawn from a little left of the least volatile point, not from zero volatility, so the
            // plot stays on the portfolios; the caption gives the rate it starts from.
            let narrowest = (data.curve + data.assets.map(\.point) + data.marked.map(\.point)).map(\.volatility).min() ?? 0
            let start = min(0.8 * narrowest, end.volatility)
            series.append(LineChart.Series(
                name: "capital market line (risk-free \(OptimizationReport.percent(data.riskFree)))",
                xs: [start, end.volatility], ys: [data.riskFree + slope * start, end.expectedReturn],
                style: .dashed, colorIndex: Self.lineColor))
        }
        var markers = data.assets.enumerated().map { i, asset in
            LineChart.Marker(
                x: asset.point.volatility, y: asset.point.expectedReturn, label: asset.name, shape: .circle,
                colorIndex: i)
        }
        for portfolio in data.marked {
            let shape: MarkerShape =
                switch portfolio.kind {
                case .minimumVariance, .current: .square
                case .maximumSharpe: .diamond
                case .chosen: .triangle
                }
            markers.append(LineChart.Marker(
                x: portfolio.point.volatility, y: portfolio.point.expectedReturn, label: portfolio.label, shape: shape,
                colorIndex: Self.portfolioColor))
        }
        let chart = LineChart(
            // Taller than the default: assets and portfolios often crowd one corner, beside their labels.
            frame: ChartFrame(title: title, xTitle: "Volatility (%/yr)", yTitle: "Expected return (%/yr)", height: 440),
            series: series, markers: markers, xFormat: .percent(), yFormat: .percent(), directLabels: false)
        return figure("frontier", id, title: title, caption: caption) { chart.svg(id: $0) }
    }

    /// The weights of the frontier's portfolios against their volatility: stacked areas, or lines
    /// around zero when some weight is short (a stack cannot show a negative layer).
    func weightsFigure(_ points: [PortfolioSolution]) -> ChartFigure {
        let title = "Weights along the frontier"
        let optimal = points.filter { $0.isOptimal && $0.weights.count == names.count }
        guard optimal.count > 1 else {
            return .omitted(title: title, reason: "the frontier has a single portfolio")
        }
        let xs = optimal.map(report.annualVolatility)
        let weights = names.indices.map { i in optimal.map { $0.weights[i] } }
        let xTitle = "Volatility of the frontier portfolio (%/yr)"
        let short = weights.joined().contains { $0 < -1e-9 }
        let caption = "Each frontier portfolio's weights, from the least volatile (left) to the highest expected "
            + "return (right), at the volatility the frontier chart shows it"
            + (short ? "; drawn as lines because some weights are short (below the zero line)." : ".")
        if short {
            let chart = LineChart(
                frame: ChartFrame(title: title, xTitle: xTitle, yTitle: "Weight"),
                series: names.indices.map {
                    LineChart.Series(name: names[$0], xs: xs, ys: weights[$0], colorIndex: $0)
                },
                referenceY: 0, xFormat: .percent(), yFormat: .percent())
            return figure("weights", "frontier", title: title, caption: caption) { chart.svg(id: $0) }
        }
        let chart = StackedAreaChart(
            frame: ChartFrame(title: title, xTitle: xTitle, yTitle: "Weight"), xs: xs,
            layers: names.indices.map { StackedAreaChart.Layer(name: names[$0], values: weights[$0], colorIndex: $0) },
            asShare: true, xFormat: .percent(), yFormat: .percent())
        return figure("weights", "frontier", title: title, caption: caption) { chart.svg(id: $0) }
    }

    /// One portfolio's weight and share of the variance per asset, side by side.
    func allocationFigure(_ s: PortfolioSolution, title: String) -> ChartFigure {
        guard s.isOptimal, s.weights.count == names.count, s.riskContributions.count == names.count else {
            return .omitted(title: title, reason: "the problem has no solution")
        }
        let chart = GroupedBarChart(
            frame: ChartFrame(title: title, xTitle: "Asset", yTitle: "Share of the portfolio (%)"), categories: names,
            series: [
                GroupedBarChart.Series(name: "weight", values: s.weights, colorIndex: 0),
                GroupedBarChart.Series(name: "share of the variance", values: s.riskContributions, colorIndex: 1),
            ],
            valueFormat: .percent(), showValues: names.count <= 12)
        let caption = "Each asset's weight beside its share of the portfolio's variance, w_i (Σw)_i / wᵀΣw, which "
            + "sums to 100%: an asset whose share of the variance is above its weight adds more than its weight's "
            + "worth of risk."
        return figure("allocation", "portfolio", title: title, caption: caption) { chart.svg(id: $0) }
    }
}
