import ArgumentParser
import CoreSat
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario and compare its policies on the same paths.")

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @OptionGroup var simulation: SimulationOptions

    @Option(help: "table, json or csv.")
    var format: ReportFormat = .table

    @OptionGroup var output: OutputOptions

    @Flag(help: .hidden)
    var drawOnly = false

    func run() throws {
        var scenario = try ScenarioLoader.load(path: self.scenario)
        try simulation.apply(to: &scenario)
        if drawOnly {
            let plan = try scenario.plan()
            let checksum = Simulator.drawOnly(plan, threads: simulation.threads)
            try StandardOutput.print("drew \(plan.paths) paths x \(plan.months) months x \(plan.model.assetCount) assets (checksum \(checksum))")
            return
        }
        let file = try output.open(protecting: [self.scenario])
        let (_, summary) = try simulation.simulate(scenario)
        let report = switch format {
        case .table: TableReport.render(summary)
        case .json: JSONReport.render(summary)
        case .csv: CSVReport.render(summary)
        }
        try OutputOptions.emit(report, to: file)
    }
}
