import ArgumentParser
import CoreSat
import Foundation
import Optimizer

struct Optimize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve one portfolio problem and print the weights, risk contributions and KKT residuals.",
        discussion: """
            Objectives: minimum-variance, maximum-sharpe, mean-variance, target-return, target-volatility, \
            risk-parity, risk-budget, maximum-diversification, tracking-error, factor-exposure. Rates and \
            volatilities given as flags are annual; the inputs' period is --periods-per-year.
            """)

    @Option(help: "What to optimize (see above).")
    var objective: String?

    @Option(help: "A YAML file with the objective, its settings and the constraints, instead of flags (docs/optimization.md).")
    var problem: String?

    @OptionGroup var inputs: PortfolioInputOptions
    @OptionGroup var limits: ConstraintOptions

    @Option(parsing: .unconditional, help: "Annual risk-free rate (maximum-sharpe, and the Sharpe ratio shown).")
    var riskFree: Double = 0

    @Option(help: "Risk aversion of mean-variance: maximize return - aversion/2 x variance.")
    var riskAversion: Double?

    @Option(parsing: .unconditional, help: "Annual expected return to reach at least (target-return).")
    var targetReturn: Double?

    @Option(help: "Annual volatility not to exceed (target-volatility).")
    var targetVolatility: Double?

    @Option(help: "Annual tracking error not to exceed (tracking-error), against --benchmark.")
    var trackingError: Double?

    @Option(help: "Benchmark weights for tracking-error: ASSET=W,...")
    var benchmark: String?

    @Option(help: "Risk budgets for risk-budget: ASSET=B,... or A+B=B for a group split equally (positive, summing to 1).")
    var budgets: String?

    @Option(help: "CSV of factor exposures (factor-exposure): header asset,F1,F2,..., a row per asset.")
    var exposures: String?

    @Option(help: "The factor whose exposure to maximize (factor-exposure).")
    var maximize: String?

    @Option(help: "Factors to hold neutral (factor-exposure), comma-separated: at the benchmark's exposure, or 0.")
    var neutral: String?

    @Option(help: "How far a neutral exposure may move from its target.")
    var tolerance: Double = 0

    @Option(help: "table or json.")
    var format: Metrics.MetricsFormat = .table

    @OptionGroup var output: OutputOptions
    @OptionGroup var page: PageOption

    func run() throws {
        let protected = inputs.files + [exposures, problem].compactMap { $0 }
        let report = try output.open(protecting: protected)
        let pageFile = try page.open(protecting: protected, others: [("--output", output.output)])
        let (portfolio, source, estimate) = try inputs.load()
        let goal: PortfolioObjective, constraints: PortfolioConstraints, word: String
        if let problem {
            guard objective == nil, limits.isEmpty, ObjectiveOptions(command: self).stray(used: []) == nil else {
                throw InputError(file: "--problem", reason: "the file holds the objective and the constraints: give no objective or constraint flags with it")
            }
            (goal, constraints, word) = try ProblemFile.load(
                path: problem, names: portfolio.names, riskFreeAnnual: riskFree, periodsPerYear: inputs.periodsPerYear)
        } else {
            guard let objective else { throw InputError(file: "--objective", reason: "give an --objective (or a --problem file)") }
            constraints = try limits.constraints(names: portfolio.names)
            goal = try ObjectiveOptions(command: self).objective(names: portfolio.names, periods: inputs.periodsPerYear)
            word = objective
        }
        let optimizer = PortfolioOptimizer()
        let solution = optimizer.answer(goal, inputs: portfolio, constraints: constraints)
        try Self.check(solution, objective: word)
        let result = OptimizationReport(
            title: "\(word) of \(portfolio.names.count) assets from \(source)", names: portfolio.names,
            periodsPerYear: inputs.periodsPerYear, riskFreeAnnual: riskFree)
        let provenance = PortfolioProvenance(
            source: source, estimator: estimate, arguments: Array(CommandLine.arguments.dropFirst()),
            build: BuildInfo.current)
        try pageFile?.write(HTMLOptimizationReport.optimize(
            solution, objective: goal, objectiveName: word, report: result, inputs: portfolio, constraints: constraints,
            provenance: provenance))
        try OutputOptions.emit(
            format == .table ? result.table(solution) : result.json(solution), to: report, committing: [pageFile])
    }

    /// An answer that is not optimal is the input's fault: say which constraints conflict.
    static func check(_ solution: PortfolioSolution, objective: String) throws(InputError) {
        switch solution.status {
        case .optimal: return
        case .infeasible:
            let what = solution.conflict.isEmpty ? "" : ": " + solution.conflict.joined(separator: "; ")
            throw InputError(file: "--objective", reason: "\(objective): no weights meet the constraints together\(what)")
        case .unbounded:
            throw InputError(file: "--objective", reason: "\(objective): the objective has no limit within the constraints; add bounds")
        case .notPositiveDefinite:
            throw InputError(
                file: "--covariance",
                reason: "\(objective) needs a positive definite covariance and this one is singular; shrink it (--estimator ledoit-wolf)")
        case .iterationLimit:
            throw InputError(file: "--objective", reason: "\(objective): the solver did not converge (a badly scaled or degenerate problem)")
        }
    }
}

