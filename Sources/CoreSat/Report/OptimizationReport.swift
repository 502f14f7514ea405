import Foundation
import Optimizer

/// `coresat optimize` and `coresat frontier`: solved portfolios as tables or JSON. Returns and
/// volatilities are shown annualized from the inputs' period (x periods, x √periods).
public struct OptimizationReport: Sendable {
    public var title: String
    public var names: [String]
    public var periodsPerYear: Double
    public var riskFree: Double

    public init(title: String, names: [String], periodsPerYear: Double, riskFreeAnnual: Double) {
        self.title = title
        self.names = names
        self.periodsPerYear = periodsPerYear
        riskFree = riskFreeAnnual
    }

    func annualReturn(_ s: PortfolioSolution) -> Double { s.expectedReturn * periodsPerYear }
    func annualVolatility(_ s: PortfolioSolution) -> Double { s.volatility * periodsPerYear.squareRoot() }
    func sharpe(_ s: PortfolioSolution) -> Double {
        let v = annualVolatility(s)
        return v > 0 ? (annualReturn(s) - riskFree) / v : .nan
    }

    static func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.2f%%", 100 * x) : "-" }
    static func scientific(_ x: Double) -> String { String(format: "%.1e", x) }

    public func table(_ s: PortfolioSolution) -> String {
        var out = title + "\n"
        out += "status optimal, \(s.iterations) iterations\n\n"
        out += weightsTable(s).rendered()
        out += "\n" + figuresLine(s) + "\n"
        out += residualsLine(s) + "\n"
        for note in s.notes { out += "note: \(note)\n" }
        return out
    }

    /// The table and lines of `table(_:)` as report blocks, for the HTML page.
    public func blocks(_ s: PortfolioSolution) -> [ReportBlock] {
        [.table(weightsTable(s)), .paragraph(figuresLine(s) + "."), .note(residualsLine(s))]
            + s.notes.map { .note("note: \($0)") }
    }

    func weightsTable(_ s: PortfolioSolution) -> TextTable {
        var weights = TextTable(header: ["asset", "weight", "risk share"])
        for (i, name) in names.enumerated() {
            weights.rows.append([name, String(format: "%.6f", s.weights[i]), Self.percent(s.riskContributions[i])])
        }
        return weights
    }

    func figuresLine(_ s: PortfolioSolution) -> String {
        "expected return \(Self.percent(annualReturn(s))) a year, volatility \(Self.percent(annualVolatility(s)))"
            + String(format: ", Sharpe ratio %.4f (risk-free %@)", sharpe(s), Self.percent(riskFree))
    }

    func residualsLine(_ s: PortfolioSolution) -> String {
        let r = s.residuals
        return "KKT residuals: stationarity \(Self.scientific(r.stationarity)), primal \(Self.scientific(r.primal)), "
            + "dual \(Self.scientific(r.dual)), complementarity \(Self.scientific(r.complementarity))"
    }

    public func json(_ s: PortfolioSolution) -> String {
        JSONValue.object([("title", .string(title))] + fields(s)).rendered()
    }

    func fields(_ s: PortfolioSolution) -> [(String, JSONValue)] {
        let r = s.residuals
        return [
            ("status", .string("optimal")),
            ("weights", .object(names.enumerated().map { ($1, .number(s.weights[$0])) })),
            ("risk_contributions", .object(names.enumerated().map { ($1, .number(s.riskContributions[$0])) })),
            ("expected_return_annual", .optional(annualReturn(s))),
            ("volatility_annual", .optional(annualVolatility(s))),
            ("sharpe_ratio", .optional(sharpe(s))),
            ("kkt_residuals", .object([
                ("stationarity", .number(r.stationarity)), ("primal", .number(r.primal)), ("dual", .number(r.dual)),
                ("complementarity", .number(r.complementarity)),
            ])),
            ("iterations", .integer(s.iterations)),
            ("notes", .array(s.notes.map { .string($0) })),
        ]
    }

    /// The frontier's points, then the tangency portfolio (the highest Sharpe ratio at the
    /// risk-free rate, which lies on the frontier between two of the points), when there is one.
    public func frontierTable(_ points: [PortfolioSolution], tangency: PortfolioSolution?) -> String {
        var out = title + "\n\n"
        out += frontierTextTable(points, tangency: tangency).rendered()
        out += "\n" + frontierResidualLine(points, tangency: tangency) + "\n"
        if tangency == nil { out += Self.noTangencyNote + "\n" }
        return out
    }

    /// The table and lines of `frontierTable(_:tangency:)` (text) as report blocks, for the HTML page.
    public func frontierBlocks(_ points: [PortfolioSolution], tangency: PortfolioSolution?) -> [ReportBlock] {
        [.table(frontierTextTable(points, tangency: tangency)), .note(frontierResidualLine(points, tangency: tangency))]
            + (tangency == nil ? [.note(Self.noTangencyNote)] : [])
    }

    static let noTangencyNote = "note: no portfolio within the constraints earns more than the risk-free rate"

    /// The optimal points, then the tangency portfolio labelled "max Sharpe".
    func frontierRows(_ points: [PortfolioSolution], tangency: PortfolioSolution?) -> [(String, PortfolioSolution)] {
        points.filter(\.isOptimal).map { ("", $0) } + (tangency.map { [("max Sharpe", $0)] } ?? [])
    }

    func frontierTextTable(_ points: [PortfolioSolution], tangency: PortfolioSolution?) -> TextTable {
        var table = TextTable(header: ["", "return", "volatility", "Sharpe"] + names, maxWidth: 200)
        for (label, s) in frontierRows(points, tangency: tangency) {
            table.rows.append(
                [label, Self.percent(annualReturn(s)), Self.percent(annualVolatility(s)), String(format: "%.4f", sharpe(s))]
                    + s.weights.map { String(format: "%.4f", $0) })
        }
        return table
    }

    func frontierResidualLine(_ points: [PortfolioSolution], tangency: PortfolioSolution?) -> String {
        let worst = frontierRows(points, tangency: tangency).map(\.1.residuals.worst).max() ?? 0
        return "largest KKT residual \(Self.scientific(worst))"
    }

    public func frontierJSON(_ points: [PortfolioSolution], tangency: PortfolioSolution?) -> String {
        JSONValue.object([
            ("title", .string(title)), ("points", .array(points.filter(\.isOptimal).map { .object(fields($0)) })),
            ("maximum_sharpe", tangency.map { .object(fields($0)) } ?? .null),
        ]).rendered()
    }
}
