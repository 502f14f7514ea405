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

    func run() throws {
        guard (2...1000).contains(points) else { throw InputError(file: "--points", reason: "\(points) is out of range 2...1000") }
        let report = try output.open(protecting: inputs.files)
        let (portfolio, source) = try inputs.load()
        let constraints = try limits.constraints(names: portfolio.names)
        if constraints.turnover != nil {
            throw InputError(file: "--turnover", reason: "a frontier is drawn without a turnover limit")
        }
        let optimizer = PortfolioOptimizer()
        let frontier = optimizer.frontier(inputs: portfolio, constraints: constraints, points: points)
        guard let first = frontier.first else { return }
        try Optimize.check(first, objective: "minimum-variance")
        let tangency = optimizer.answer(
            .maximumSharpe(riskFree: riskFree / inputs.periodsPerYear), inputs: portfolio, constraints: constraints)
        let result = OptimizationReport(
            title: "Efficient frontier of \(portfolio.names.count) assets from \(source), \(frontier.count) points",
            names: portfolio.names, periodsPerYear: inputs.periodsPerYear, riskFreeAnnual: riskFree)
        let best = tangency.isOptimal ? tangency : nil
        try OutputOptions.emit(
            format == .table ? result.frontierTable(frontier, tangency: best) : result.frontierJSON(frontier, tangency: best), to: report)
    }
}