/// The objective flags of `optimize` turned into a `PortfolioObjective`, checking each flag is one
/// the objective reads.
struct ObjectiveOptions {
    let command: Optimize

    /// The first objective flag given that `used` does not list.
    func stray(used: Set<String>) -> String? {
        let c = command
        let given: [(String, Bool)] = [
            ("--risk-aversion", c.riskAversion != nil), ("--target-return", c.targetReturn != nil),
            ("--target-volatility", c.targetVolatility != nil), ("--tracking-error", c.trackingError != nil),
            ("--benchmark", c.benchmark != nil), ("--budgets", c.budgets != nil), ("--exposures", c.exposures != nil),
            ("--maximize", c.maximize != nil), ("--neutral", c.neutral != nil), ("--tolerance", c.tolerance != 0),
        ]
        return given.first { $0.1 && !used.contains($0.0) }?.0
    }

    func objective(names: [String], periods: Double) throws(InputError) -> PortfolioObjective {
        let c = command
        let objective = c.objective ?? ""
        let root = periods.squareRoot()
        func required(_ value: Double?, _ flag: String) throws(InputError) -> Double {
            guard let value, value.isFinite else { throw InputError(file: flag, reason: "\(objective) needs \(flag)") }
            return value
        }
        let used: Set<String>
        let goal: PortfolioObjective
        switch objective {
        case "minimum-variance": (goal, used) = (.minimumVariance, [])
        case "maximum-diversification": (goal, used) = (.maximumDiversification, [])
        case "maximum-sharpe": (goal, used) = (.maximumSharpe(riskFree: c.riskFree / periods), [])
        case "mean-variance":
            let aversion = try required(c.riskAversion, "--risk-aversion")
            guard aversion > 0 else { throw InputError(file: "--risk-aversion", reason: "must be positive") }
            (goal, used) = (.meanVariance(riskAversion: aversion), ["--risk-aversion"])
        case "target-return": (goal, used) = (.targetReturn(try required(c.targetReturn, "--target-return") / periods), ["--target-return"])
        case "target-volatility":
            let limit = try required(c.targetVolatility, "--target-volatility")
            guard limit > 0 else { throw InputError(file: "--target-volatility", reason: "must be positive") }
            (goal, used) = (.targetVolatility(limit / root), ["--target-volatility"])
        case "tracking-error":
            let limit = try required(c.trackingError, "--tracking-error")
            guard limit > 0 else { throw InputError(file: "--tracking-error", reason: "must be positive") }
            guard let text = c.benchmark else { throw InputError(file: "--benchmark", reason: "tracking-error needs --benchmark weights") }
            let benchmark = try NamedValues.parse(text, names: names, flag: "--benchmark")
            guard abs(benchmark.reduce(0, +) - 1) <= 1e-9 else { throw InputError(file: "--benchmark", reason: "weights must sum to 1") }
            (goal, used) = (.trackingError(benchmark: benchmark, limit: limit / root), ["--tracking-error", "--benchmark"])
        case "risk-parity": (goal, used) = (.riskBudget(Array(repeating: 1 / Double(names.count), count: names.count)), [])
        case "risk-budget":
            guard let text = c.budgets else { throw InputError(file: "--budgets", reason: "risk-budget needs --budgets") }
            let budgets = try NamedValues.parse(text, names: names, flag: "--budgets", groups: true)
            guard budgets.allSatisfy({ $0 > 0 }), abs(budgets.reduce(0, +) - 1) <= 1e-9 else {
                throw InputError(file: "--budgets", reason: "give every asset a positive budget, summing to 1")
            }
            (goal, used) = (.riskBudget(budgets), ["--budgets"])
        case "factor-exposure":
            (goal, used) = (.factorExposure(try FactorExposureFile.problem(command: c, names: names)),
                ["--exposures", "--maximize", "--neutral", "--tolerance", "--benchmark"])
        default:
            throw InputError(
                file: "--objective",
                reason: "'\(objective)' is not one of minimum-variance, maximum-sharpe, mean-variance, target-return, "
                    + "target-volatility, risk-parity, risk-budget, maximum-diversification, tracking-error, factor-exposure")
        }
        if let stray = stray(used: used) {
            throw InputError(file: stray, reason: "does not apply to objective \(objective)")
        }
        if case .riskBudget = goal, !(try command.limits.constraints(names: names)).isLongOnlyBudgetOnly {
            throw InputError(
                file: "--objective", reason: "risk budgeting takes no bounds, groups or turnover limit: the budgets alone fix the weights")
        }
        if c.limits.turnover != nil && !goal.takesTurnoverLimit {
            throw InputError(file: "--turnover", reason: "a turnover limit applies to the quadratic objectives, not to \(objective)")
        }
        return goal
    }
}
