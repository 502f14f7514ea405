import Optimizer

/// The inputs and constraints of a portfolio problem as report blocks: what the numbers rest on
/// (source, estimator, annualization), then each asset's moments and bounds, and the groups.
struct PortfolioInputsOverview {
    let report: OptimizationReport
    let inputs: PortfolioInputs
    let constraints: PortfolioConstraints
    let provenance: PortfolioProvenance

    func blocks(objective: String? = nil) -> [ReportBlock] {
        let percent = OptimizationReport.percent
        let year = report.periodsPerYear
        var facts: [(String, String)] = [
            ("assets", "\(inputs.assetCount): " + inputs.names.joined(separator: ", ")),
            ("inputs", provenance.source),
            ("estimator", provenance.estimator),
            ("annualized", "returns x \(number(year)), volatilities x √\(number(year)) (periods a year)"),
            ("risk-free rate", "\(percent(report.riskFree)) a year"),
        ]
        if let objective { facts.append(("objective", objective)) }
        facts.append(("budget", "the weights sum to 100%"))
        let lowest = constraints.lower.min() ?? 0
        facts.append(("short positions", lowest < 0 ? "allowed, down to \(percent(lowest)) of an asset" : "none"))
        if let turnover = constraints.turnover {
            facts.append(("turnover", "at most \(percent(turnover.limit)) (sum of |weight - current weight|)"))
        }
        var blocks: [ReportBlock] = [.facts(facts), .heading("Assets"), .table(assetTable())]
        if !constraints.groups.isEmpty {
            var groups = TextTable(header: ["group", "assets", "min weight", "max weight"], textColumns: [0, 1])
            for g in constraints.groups {
                let members = g.members.filter(inputs.names.indices.contains).map { inputs.names[$0] }
                groups.rows.append([g.name, members.joined(separator: " + "), percent(g.lower), percent(g.upper)])
            }
            blocks += [.heading("Groups"), .table(groups)]
        }
        return blocks
    }

    /// Each asset held alone (annualized), and its bounds.
    func assetTable() -> TextTable {
        let percent = OptimizationReport.percent
        let current = constraints.turnover?.current
        var table = TextTable(
            header: ["asset", "expected return", "volatility", "min weight", "max weight"]
                + (current == nil ? [] : ["current weight"]))
        for i in inputs.names.indices {
            let volatility = max(inputs.variance(i), 0).squareRoot() * report.periodsPerYear.squareRoot()
            var row = [
                inputs.names[i], percent(inputs.mean[i] * report.periodsPerYear), percent(volatility),
                percent(constraints.lower[i]), percent(constraints.upper[i]),
            ]
            if let current, current.indices.contains(i) { row.append(percent(current[i])) }
            table.rows.append(row)
        }
        return table
    }

    func number(_ x: Double) -> String { PortfolioObjectiveText.number(x) }
}

/// Where a `frontier` or `optimize` page's numbers came from, stated in its header and inputs.
public struct PortfolioProvenance: Sendable {
    /// The inputs as the text output names them (files, a dataset's months, a scenario's market).
    public var source: String
    /// How the moments were estimated, or that they were given as they are.
    public var estimator: String
    /// The command's arguments after the program's name, for the line that reproduces the page.
    public var arguments: [String]
    /// The executable's build (mode, architecture, size and date).
    public var build: String

    public init(source: String, estimator: String, arguments: [String], build: String) {
        self.source = source
        self.estimator = estimator
        self.arguments = arguments
        self.build = build
    }
}
