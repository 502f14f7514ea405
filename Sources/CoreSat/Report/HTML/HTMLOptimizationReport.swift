import Foundation
import Optimizer

/// `frontier --report` and `optimize --report`: a page of the efficient frontier (assets, the
/// minimum-variance and maximum-Sharpe portfolios, the capital market line, the weights along the
/// frontier), or of one solved portfolio marked on the frontier of the same inputs, with the
/// inputs, the constraints and the tables the text output prints.
public enum HTMLOptimizationReport {
    /// Points of the frontier an `optimize` page draws its portfolio on.
    static let comparisonPoints = 25

    public static func frontier(
        _ frontier: EfficientFrontier, report: OptimizationReport, inputs: PortfolioInputs,
        constraints: PortfolioConstraints, provenance: PortfolioProvenance
    ) -> String {
        HTMLReport.render(
            frontierContent(frontier, report: report, inputs: inputs, constraints: constraints, provenance: provenance))
    }

    /// `objectiveName` is the objective as the command named it ("maximum-sharpe").
    public static func optimize(
        _ solution: PortfolioSolution, objective: PortfolioObjective, objectiveName: String, report: OptimizationReport,
        inputs: PortfolioInputs, constraints: PortfolioConstraints, provenance: PortfolioProvenance
    ) -> String {
        HTMLReport.render(
            optimizeContent(
                solution, objective: objective, objectiveName: objectiveName, report: report, inputs: inputs,
                constraints: constraints, provenance: provenance))
    }

    static func frontierContent(
        _ frontier: EfficientFrontier, report: OptimizationReport, inputs: PortfolioInputs,
        constraints: PortfolioConstraints, provenance: PortfolioProvenance
    ) -> HTMLReportContent {
        let charts = FrontierCharts(report: report)
        let data = frontierData(frontier, report: report, inputs: inputs)
        let title = "Efficient frontier"
        let figures: [ChartFigure] = [
            frontier.exists
                ? charts.frontierFigure(data, id: "efficient", title: title, caption: frontierCaption(frontier, report))
                : .omitted(title: title, reason: "the minimum-variance problem has no solution"),
            charts.weightsFigure(frontier.points),
        ]
        let overview = PortfolioInputsOverview(
            report: report, inputs: inputs, constraints: constraints, provenance: provenance)
        return HTMLReportContent(
            title: report.title, provenance: header(provenance), reproduce: reproduce(provenance),
            overview: overview.blocks(), overviewTitle: "Inputs and constraints", headline: nil,
            chartSections: [
                ChartSection(
                    title: title,
                    intro: "Each point of the frontier is the least volatile portfolio for its expected return "
                        + "within the constraints; the circles are the assets held alone. " + summary(frontier, report),
                    figures: figures)
            ],
            tables: [
                ReportSection(
                    title: "Frontier portfolios",
                    blocks: report.frontierBlocks(frontier.points, tangency: frontier.tangency))
            ])
    }

    /// The frontier chart's data for a `frontier` page: assets, the minimum-variance and the
    /// maximum-Sharpe portfolios, and the capital market line through the latter.
    static func frontierData(
        _ frontier: EfficientFrontier, report: OptimizationReport, inputs: PortfolioInputs
    ) -> FrontierChartData {
        var marked: [(label: String, kind: FrontierChartData.Marked.Kind, weights: [Double])] = [
            ("minimum variance", .minimumVariance, frontier.minimumVariance.weights)
        ]
        if let tangency = frontier.tangency { marked.append(("maximum Sharpe", .maximumSharpe, tangency.weights)) }
        return FrontierChartData(
            report: report, inputs: inputs, frontier: frontier.points, marked: marked, tangency: frontier.tangency)
    }

