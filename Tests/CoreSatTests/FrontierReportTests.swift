import Foundation
import Optimizer
import PageInspection
import Testing

@testable import CoreSat

/// The pages of `frontier --report` and `optimize --report`, and the numbers their charts draw.
struct FrontierReportTests {
    static let names = ["A", "B", "C"]
    static let inputs = PortfolioInputs(
        names: names, mean: [0.008, 0.006, 0.01],
        covariance: [0.0025, 0.0006, 0.0002, 0.0006, 0.0016, 0.0004, 0.0002, 0.0004, 0.0036])
    static let provenance = PortfolioProvenance(
        source: "mean.csv and cov.csv", estimator: "none: given", arguments: ["frontier", "--report", "a b.html"],
        build: "test")

    static func report(riskFree: Double = 0.02) -> OptimizationReport {
        OptimizationReport(title: "Frontier", names: names, periodsPerYear: 12, riskFreeAnnual: riskFree)
    }

    static func frontier(
        riskFree: Double = 0.02, constraints: PortfolioConstraints = PortfolioConstraints(assets: 3), points: Int = 12
    ) -> EfficientFrontier {
        EfficientFrontier.solve(inputs: inputs, constraints: constraints, points: points, riskFree: riskFree / 12)
    }

    func marked(_ data: FrontierChartData, _ kind: FrontierChartData.Marked.Kind) -> FrontierChartData.Point? {
        data.marked.first { $0.kind == kind }?.point
    }

