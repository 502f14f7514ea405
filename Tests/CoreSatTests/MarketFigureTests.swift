import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// A one-asset model that measures two figures per path: its path number and its first return.
struct FigureMeasuringModel: ReturnModel {
    var assetCount: Int { 1 }
    var regimeNames: [String] { ["only"] }
    var pathFigureNames: [String] { ["path_number", "first_return"] }

    func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        for m in 0..<months {
            returns[m] = 0.01 * (random.uniform() - 0.4)
            logReturns[m] = log1p(returns[m])
            regimes[m] = 0
        }
    }

    func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>,
        logMeans: UnsafeMutableBufferPointer<Double>, figures: UnsafeMutableBufferPointer<Double>
    ) {
        generatePath(path: path, months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes)
        figures[0] = Double(path)
        figures[1] = returns[0]
    }
}

/// Figures a market model measures per path land in `market.<name>` columns, after all others, and
/// travel through saved results like any column.
struct MarketFigureTests {
    func plan(paths: Int) -> SimulationPlan {
        SimulationPlan(
            model: FigureMeasuringModel(), assetNames: ["a"], assetSleeves: [.core],
            policies: [StaticPolicy(name: "all a", targets: [1], review: .never)], benchmark: 0,
            rules: AccountRules(initialWealth: 1, expenseRatios: [0], costRates: [0]), paths: paths, months: 12, seed: 3,
            generator: .mt19937, riskFreeAnnual: 0)
    }

    @Test func aModelsFiguresAreTheLastColumnsOfEveryRecord() throws {
        let plan = plan(paths: 600)
        let layout = plan.layout
        #expect(layout.columns.suffix(2) == [ColumnKey(.market, "path_number"), ColumnKey(.market, "first_return")])
        #expect(layout.stride == layout.columns.count)
        let whole = try Simulator.run(plan, threads: 2)
        #expect(try whole.column(ColumnKey(.market, "path_number")) == (0..<600).map(Double.init))
        // The first return is the one the policy earned in month 1 (a buy-and-hold of the one asset).
        let first = try whole.column(ColumnKey(.market, "first_return"))
        #expect(first.allSatisfy { $0 > -0.004 && $0 < 0.006 })
        // Shards hold their own paths' figures.
        let shard = try Simulator.run(plan, threads: 1, shard: Shard(index: 1, count: 2))
        let offset = try #require(layout.offset(ColumnKey(.market, "path_number")))
        #expect(shard.column(offset: offset) == (250..<500).map(Double.init))
    }

    @Test func savedResultsKeepTheModelsFigures() throws {
        let plan = plan(paths: 300)
        let result = try Simulator.run(plan, threads: 1)
        let url = try #require(Bundle.module.url(forResource: "small-scenario", withExtension: "yaml", subdirectory: "Fixtures"))
        let scenario = try ScenarioLoader.parse(try String(contentsOf: url, encoding: .utf8), file: "s.yaml")
        let meta = SavedRun(scenario: scenario, plan: plan, shard: .whole, build: "test")
        var bytes: [UInt8] = []
        try ResultsFile.write(meta, column: { result.column(offset: $0) }, to: { bytes += $0 })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("market-figures-\(UUID().uuidString).res")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(bytes).write(to: file)
        let merged = try MergedResults(paths: [file.path])
        #expect(merged.run.layout.marketFigures == ["path_number", "first_return"])
        #expect(try merged.column(ColumnKey(.market, "path_number")) == (0..<300).map(Double.init))
    }
}
