import CoreSatEngine
import ArgumentParser
import CoreSat

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file without running it, and list what it describes.")

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "Check only this one of the scenario's named markets (default: every one).")
    var market: String?

    func run() throws {
        let s = try ScenarioLoader.load(path: scenario, market: market)
        // Every named market with the policies, as `run --market` would load it.
        let others = market == nil ? try s.marketNames.dropFirst().map { (name) throws(InputError) in
            try ScenarioLoader.load(path: scenario, market: name)
        } : []
        // What `run` would refuse, with its default thread count. A run too big for one process
        // runs in shards, each saved (with its wealth grid): it needs as many as fit in memory.
        var shards = 1
        for one in [s] + others {
            let threads = SimulationOptions.defaultThreads
            if Scenario.fewestShards(paths: one.paths, blockSize: Simulator.blockSize) == 1 {
                try one.checkMemory(try one.plan(), threads: threads, limit: .current())
            } else {
                let saved = try one.plan(wealthGrid: RecordLayout.wealthGrid(months: one.months))
                shards = max(shards, try one.fewestShardsThatFit(saved, threads: threads, limit: .current()))
            }
        }
        try StandardOutput.print("\(scenario): ok (\(s.assets.count) assets, \(s.market.regimeNames.count) regime(s), \(s.policies.count - (s.sweep?.cellCount ?? 0)) policies, \(s.sweep.map { "a sweep of \($0.cellCount) cells, " } ?? "")\(s.paths) paths x \(s.months) months\(s.warmUpMonths > 0 ? " after \(s.warmUpMonths) warm-up months" : ""))")
        for one in [s] + others {
            let label = one.marketName.map { "market \($0)" } ?? "market"
            switch one.market {
            case .recorded(let market, let use): try StandardOutput.print("\(label): " + market.describe(use))
            case .markov(let spec):
                if one.marketName != nil { try StandardOutput.print("\(label): simulated, \(spec.regimes.count) regime(s), \(one.paths) paths x \(one.months) months") }
            case .indexLab(let lab):
                try StandardOutput.print("\(label): index lab, \(lab.indices.count) indices from \(lab.universe.stocks) simulated stocks")
            }
        }
        if shards > 1 {
            try StandardOutput.print("\(s.paths) paths are more than one process computes (\(Scenario.processPathLimit)): "
                + "run them as \(shards) or more shards on a machine like this one (--shard k/n) and merge them; see docs/scaling.md")
        }
        try StandardOutput.print(AssetTable.render(s))
    }
}
