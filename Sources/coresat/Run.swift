import ArgumentParser
import CoreSat
import Foundation
import GSLKit

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario and compare its policies on the same paths.")

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "Number of simulated paths (overrides the file).")
    var paths: Int?

    @Option(help: "Random seed (overrides the file).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "table, json or csv.")
    var format: ReportFormat = .table

    @OptionGroup var output: OutputOptions

    @Flag(help: "No progress indicator.")
    var quiet = false

    @Flag(help: .hidden)
    var drawOnly = false

    func run() throws {
        var scenario = try ScenarioLoader.load(path: self.scenario)
        if let paths {
            guard Scenario.pathRange.contains(paths) else {
                throw InputError(file: "--paths", reason: "\(paths) paths is out of range \(Scenario.pathRange.lowerBound)...\(Scenario.pathRange.upperBound)")
            }
            scenario.paths = paths
        }
        if let seed { scenario.seed = seed }
        guard (1...1024).contains(threads) else { throw InputError(file: "--threads", reason: "\(threads) is out of range 1...1024") }
        let plan = try scenario.plan()
        try scenario.checkMemory(plan, threads: threads, physicalMemory: ProcessInfo.processInfo.physicalMemory, pathsFlag: paths != nil)

        if drawOnly {
            let checksum = Simulator.drawOnly(plan, threads: threads)
            print("drew \(plan.paths) paths x \(plan.months) months x \(plan.model.assetCount) assets (checksum \(checksum))")
            return
        }
        let progress = ProgressLine(total: plan.paths, enabled: !quiet && isatty(STDERR_FILENO) == 1)
        let result = Simulator.run(plan, threads: threads, progress: progress.update)
        progress.finish()
        let summary = RunSummary(
            scenario: scenario.name, seed: scenario.seed, result: result,
            netInvested: scenario.rules.netInvested(months: scenario.months))
        switch format {
        case .table: try output.emit(TableReport.render(summary))
        case .json: try output.emit(JSONReport.render(summary))
        case .csv: try output.emit(CSVReport.render(summary))
        }
    }
}
