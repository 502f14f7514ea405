import CoreSatEngine
import ArgumentParser
import CoreSat

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file without running it, and list what it describes.")

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    func run() throws {
        let s = try ScenarioLoader.load(path: scenario)
        // What `run` would refuse, with its default thread count.
        try s.checkMemory(try s.plan(), threads: SimulationOptions.defaultThreads, limit: .current())
        try StandardOutput.print("\(scenario): ok (\(s.assets.count) assets, \(s.market.regimeNames.count) regime(s), \(s.policies.count - (s.sweep?.cellCount ?? 0)) policies, \(s.sweep.map { "a sweep of \($0.cellCount) cells, " } ?? "")\(s.paths) paths x \(s.months) months\(s.warmUpMonths > 0 ? " after \(s.warmUpMonths) warm-up months" : ""))")
        if case .recorded(let market, let use) = s.market { try StandardOutput.print("market: " + market.describe(use)) }
        try StandardOutput.print(AssetTable.render(s))
    }
}
