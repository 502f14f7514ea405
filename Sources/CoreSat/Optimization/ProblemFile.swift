import Optimizer
import Yams

/// `coresat optimize --problem FILE`: a portfolio problem as a small YAML file, with the keys of a
/// policy's `optimize` rule (objective, its settings, bounds, groups, turnover) plus the weights it
/// needs: `benchmark` (tracking error, neutral exposures) and `current` (turnover).
public enum ProblemFile {
    static let keys = ProblemReader.objectiveKeys + ProblemReader.constraintKeys + ["benchmark", "current"]

    /// The problem over `names`; rates and volatilities in the file are annual.
    public static func load(
        path: String, names: [String], riskFreeAnnual: Double, periodsPerYear: Double
    ) throws(InputError) -> (objective: PortfolioObjective, constraints: PortfolioConstraints, word: String) {
        let text = try TextFile.text(path, what: "problem file")
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw InputError(file: path, line: 1, column: 1, reason: "the file is empty") }
            root = node
        } catch let error as InputError {
            throw error
        } catch let error as YamlError {
            throw ScenarioLoader.yamlSyntaxError(error, file: path, text: text)
        } catch {
            throw InputError(file: path, reason: "not valid YAML")
        }
        let m = try YAMLCursor(node: root, path: "", file: path).mapping(allowed: keys)
        var reader = ProblemReader(
            names: names, baseline: nil, budget: 1, cap: nil, riskFreeAnnual: riskFreeAnnual, periodsPerYear: periodsPerYear,
            unit: "a weight", unknown: { "'\($0)' is not one of the assets (\(names.joined(separator: ", ")))" })
        if let c = m.optional("benchmark") {
            reader = ProblemReader(
                names: names, baseline: try reader.weights(c, what: "benchmark"), budget: 1, cap: nil,
                riskFreeAnnual: riskFreeAnnual, periodsPerYear: periodsPerYear, unit: "a weight", unknown: reader.unknown)
        }
        let current = try m.optional("current").map { (c) throws(InputError) in try reader.weights(c, what: "current") }
        let (objective, constraints) = try reader.problem(m, current: current)
        return (objective, constraints, try reader.objectiveWord(m).rawValue)
    }
}
