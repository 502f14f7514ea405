import ArgumentParser
import CoreSat
import Foundation
import Optimizer

/// Where `optimize` and `frontier` get expected returns and a covariance: a dataset of monthly
/// returns through an estimator, CSV files of a mean vector and a covariance matrix, or a scenario's
/// market.
struct PortfolioInputOptions: ParsableArguments {
    @Option(help: "A scenario file: its market's long-run moments (a model) or its recorded months (history).")
    var scenario: String?

    @Option(help: "With --scenario: the market to use, of a scenario with named markets.")
    var market: String?

    @Option(help: "With --scenario: the assets to optimize over, comma-separated (default: all).")
    var assets: String?

    @Option(help: "A dataset of returns, one row per period (coresat data import makes one).")
    var returns: String?

    @Option(help: "The dataset's columns to use, comma-separated; ID=COLUMN names the asset.")
    var columns: String?

    @Option(help: "First month (YYYY-MM) of the dataset to use.")
    var from: String?

    @Option(help: "Last month (YYYY-MM) of the dataset to use.")
    var to: String?

    @Option(help: "Covariance estimator: sample, ledoit-wolf, constant-correlation or exponential.")
    var estimator: String = "sample"

    @Option(help: "Half-life in periods of the exponential estimator.")
    var halfLife: Double?

    @Option(help: "CSV of expected returns per period: a header line, then asset,mean rows.")
    var mean: String?

    @Option(help: "CSV covariance matrix per period, assets named in its first row and column.")
    var covariance: String?

    @Option(help: "Periods a year of the inputs, for annualized figures (12: monthly).")
    var periodsPerYear: Double = 12

    var files: [String] { [scenario, returns, mean, covariance].compactMap { $0 } }

    /// The inputs, where they came from, and how their moments were estimated (for a report's provenance).
    func load() throws(InputError) -> (inputs: PortfolioInputs, source: String, estimate: String) {
        guard periodsPerYear > 0, periodsPerYear <= 366 else {
            throw InputError(file: "--periods-per-year", reason: "\(periodsPerYear) is out of range (0, 366]")
        }
        if scenario == nil && (market != nil || assets != nil) {
            throw InputError(file: market == nil ? "--assets" : "--market", reason: "applies only with --scenario")
        }
        if let scenario {
            guard periodsPerYear == 12 else {
                throw InputError(file: "--periods-per-year", reason: "a scenario's moments are monthly: leave it at 12")
            }
            guard returns == nil, mean == nil, covariance == nil else {
                throw InputError(file: "--scenario", reason: "give one source of inputs: --scenario, --returns, or --mean and --covariance")
            }
            let loaded = try ScenarioLoader.load(path: scenario, market: market)
            let ids = assets.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            let (inputs, source) = try ScenarioMoments.inputs(loaded, assets: ids, estimator: try estimatorChoice())
            if case .markov = loaded.market { return (inputs, source, "none: the model's own long-run moments") }
            return (inputs, source, estimatorName)
        }
        if let returns {
            if mean != nil || covariance != nil {
                throw InputError(file: "--returns", reason: "give a returns dataset or --mean and --covariance, not both")
            }
            guard let columns else { throw InputError(file: "--columns", reason: "name the dataset's columns to optimize over") }
            let sample = try FitSample(
                dataset: try Dataset.load(path: returns),
                columns: columns.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
                from: from, to: to, simple: true)
            let flat = sample.logReturns.flatMap { $0 }
            let estimate: MomentEstimate
            do {
                estimate = try MomentEstimate.estimate(
                    returns: flat, months: sample.logReturns.count, assets: sample.ids.count, covariance: try estimatorChoice())
            } catch let error as InputError {
                throw error
            } catch {
                throw InputError(file: returns, reason: "cannot estimate: \(error)")
            }
            var source = "\(returns), \(sample.first) to \(sample.last) (\(sample.logReturns.count) periods), covariance \(estimator)"
            if let shrinkage = estimate.shrinkage { source += String(format: " (shrinkage %.4f)", shrinkage) }
            let inputs = PortfolioInputs(names: sample.ids, mean: estimate.mean, covariance: estimate.covariance)
            return (inputs, source, estimatorName)
        }
        guard let mean, let covariance else {
            throw InputError(
                file: "--returns", reason: "give a returns dataset (--returns), --mean and --covariance files, or a --scenario")
        }
        if columns != nil || from != nil || to != nil {
            throw InputError(file: "--columns", reason: "--columns, --from and --to apply only to --returns")
        }
        let inputs = try MomentFiles.load(mean: mean, covariance: covariance)
        if let problem = inputs.problem() { throw InputError(file: covariance, reason: problem) }
        return (inputs, "\(mean) and \(covariance)", "none: the mean and covariance as the files give them")
    }

    /// The estimator as the flags name it, with its half-life.
    var estimatorName: String {
        guard estimator == "exponential", let halfLife else { return estimator }
        return "exponential, half-life \(String(format: "%g", halfLife)) periods"
    }

    func estimatorChoice() throws(InputError) -> CovarianceEstimator {
        if estimator != "exponential", halfLife != nil {
            throw InputError(file: "--half-life", reason: "applies only with --estimator exponential")
        }
        switch estimator {
        case "sample": return .sample
        case "ledoit-wolf": return .ledoitWolf
        case "constant-correlation": return .constantCorrelation
        case "exponential":
            guard let halfLife, halfLife > 0, halfLife.isFinite else {
                throw InputError(file: "--half-life", reason: "--estimator exponential needs a positive --half-life")
            }
            return .exponential(halfLife: halfLife)
        default:
            throw InputError(
                file: "--estimator", reason: "'\(estimator)' is not one of sample, ledoit-wolf, constant-correlation, exponential")
        }
    }
}

