import CoreSatEngine
import ArgumentParser
import CoreSat
import Foundation

/// The options every simulating command shares: market, size, seed, threads and the progress line.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Which of the scenario's named markets to run (default: the first).")
    var market: String?

    // `.unconditional` takes "-1" as the value (and then reports it as out of range) instead of
    // mistaking it for an option.
    @Option(parsing: .unconditional, help: "Number of simulated paths (overrides the file).")
    var paths: Int?

    @Option(parsing: .unconditional, help: "Random seed (overrides the file).")
    var seed: UInt64?

    // Optional, so the help shows "all cores" rather than this machine's count as the default.
    @Option(name: .customLong("threads"), parsing: .unconditional, help: "Worker threads (default: all cores). Results do not depend on it.")
    var threadsFlag: Int?

    static let defaultThreads = ProcessInfo.processInfo.activeProcessorCount

    var threads: Int { threadsFlag ?? Self.defaultThreads }

    @Flag(help: "No progress indicator.")
    var quiet = false

    /// Applies --paths and --seed to a loaded scenario and refuses a run too big for this machine.
    /// `wealthGrid` gives the months whose wealth the run keeps, which the memory check counts.
    func apply(to scenario: inout Scenario, shard: Shard = .whole, wealthGrid: (Scenario) -> [Int] = { _ in [] }) throws {
        if let paths, let fixed = scenario.market.fixedShape, paths != fixed.paths {
            throw InputError(file: "--paths", reason: "a historical replay runs one path per window (\(fixed.paths) here); --paths does not apply")
        }
        if let paths { scenario.paths = paths }
        guard Scenario.pathRange.contains(scenario.paths) else {
            throw InputError(file: "--paths", reason: Scenario.pathsOutOfRange(scenario.paths))
        }
        if shard.pathCount(paths: scenario.paths, blockSize: Simulator.blockSize) > Scenario.processPathLimit {
            var error = paths != nil ? InputError(file: "--paths", reason: "") : scenario.pathsLocation
            error.reason = Scenario.tooManyPathsForOneProcess(total: scenario.paths, shard: shard, blockSize: Simulator.blockSize)
            throw error
        }
        if let seed { scenario.seed = seed }
        guard (1...1024).contains(threads) else { throw InputError(file: "--threads", reason: "\(threads) is out of range 1...1024") }
        try scenario.checkMemory(try scenario.plan(wealthGrid: wealthGrid(scenario)), threads: threads, shard: shard, limit: .current(), pathsFlag: paths != nil)
    }

    /// Simulates with a progress line on stderr when it is a terminal.
    func simulate(_ plan: SimulationPlan, shard: Shard = .whole) throws -> SimulationResult {
        let total = shard.pathCount(paths: plan.paths, blockSize: Simulator.blockSize)
        let progress = ProgressLine(total: total, enabled: !quiet && isatty(STDERR_FILENO) == 1)
        defer { progress.finish() }
        return try Simulator.run(plan, threads: threads, shard: shard, progress: progress.update)
    }

    /// Simulates a whole scenario and summarizes it.
    func simulate(_ scenario: Scenario) throws -> (SimulationResult, RunSummary) {
        let result = try simulate(try scenario.plan())
        return (result, try RunSummary(scenario: scenario.name, columns: result))
    }
}