    static func optimizeContent(
        _ solution: PortfolioSolution, objective: PortfolioObjective, objectiveName: String, report: OptimizationReport,
        inputs: PortfolioInputs, constraints: PortfolioConstraints, provenance: PortfolioProvenance
    ) -> HTMLReportContent {
        var frontierConstraints = constraints
        frontierConstraints.turnover = nil
        let frontier = EfficientFrontier.solve(
            inputs: inputs, constraints: frontierConstraints, points: comparisonPoints,
            riskFree: report.riskFree / report.periodsPerYear)
        let charts = FrontierCharts(report: report)
        let sentence = PortfolioObjectiveText.sentence(objective, report: report)
        var tangency: PortfolioSolution?
        if case .maximumSharpe = objective { tangency = solution }
        var marked: [(label: String, kind: FrontierChartData.Marked.Kind, weights: [Double])] = [
            (objectiveName, .chosen, solution.weights)
        ]
        if let current = constraints.turnover?.current { marked.append(("current", .current, current)) }
        let data = FrontierChartData(
            report: report, inputs: inputs, frontier: frontier.points, marked: marked, tangency: tangency)
        let frontierTitle = "The \(objectiveName) portfolio on the efficient frontier"
        let position =
            "It has an expected return of \(OptimizationReport.percent(report.annualReturn(solution))) a year and a "
            + "volatility of \(OptimizationReport.percent(report.annualVolatility(solution)))."
        let frontierFigure: ChartFigure =
            frontier.exists
            ? charts.frontierFigure(
                data, id: "chosen", title: frontierTitle,
                caption: position + " "
                    + PortfolioObjectiveText.frontierNote(objective, turnover: constraints.turnover))
            : .omitted(
                title: frontierTitle,
                reason: "the minimum-variance problem under these constraints has no solution ("
                    + reason(frontier.minimumVariance.status) + ")")
        var tables = [ReportSection(title: "Portfolio", blocks: report.blocks(solution))]
        if frontier.exists {
            let drawn = constraints.turnover == nil ? "" : " (without the turnover limit)"
            tables.append(
                ReportSection(
                    title: "Frontier drawn beside it\(drawn)",
                    blocks: report.frontierBlocks(frontier.points, tangency: frontier.tangency)))
        }
        let overview = PortfolioInputsOverview(
            report: report, inputs: inputs, constraints: constraints, provenance: provenance)
        return HTMLReportContent(
            title: report.title, provenance: header(provenance), reproduce: reproduce(provenance),
            overview: overview.blocks(objective: "\(objectiveName): \(sentence)"),
            overviewTitle: "Inputs and constraints", headline: nil,
            chartSections: [
                ChartSection(
                    title: "The \(objectiveName) portfolio",
                    intro: "The weights that give \(sentence), within the constraints. " + position,
                    figures: [frontierFigure, charts.allocationFigure(solution, title: "Weights and shares of risk")])
            ],
            tables: tables)
    }

    /// What the frontier's ends and its tangency portfolio are, in one or two sentences.
    static func summary(_ frontier: EfficientFrontier, _ report: OptimizationReport) -> String {
        let percent = OptimizationReport.percent
        guard let least = frontier.points.first, let highest = frontier.points.last else {
            return "There is no frontier: no weights meet the constraints with a finite variance."
        }
        var text = "It runs from \(percent(report.annualReturn(least))) a year at "
            + "\(percent(report.annualVolatility(least))) volatility (the minimum-variance portfolio) to "
            + "\(percent(report.annualReturn(highest))) at \(percent(report.annualVolatility(highest)))."
        if let tangency = frontier.tangency {
            text += " " + tangencySentence(tangency, report)
        }
        return text
    }

    static func tangencySentence(_ tangency: PortfolioSolution, _ report: OptimizationReport) -> String {
        let percent = OptimizationReport.percent
        return "The maximum-Sharpe portfolio at a risk-free rate of \(percent(report.riskFree)) has an expected return "
            + "of \(percent(report.annualReturn(tangency))), a volatility of "
            + "\(percent(report.annualVolatility(tangency))) and a Sharpe ratio of "
            + "\(String(format: "%.4f", report.sharpe(tangency)))."
    }

    static func frontierCaption(_ frontier: EfficientFrontier, _ report: OptimizationReport) -> String {
        let percent = OptimizationReport.percent
        let marks = "Square: the minimum-variance portfolio; diamond: the maximum-Sharpe portfolio."
        guard let tangency = frontier.tangency else {
            return marks + " No portfolio within the constraints earns more than the risk-free rate of "
                + "\(percent(report.riskFree)), so there is no maximum-Sharpe portfolio and no capital market line."
        }
        return marks + " " + tangencySentence(tangency, report)
            + " The dashed capital market line runs from the risk-free rate through it: mixes of it with cash."
    }

    static func reason(_ status: SolveStatus) -> String {
        switch status {
        case .optimal: "solved"
        case .infeasible: "no weights meet the constraints"
        case .unbounded: "the problem is unbounded"
        case .notPositiveDefinite: "the covariance is not positive definite"
        case .iterationLimit: "the solver did not converge"
        }
    }

    static func header(_ p: PortfolioProvenance) -> [(String, String)] {
        [("tool", "coresat \(CoreSatVersion.string) (\(p.build))"), ("inputs", p.source), ("estimator", p.estimator)]
    }

    /// The command as given, with the program called `coresat`.
    static func reproduce(_ p: PortfolioProvenance) -> String {
        (["coresat"] + p.arguments.map(HTMLRunReport.shellQuoted)).joined(separator: " ")
    }
}
