import ArgumentParser
import CoreSat
import CoreSatEngine
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario and compare its policies on the same paths.")

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @OptionGroup var simulation: SimulationOptions

    @Option(help: "table, json or csv (default: table).")
    var format: ReportFormat?

    @OptionGroup var output: OutputOptions

    @OptionGroup var reports: ReportOptions

    @Option(help: ArgumentHelp(
        "Also save every path's figures (and wealth on a coarse time grid) to this results file, for 'coresat merge', charts or pandas.",
        valueName: "results"))
    var save: String?

    @OptionGroup var sharding: ShardOptions

    @Flag(help: "Check the scenario, the flags, the shard, the output files and the memory, then stop: nothing is simulated or written.")
    var dryRun = false

    @Flag(help: .hidden)
    var drawOnly = false

    func run() throws {
        var scenario = try ScenarioLoader.load(path: self.scenario, market: simulation.market)
        let shard = try sharding.resolve()
        if shard != .whole {
            if save == nil {
                throw InputError(file: "--shard", reason: "a shard's paths are only part of a run: give --save FILE, then merge the shards with 'coresat merge'")
            }
            if output.output != nil || format != nil || reports.report != nil || reports.exportPaths != nil {
                throw InputError(file: "--shard", reason: "a shard prints no report (--output, --format, --report, --export-paths): merge the shards with 'coresat merge' for one")
            }
        }
        let wealthGrid = { [reports, save] (s: Scenario) in reports.wealthGrid(for: s, saving: save != nil) }
        try simulation.apply(to: &scenario, shard: shard, wealthGrid: wealthGrid)
        if drawOnly {
            let plan = try scenario.plan()
            let checksum = Simulator.drawOnly(plan, threads: simulation.threads)
            try StandardOutput.print("drew \(plan.paths) paths x \(plan.months) months x \(plan.model.assetCount) assets (checksum \(checksum))")
            return
        }
        let (file, savedFile) = try output.open(protecting: scenario.inputFiles, alongside: save)
        let (reportFile, export) = try reports.open(
            protecting: scenario.inputFiles, others: [("--output", output.output), ("--save", save)])
        if dryRun {
            let held = shard.pathCount(paths: scenario.paths, blockSize: Simulator.blockSize)
            try StandardOutput.print("dry run: \(scenario.name): \(shard == .whole ? "" : "shard \(shard), ")\(held) of \(scenario.paths) paths x "
                + "\(scenario.months) months; the scenario, flags, outputs and memory check out, and nothing was written")
            return
        }
        let plan = try scenario.plan(wealthGrid: wealthGrid(scenario))
        let result = try simulation.simulate(plan, shard: shard)
        let meta = SavedRun(scenario: scenario, plan: plan, shard: shard, build: BuildInfo.current)
        if let savedFile {
            try ResultsFile.write(meta, column: { result.column(offset: $0) }, to: savedFile.write)
        }
        guard shard == .whole else {
            try savedFile?.commit()
            try StandardOutput.print("saved shard \(shard): \(result.pathCount) of \(plan.paths) paths to \(save ?? "")")
            return
        }
        let summary = try RunSummary(scenario: scenario.name, columns: result)
        let pages = try reports.write(meta: meta, summary: summary, columns: result, report: reportFile, export: export)
        try OutputOptions.emit((format ?? .table).render(summary), to: file, committing: [savedFile] + pages)
    }
}

extension ReportFormat {
    func render(_ summary: RunSummary) -> String {
        switch self {
        case .table: TableReport.render(summary)
        case .json: JSONReport.render(summary)
        case .csv: CSVReport.render(summary)
        }
    }
}