/// Bounds and groups: `--min-weight`, `--max-weight`, `--bound ASSET=MIN:MAX`, `--group NAME=A+B:MIN:MAX`.
struct ConstraintOptions: ParsableArguments {
    // Unconditional: a negative value (-0.5) is the option's value, not another flag.
    @Option(parsing: .unconditional, help: "Lowest weight of every asset (negative allows short positions).")
    var minWeight: Double = 0

    @Option(parsing: .unconditional, help: "Highest weight of every asset.")
    var maxWeight: Double = 1

    @Option(help: "ASSET=MIN:MAX, bounds of one asset (repeatable).")
    var bound: [String] = []

    @Option(help: "NAME=A+B+C:MIN:MAX, bounds on a group's total weight (repeatable).")
    var group: [String] = []

    @Option(help: "At most this turnover, sum of |w - current|, from --current weights.")
    var turnover: Double?

    @Option(help: "Current weights for --turnover: ASSET=W,... (assets not named hold 0).")
    var current: String?

    /// Whether no constraint flag was given.
    var isEmpty: Bool { minWeight == 0 && maxWeight == 1 && bound.isEmpty && group.isEmpty && turnover == nil && current == nil }

    func constraints(names: [String]) throws(InputError) -> PortfolioConstraints {
        guard minWeight.isFinite, maxWeight.isFinite, minWeight <= maxWeight else {
            throw InputError(file: "--min-weight", reason: "need finite bounds with --min-weight <= --max-weight")
        }
        var c = PortfolioConstraints(assets: names.count, lower: minWeight, upper: maxWeight)
        for entry in bound {
            let (asset, range) = try Self.split(entry, flag: "--bound", form: "ASSET=MIN:MAX")
            guard let i = names.firstIndex(of: asset) else {
                throw InputError(file: "--bound", reason: "'\(asset)' is not an asset (\(names.joined(separator: ", ")))")
            }
            (c.lower[i], c.upper[i]) = try Self.range(range, flag: "--bound", entry: entry)
        }
        for entry in group {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw InputError(file: "--group", reason: "'\(entry)': expected NAME=A+B+C:MIN:MAX") }
            let (name, members) = try Self.split(parts[0], flag: "--group", form: "NAME=A+B+C:MIN:MAX")
            var indices: [Int] = []
            for member in members.split(separator: "+").map(String.init) {
                guard let i = names.firstIndex(of: member) else {
                    throw InputError(file: "--group", reason: "'\(member)' is not an asset (\(names.joined(separator: ", ")))")
                }
                guard !indices.contains(i) else { throw InputError(file: "--group", reason: "'\(member)' is named twice in '\(entry)'") }
                indices.append(i)
            }
            let (low, high) = try Self.range(parts[1], flag: "--group", entry: entry)
            c.groups.append(.init(name: name, members: indices, lower: low, upper: high))
        }
        switch (turnover, current) {
        case (let limit?, let text?):
            c.turnover = .init(current: try NamedValues.parse(text, names: names, flag: "--current"), limit: limit)
        case (nil, nil): break
        default: throw InputError(file: "--turnover", reason: "--turnover and --current go together")
        }
        if let problem = c.problem(names: names) {
            throw InputError(file: problem.contains("turnover") || problem.contains("current") ? "--turnover" : "--max-weight", reason: problem)
        }
        return c
    }

    static func split(_ entry: String, flag: String, form: String) throws(InputError) -> (String, String) {
        let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw InputError(file: flag, reason: "'\(entry)': expected \(form)")
        }
        return (parts[0], parts[1])
    }

    static func range(_ text: String, flag: String, entry: String) throws(InputError) -> (Double, Double) {
        let bounds = text.split(separator: ":").map { Double($0) }
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low.isFinite, high.isFinite, low <= high else {
            throw InputError(file: flag, reason: "'\(entry)': expected MIN:MAX with MIN <= MAX")
        }
        return (low, high)
    }
}

/// Named weights: `A=0.6,B=0.4`; with `groups`, `A+B=0.6` splits 0.6 equally between A and B.
enum NamedValues {
    static func parse(_ text: String, names: [String], flag: String, groups: Bool = false) throws(InputError) -> [Double] {
        var values = Array(repeating: 0.0, count: names.count)
        var named = Set<Int>()
        for entry in text.split(separator: ",").map(String.init) {
            let (key, value) = try ConstraintOptions.split(entry, flag: flag, form: "ASSET=VALUE,...")
            guard let x = Double(value), x.isFinite else { throw InputError(file: flag, reason: "'\(value)' is not a number") }
            let members = groups ? key.split(separator: "+").map(String.init) : [key]
            for name in members {
                guard let i = names.firstIndex(of: name) else {
                    throw InputError(file: flag, reason: "'\(name)' is not an asset (\(names.joined(separator: ", ")))")
                }
                guard named.insert(i).inserted else { throw InputError(file: flag, reason: "'\(name)' is named twice") }
                values[i] = x / Double(members.count)
            }
        }
        return values
    }
}
