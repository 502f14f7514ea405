import CoreSatEngine
import ArgumentParser
import CoreSat

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Metrics of your own return series (CSV: a date column, then simple returns in decimals).")

    @Argument(help: "CSV file of returns.")
    var returns: String

    @Option(help: "Column to measure the others against (tracking error, information ratio, win rate).")
    var benchmark: String?

    // `.unconditional` takes "-0.01" as the value instead of mistaking it for an option.
    @Option(parsing: .unconditional, help: "Annual risk-free rate, above -0.5 and at most 1, converted per period as (1 + R)^(1/P) - 1.")
    var riskFreeAnnual: Double = 0

    @Option(help: "Periods per year (default: inferred from the dates: 252 business-daily, 365 calendar-daily, 52 weekly, 12 monthly, 4 quarterly, 2 half-yearly, 1 annual).")
    var periodsPerYear: Double?

    @Option(help: "table or json.")
    var format: MetricsFormat = .table

    @OptionGroup var output: OutputOptions

    enum MetricsFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() throws {
        let table = try ReturnTable.load(path: returns)
        var benchmarkIndex: Int?
        if let benchmark {
            guard let i = table.columns.firstIndex(of: benchmark) else {
                throw InputError(file: returns, line: 1, keyPath: "--benchmark",
                    reason: "no column '\(benchmark)'; the columns are \(table.columns.joined(separator: ", "))")
            }
            benchmarkIndex = i
        }
        if let periodsPerYear, !(1...100_000).contains(periodsPerYear) {
            throw InputError(file: "--periods-per-year", reason: "must be between 1 and 100000, got \(periodsPerYear)")
        }
        guard Scenario.riskFreeInRange(riskFreeAnnual) else {
            throw InputError(file: "--risk-free-annual", reason: "the risk-free rate must be above -0.5 and at most 1, got " + String(format: "%g", riskFreeAnnual))
        }
        let inferred = periodsPerYear == nil ? try table.frequency() : nil
        let p = periodsPerYear ?? inferred?.periodsPerYear ?? 12
        let file = try output.open(protecting: [returns])
        let series = SeriesMetrics.compute(table, benchmark: benchmarkIndex, riskFreeAnnual: riskFreeAnnual, periodsPerYear: p)
        let report = switch format {
        case .table: SeriesMetrics.table(series, periodsPerYear: p, inferred: inferred, rows: table.dates.count)
        case .json: SeriesMetrics.json(series, periodsPerYear: p, inferred: inferred)
        }
        try OutputOptions.emit(report, to: file)
    }
}
