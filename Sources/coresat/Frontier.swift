import ArgumentParser
import CoreSat
import Optimizer

struct Frontier: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print efficient-frontier portfolios from the minimum-variance one to the highest expected return.")

    @Option(help: "Number of frontier points (2 to 1000).")
    var points: Int = 20

    @OptionGroup var inputs: PortfolioInputOptions
    @OptionGroup var limits: ConstraintOptions

    @Option(parsing: .unconditional, help: "Annual risk-free rate for the Sharpe ratios shown and the maximum-Sharpe portfolio.")
    var riskFree: Double = 0

    @Option(help: "table or json.")
    var format: Metrics.MetricsFormat = .table

    @OptionGroup var output: OutputOptions
    @OptionGroup var page: PageOption

    func run() throws {
        guard (2...1000).contains(points) else { throw InputError(file: "--points", reason: "\(points) is out of range 2...1000") }
        let report = try output.open(protecting: inputs.files)
        let pageFile = try page.open(protecting: inputs.files, others: [("--output", output.output)])
        let (portfolio, source, estimate) = try inputs.load()
        let constraints = try limits.constraints(names: portfolio.names)
        if constraints.turnover != nil {
            throw InputError(file: "--turnover", reason: "a frontier is drawn without a turnover limit")
        }
        let frontier = EfficientFrontier.solve(
            inputs: portfolio, constraints: constraints, points: points, riskFree: riskFree / inputs.periodsPerYear)
        try Optimize.check(frontier.minimumVariance, objective: "minimum-variance")
        let result = OptimizationReport(
            title: "Efficient frontier of \(portfolio.names.count) assets from \(source), "
                + "\(frontier.points.count) points",
            names: portfolio.names, periodsPerYear: inputs.periodsPerYear, riskFreeAnnual: riskFree)
        let provenance = PortfolioProvenance(
            source: source, estimator: estimate, arguments: Array(CommandLine.arguments.dropFirst()),
            build: BuildInfo.current)
        try pageFile?.write(HTMLOptimizationReport.frontier(
            frontier, report: result, inputs: portfolio, constraints: constraints, provenance: provenance))
        let text = format == .table
            ? result.frontierTable(frontier.points, tangency: frontier.tangency)
            : result.frontierJSON(frontier.points, tangency: frontier.tangency)
        try OutputOptions.emit(text, to: report, committing: [pageFile])
    }
}
