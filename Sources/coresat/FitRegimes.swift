import ArgumentParser
import Dispatch
import Foundation
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

    @Option(help: "Worker threads for the restarts (default: all cores). The fit does not depend on it.")
    var threads: Int?

    @Flag(help: "Fit the simple returns instead of their logs (to compare with statsmodels; no --market).")
    var simple = false

    /// For the benchmark: fit this many times more and print the fits' in-process times.
    @Option(help: .hidden)
    var timing: Int?

    @OptionGroup var output: OutputOptions

    func run() throws {
        guard (1...6).contains(regimes) else { throw InputError(file: "--regimes", reason: "\(regimes) is out of range 1...6") }
        guard (0...1000).contains(restarts) else { throw InputError(file: "--restarts", reason: "\(restarts) is out of range 0...1000") }
        let regimeNames = names.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            ?? RegimeFitNames.defaults(regimes)
        guard regimeNames.count == regimes, Set(regimeNames).count == regimes, !regimeNames.contains("") else {
            throw InputError(file: "--names", reason: "give \(regimes) different names")
        }
        if simple && market != nil {
            throw InputError(file: "--market", reason: "a market block holds log-return parameters; fit without --simple to write one")
        }
        if let market, let path = output.output, OutputFile.sameTarget(market, path) {
            throw InputError(file: market, keyPath: "--market", reason: "is also the --output file; give two different files")
        }
        let report = try output.open(protecting: [data])
        let block = try market.map { (path) throws(InputError) in try OutputFile.open(path, protecting: [data], label: "--market") }
        let sample = try FitSample(
            dataset: try Dataset.load(path: data), columns: columns.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
            from: from, to: to, simple: simple)
        let threads = self.threads ?? SimulationOptions.defaultThreads
        guard (1...1024).contains(threads) else { throw InputError(file: "--threads", reason: "\(threads) is out of range 1...1024") }
        let options = RegimeFitOptions(regimeCount: regimes, restarts: restarts, seed: seed, threads: threads)
        if let timing { try time(sample, options, times: timing) }
        let fit: RegimeFit
        do {
            fit = try MarkovSwitchingFit.fit(sample.logReturns, options: options)
        } catch {
            throw InputError(file: data, reason: "the regime fit failed: \(error.description)")
        }
        if let warning = fit.warning { StandardError.write("warning: \(warning)\n") }
        let result = RegimeFitReport(fit: fit, sample: sample, names: regimeNames, data: data)
        try block?.write(result.marketBlock())
        try OutputOptions.emit(format == .table ? result.table() : result.json(), to: report, committing: [block])
    }

    /// Fits `times` times and prints the best and median in-process seconds to standard error.
    func time(_ sample: FitSample, _ options: RegimeFitOptions, times: Int) throws {
        guard (1...1000).contains(times) else { throw InputError(file: "--timing", reason: "\(times) is out of range 1...1000") }
        var seconds: [Double] = []
        for _ in 0..<times {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try? MarkovSwitchingFit.fit(sample.logReturns, options: options)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        seconds.sort()
        StandardError.write(String(format: "fit-regimes k=%d, %d threads: best %.4f s, median %.4f s of %d\n",
            options.regimeCount, options.threads, seconds[0], seconds[seconds.count / 2], times))
    }
}
