import Foundation
import Optimizer

/// A portfolio objective in words, with its settings annualized as the flags give them.
enum PortfolioObjectiveText {
    static func sentence(_ objective: PortfolioObjective, report: OptimizationReport) -> String {
        let year = report.periodsPerYear
        let percent = OptimizationReport.percent
        let names = report.names
        func weights(_ values: [Double]) -> String {
            zip(names, values).filter { $0.1 != 0 }.map { "\($0.0) \(percent($0.1))" }.joined(separator: ", ")
        }
        switch objective {
        case .minimumVariance:
            return "the least variance"
        case .maximumSharpe(let riskFree):
            return "the highest Sharpe ratio over a risk-free rate of \(percent(riskFree * year)) a year"
        case .meanVariance(let aversion):
            return "the highest expected return less \(number(aversion))/2 x variance (mean-variance)"
        case .targetReturn(let target):
            return "the least variance with an expected return of at least \(percent(target * year)) a year"
        case .targetVolatility(let limit):
            return "the highest expected return with a volatility of at most "
                + "\(percent(limit * year.squareRoot())) a year"
        case .riskBudget(let budgets):
            let equal = budgets.allSatisfy { abs($0 - 1 / Double(budgets.count)) <= 1e-12 }
            return equal
                ? "equal shares of the variance for every asset (risk parity)"
                : "shares of the variance in proportion to the budgets: \(weights(budgets))"
        case .maximumDiversification:
            return "the highest diversification ratio (the assets' weighted volatilities over the portfolio's)"
        case .trackingError(let benchmark, let limit):
            return "the highest expected return over the benchmark (\(weights(benchmark))) with a tracking error of at "
                + "most \(percent(limit * year.squareRoot())) a year"
        case .factorExposure(let problem):
            let held = problem.neutral.map { n in
                "\(problem.factorNames[n.factor]) within \(number(n.tolerance)) of \(number(n.value))"
            }
            return "the highest exposure to \(problem.factorNames[problem.target])"
                + (held.isEmpty ? "" : ", holding " + held.joined(separator: ", "))
        }
    }

    /// How the chosen portfolio stands to the frontier drawn beside it.
    static func frontierNote(_ objective: PortfolioObjective, turnover: PortfolioConstraints.TurnoverLimit?) -> String {
        let drawn: String
        let below: String?
        switch objective {
        case .minimumVariance, .targetReturn, .targetVolatility, .meanVariance, .maximumSharpe:
            drawn = "under the same inputs and constraints"
            below = nil
        case .maximumDiversification:
            drawn = "under the same inputs and constraints"
            below = "diversification does not look at expected returns"
        case .riskBudget:
            drawn = "under the same inputs, long only"
            below = "risk budgets do not look at expected returns"
        case .trackingError:
            drawn = "under the same inputs and constraints but without the tracking-error limit"
            below = "the limit keeps it near the benchmark"
        case .factorExposure:
            drawn = "under the same inputs, bounds and groups but without the exposure limits"
            below = "it maximizes an exposure, not a return for its risk"
        }
        var note = "The frontier is drawn " + drawn
        if let turnover {
            note += " and without the turnover limit (at most \(OptimizationReport.percent(turnover.limit)) from the "
                + "current weights, the square), so the portfolio may lie below it"
            if let below { note += "; besides, \(below)" }
        } else if let below {
            note += "; the portfolio may lie below it: \(below)"
        } else {
            note += ", so the portfolio lies on it"
        }
        return note + "."
    }

    static func number(_ x: Double) -> String {
        x.isFinite ? String(format: "%g", x) : "-"
    }
}
