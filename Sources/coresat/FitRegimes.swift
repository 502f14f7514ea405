import ArgumentParser
import CoreSat
import CoreSatEngine

struct FitRegimes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit-regimes",
        abstract: "Fit a Gaussian regime-switching model to a dataset's monthly log returns.",
        discussion: """
            EM from several seeded starts, then a quasi-Newton polish of the exact likelihood; regimes are \
            ordered by the mean of the first column. --market writes the fit as a scenario's market: block.
            """)

    @Argument(help: "The dataset file (coresat data import makes one).")
    var data: String

    @Option(help: "Number of regimes (1 to 6).")
    var regimes: Int = 2

    @Option(help: "Columns to fit, comma-separated; ID=COLUMN names the asset in the market block.")
    var columns: String

    @Option(help: "First month (YYYY-MM); default: the first where every column has data.")
    var from: String?

    @Option(help: "Last month (YYYY-MM); default: the last where every column has data.")
    var to: String?

    @Option(help: "Random restarts besides the first start.")
    var restarts: Int = 20

    @Option(help: "Seed of the restarts.")
    var seed: UInt64 = 1

    @Option(help: "Regime names, comma-separated, lowest mean first.")
    var names: String?

    @Option(help: "table or json.")
    var format: Metrics.MetricsFormat = .table

    @Option(help: "Also write the fit as a scenario market: block to this file.")
    var market: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        guard (1...6).contains(regimes) else { throw InputError(file: "--regimes", reason: "\(regimes) is out of range 1...6") }
        guard (0...1000).contains(restarts) else { throw InputError(file: "--restarts", reason: "\(restarts) is out of range 0...1000") }
        let regimeNames = names.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            ?? RegimeFitNames.defaults(regimes)
        guard regimeNames.count == regimes, Set(regimeNames).count == regimes, !regimeNames.contains("") else {
            throw InputError(file: "--names", reason: "give \(regimes) different names")
        }
        if let market, let path = output.output, OutputFile.sameTarget(market, path) {
            throw InputError(file: market, keyPath: "--market", reason: "is also the --output file; give two different files")
        }
        let report = try output.open(protecting: [data])
        let block = try market.map { (path) throws(InputError) in try OutputFile.open(path, protecting: [data], label: "--market") }
        let sample = try FitSample(
            dataset: try Dataset.load(path: data), columns: columns.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
            from: from, to: to)
        let fit: RegimeFit
        do {
            fit = try MarkovSwitchingFit.fit(
                sample.logReturns,
                options: RegimeFitOptions(regimeCount: regimes, restarts: restarts, seed: seed, threads: SimulationOptions.defaultThreads))
        } catch {
            throw InputError(file: data, reason: "the regime fit failed: \(error.description)")
        }
        if let warning = fit.warning { StandardError.write("warning: \(warning)\n") }
        let result = RegimeFitReport(fit: fit, sample: sample, names: regimeNames, data: data)
        try block?.write(result.marketBlock())
        try OutputOptions.emit(format == .table ? result.table() : result.json(), to: report, committing: block)
    }
}
