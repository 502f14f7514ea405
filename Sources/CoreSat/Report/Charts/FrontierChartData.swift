import Optimizer

/// What an efficient-frontier chart draws, annualized like the tables (returns x periods,
/// volatilities x √periods): the frontier, each asset on its own, the marked portfolios and the
/// capital market line. Kept apart from the drawing so the numbers can be checked as numbers.
struct FrontierChartData: Sendable {
    struct Point: Sendable, Equatable {
        var volatility: Double
        var expectedReturn: Double
    }

    /// A portfolio marked on the chart; `kind` picks its marker shape.
    struct Marked: Sendable, Equatable {
        /// `current`: the weights a turnover limit starts from.
        enum Kind: Sendable, Equatable { case minimumVariance, maximumSharpe, chosen, current }
        var label: String
        var kind: Kind
        var point: Point
    }

    /// The frontier's optimal points, from the minimum-variance portfolio up.
    var curve: [Point]
    /// Each asset held alone, in the inputs' order (also the colour order of the weights chart).
    var assets: [(name: String, point: Point)]
    var marked: [Marked]
    /// From the risk-free rate at no volatility through the tangency portfolio, to the chart's
    /// widest volatility; empty without a tangency portfolio that beats the rate.
    var capitalMarketLine: [Point]
    var riskFree: Double

    /// `marked`: the portfolios to mark by their weights (figured as `PortfolioSolution`s are),
    /// with their labels; `tangency`: the portfolio the capital market line goes through (the
    /// maximum-Sharpe one at the report's risk-free rate), if any.
    init(
        report: OptimizationReport, inputs: PortfolioInputs, frontier: [PortfolioSolution],
        marked: [(label: String, kind: Marked.Kind, weights: [Double])], tangency: PortfolioSolution?
    ) {
        riskFree = report.riskFree
        let point = { (s: PortfolioSolution) in
            Point(volatility: report.annualVolatility(s), expectedReturn: report.annualReturn(s))
        }
        curve = frontier.filter(\.isOptimal).map(point).filter(Self.isFinite)
        let root = report.periodsPerYear.squareRoot()
        assets = inputs.names.indices.map { i in
            let alone = Point(
                volatility: max(inputs.variance(i), 0).squareRoot() * root,
                expectedReturn: inputs.mean[i] * report.periodsPerYear)
            return (inputs.names[i], alone)
        }
        self.marked = marked.filter { $0.weights.count == inputs.assetCount }
            .map { mark in
                let figures = PortfolioFigures(weights: mark.weights, inputs: inputs)
                let alone = Point(
                    volatility: figures.volatility * root,
                    expectedReturn: figures.expectedReturn * report.periodsPerYear)
                return Marked(label: mark.label, kind: mark.kind, point: alone)
            }
            .filter { Self.isFinite($0.point) }
        capitalMarketLine = []
        guard let tangency, tangency.isOptimal else { return }
        let top = point(tangency)
        guard Self.isFinite(top), top.volatility > 0, top.expectedReturn > riskFree, riskFree.isFinite else { return }
        let slope = (top.expectedReturn - riskFree) / top.volatility
        let widest = (curve + assets.map(\.point) + self.marked.map(\.point))
            .map(\.volatility).filter(\.isFinite).max() ?? top.volatility
        let end = max(widest, top.volatility)
        capitalMarketLine = [
            Point(volatility: 0, expectedReturn: riskFree), top,
            Point(volatility: end, expectedReturn: riskFree + slope * end),
        ]
    }

    static func isFinite(_ p: Point) -> Bool { p.volatility.isFinite && p.expectedReturn.isFinite }

    /// The Sharpe ratio of the capital market line (its slope), or nil when there is none.
    var capitalMarketSharpe: Double? {
        guard capitalMarketLine.count > 1 else { return nil }
        let top = capitalMarketLine[1]
        return (top.expectedReturn - riskFree) / top.volatility
    }
}