    /// The marked maximum-Sharpe point is the portfolio the JSON output calls `maximum_sharpe`.
    @Test func theMaximumSharpeMarkerIsTheJSONOutputsPortfolio() throws {
        let report = Self.report()
        let frontier = Self.frontier()
        let data = HTMLOptimizationReport.frontierData(frontier, report: report, inputs: Self.inputs)
        let json = try #require(
            JSONSerialization.jsonObject(
                with: Data(report.frontierJSON(frontier.points, tangency: frontier.tangency).utf8)) as? [String: Any])
        let best = try #require(json["maximum_sharpe"] as? [String: Any])
        let tangency = try #require(frontier.tangency)
        let point = try #require(marked(data, .maximumSharpe))
        // The JSON prints these very numbers; its parser may miss the last bit.
        #expect(point.volatility == report.annualVolatility(tangency))
        #expect(point.expectedReturn == report.annualReturn(tangency))
        #expect(abs(point.volatility - (best["volatility_annual"] as? Double ?? 0)) <= 1e-15)
        #expect(abs(point.expectedReturn - (best["expected_return_annual"] as? Double ?? 0)) <= 1e-15)
        let points = try #require(json["points"] as? [[String: Any]])
        let least = try #require(marked(data, .minimumVariance))
        #expect(abs(least.volatility - (points.first?["volatility_annual"] as? Double ?? 0)) <= 1e-15)
        #expect(data.curve.count == points.count)
    }

    /// The capital market line starts at the risk-free rate, goes through the tangency portfolio,
    /// and no frontier portfolio or asset lies above it.
    @Test func theCapitalMarketLineTouchesTheFrontierFromAbove() throws {
        let data = HTMLOptimizationReport.frontierData(Self.frontier(), report: Self.report(), inputs: Self.inputs)
        let line = data.capitalMarketLine
        #expect(line.count == 3)
        #expect(line.first == FrontierChartData.Point(volatility: 0, expectedReturn: 0.02))
        #expect(line[1] == marked(data, .maximumSharpe))
        let slope = try #require(data.capitalMarketSharpe)
        for p in data.curve + data.assets.map(\.point) {
            #expect(p.expectedReturn <= 0.02 + slope * p.volatility + 1e-12, "\(p) lies above the line")
        }
        let widest = (data.curve + data.assets.map(\.point)).map(\.volatility).max() ?? 0
        #expect(line[2].volatility == widest)
    }

    @Test func assetsAreTheirOwnAnnualizedMoments() {
        let data = HTMLOptimizationReport.frontierData(Self.frontier(), report: Self.report(), inputs: Self.inputs)
        #expect(data.assets.map(\.name) == Self.names)
        #expect(abs(data.assets[0].point.volatility - (0.0025 * 12).squareRoot()) <= 1e-15)
        #expect(abs(data.assets[2].point.expectedReturn - 0.12) <= 1e-15)
    }

    /// A rate above every portfolio's return: no tangency portfolio, no line, and the page says so.
    @Test func aRiskFreeRateAboveEveryReturnDrawsNoLine() {
        let report = Self.report(riskFree: 0.5)
        let frontier = Self.frontier(riskFree: 0.5)
        #expect(frontier.tangency == nil)
        let data = HTMLOptimizationReport.frontierData(frontier, report: report, inputs: Self.inputs)
        #expect(data.capitalMarketLine.isEmpty && marked(data, .maximumSharpe) == nil)
        let html = HTMLOptimizationReport.frontier(
            frontier, report: report, inputs: Self.inputs, constraints: PortfolioConstraints(assets: 3),
            provenance: Self.provenance)
        #expect(html.contains("there is no maximum-Sharpe portfolio and no capital market line"))
        #expect(html.contains("earns more than the risk-free rate"))
    }

    @Test func theFrontierPageHasItsChartsAndNothingToFetch() throws {
        let html = HTMLOptimizationReport.frontier(
            Self.frontier(), report: Self.report(), inputs: Self.inputs, constraints: PortfolioConstraints(assets: 3),
            provenance: Self.provenance)
        let page = PageReader.read(html)
        #expect(page.error == nil, "\(String(describing: page.error))")
        #expect(page.attributes["data-chart"] == ["frontier-efficient", "weights-frontier"])
        // One marker per asset, the minimum-variance and the maximum-Sharpe portfolios.
        #expect(html.components(separatedBy: "class=\"mark marker\"").count - 1 == 3 + 2)
        #expect(html.components(separatedBy: "class=\"mark area\"").count - 1 == 3)
        let outside = html.replacingOccurrences(of: HTMLReportTests.svgNamespace, with: "")
        #expect(!outside.contains("http://") && !outside.contains("https://") && !html.contains("<script"))
        let ids = Set(page.attributes["id"] ?? [])
        #expect(ids.contains("inputs-and-constraints") && !ids.contains("headline") && !ids.contains("scenario"))
        #expect(page.text.contains("coresat frontier --report 'a b.html'"))
        #expect(page.text.contains("largest KKT residual"))
    }

    /// Short positions cannot be stacked: the weights become lines around a zero line.
    @Test func shortWeightsAreDrawnAsLines() {
        var constraints = PortfolioConstraints(assets: 3, lower: -0.5, upper: 1)
        constraints.groups = []
        let frontier = Self.frontier(constraints: constraints)
        #expect(frontier.points.contains { $0.weights.contains { $0 < 0 } })
        let charts = FrontierCharts(report: Self.report())
        guard case .chart(_, _, _, let caption, let svg) = charts.weightsFigure(frontier.points) else {
            Issue.record("no weights chart")
            return
        }
        #expect(svg.components(separatedBy: "class=\"mark line\"").count - 1 == 3 && !svg.contains("mark area"))
        #expect(caption.contains("short"))
    }

    /// An optimize page draws the frontier without the turnover limit, marks the current weights,
    /// and says why the answer lies off the frontier.
    @Test func aTurnoverLimitIsLeftOffTheFrontierAndSaid() throws {
        var constraints = PortfolioConstraints(assets: 3)
        constraints.turnover = .init(current: [0.2, 0.2, 0.6], limit: 0.1)
        let solution = PortfolioOptimizer().answer(.minimumVariance, inputs: Self.inputs, constraints: constraints)
        let content = HTMLOptimizationReport.optimizeContent(
            solution, objective: .minimumVariance, objectiveName: "minimum-variance", report: Self.report(),
            inputs: Self.inputs, constraints: constraints, provenance: Self.provenance)
        let figures = content.chartSections.flatMap(\.figures)
        #expect(figures.count == 2)
        guard case .chart(let id, _, _, let caption, let svg) = figures[0] else {
            Issue.record("no frontier chart")
            return
        }
        #expect(id == "chosen" && caption.contains("without the turnover limit"))
        // Assets, the answer and the current weights.
        #expect(svg.components(separatedBy: "class=\"mark marker\"").count - 1 == 3 + 2)
        #expect(content.tables.map(\.title) == ["Portfolio", "Frontier drawn beside it (without the turnover limit)"])
        let html = HTMLOptimizationReport.optimize(
            solution, objective: .minimumVariance, objectiveName: "minimum-variance", report: Self.report(),
            inputs: Self.inputs, constraints: constraints, provenance: Self.provenance)
        #expect(html.contains("data-chart=\"allocation-portfolio\"") && html.contains("current weight"))
    }

    /// The maximum-Sharpe answer is where the capital market line touches the frontier.
    @Test func aMaximumSharpeAnswerGetsTheCapitalMarketLine() throws {
        let report = Self.report()
        let goal = PortfolioObjective.maximumSharpe(riskFree: 0.02 / 12)
        let constraints = PortfolioConstraints(assets: 3)
        let solution = PortfolioOptimizer().answer(goal, inputs: Self.inputs, constraints: constraints)
        let content = HTMLOptimizationReport.optimizeContent(
            solution, objective: goal, objectiveName: "maximum-sharpe", report: report, inputs: Self.inputs,
            constraints: constraints, provenance: Self.provenance)
        guard case .chart(_, _, _, let caption, let svg) = content.chartSections.first?.figures.first else {
            Issue.record("no frontier chart")
            return
        }
        #expect(svg.contains("capital market line") && caption.contains("lies on it"))
        #expect(caption.contains(OptimizationReport.percent(report.annualVolatility(solution))))
    }

    /// A frontier that cannot be drawn (a singular covariance) is a figure saying why, while the
    /// answer, which needs no covariance, is still shown.
    @Test func aSingularCovarianceLeavesTheFrontierOut() throws {
        let inputs = PortfolioInputs(names: ["A", "B"], mean: [0.01, 0.005], covariance: [0.001, 0.001, 0.001, 0.001])
        let problem = FactorExposureProblem(factorNames: ["value"], exposures: [1, 0], target: 0, neutral: [])
        let constraints = PortfolioConstraints(assets: 2, upper: 0.7)
        let solution = PortfolioOptimizer().answer(.factorExposure(problem), inputs: inputs, constraints: constraints)
        #expect(solution.isOptimal)
        let report = OptimizationReport(title: "t", names: ["A", "B"], periodsPerYear: 12, riskFreeAnnual: 0)
        let content = HTMLOptimizationReport.optimizeContent(
            solution, objective: .factorExposure(problem), objectiveName: "factor-exposure", report: report,
            inputs: inputs, constraints: constraints, provenance: Self.provenance)
        let figures = content.chartSections.flatMap(\.figures)
        guard case .omitted(_, let reason) = figures.first else {
            Issue.record("the frontier was drawn")
            return
        }
        #expect(reason.contains("not positive definite"))
        if case .chart(let id, _, _, _, _) = figures.last {
            #expect(id == "portfolio")
        } else {
            Issue.record("no bars")
        }
        #expect(content.tables.map(\.title) == ["Portfolio"])
    }

    /// The text output is the blocks' table: the page and the terminal show the same cells.
    @Test func theFrontierTableIsTheTextOutputsTable() throws {
        let report = Self.report()
        let frontier = Self.frontier()
        let text = report.frontierTable(frontier.points, tangency: frontier.tangency)
        let blocks = report.frontierBlocks(frontier.points, tangency: frontier.tangency)
        guard case .table(let table) = blocks.first else {
            Issue.record("no table")
            return
        }
        #expect(text.contains(table.rendered()))
        #expect(table.rows.count == frontier.points.count + 1 && table.rows.last?.first == "max Sharpe")
    }
}
