import CGSL
import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func runJSON(_ scenario: Scenario, threads: Int) throws -> String {
    let result = try Simulator.run(try scenario.plan(), threads: threads)
    let summary = try RunSummary(scenario: scenario.name, columns: result)
    return JSONReport.render(summary)
}

struct DeterminismTests {
    func scenario(paths: Int = 600, seed: UInt64 = 5) throws -> Scenario {
        var s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        s.paths = paths
        s.seed = seed
        return s
    }

    @Test func sameSeedGivesByteIdenticalJSONForAnyThreadCount() throws {
        let s = try scenario()
        let one = try runJSON(s, threads: 1)
        #expect(try runJSON(s, threads: 2) == one)
        #expect(try runJSON(s, threads: 7) == one)
        #expect(try runJSON(s, threads: 1) == one)
    }

    @Test func anotherSeedGivesOtherNumbers() throws {
        #expect(try runJSON(scenario(seed: 5), threads: 2) != runJSON(scenario(seed: 6), threads: 2))
    }

    @Test func morePathsExtendTheSameStream() throws {
        // Blocks are seeded by index, so the first paths of a longer run are the same paths.
        let short = try Simulator.run(try scenario(paths: 300).plan(), threads: 2)
        let long = try Simulator.run(try scenario(paths: 900).plan(), threads: 2)
        #expect(Array(try short.values(policy: 1, .cagr)) == Array(try long.values(policy: 1, .cagr).prefix(300)))
    }
}

struct CommonPathsTests {
    @Test func aCopyOfTheBenchmarkNeverDiffersFromIt() throws {
        var s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        s.policies.append(PolicySpec(name: "copy", targets: s.policies[0].targets, review: s.policies[0].review, rule: .fixed, location: s.pathsLocation))
        let result = try Simulator.run(try s.plan(), threads: 2)
        #expect(try result.values(policy: 2, .cagrDifference).allSatisfy { $0 == 0 })
        #expect(try result.values(policy: 2, .trackingError).allSatisfy { $0 == 0 })
        let summary = try RunSummary(scenario: "t", columns: result)
        #expect(summary.policies[2].versusBenchmark?.probabilityOutperform == 0)
        #expect(summary.policies[0].versusBenchmark == nil)
    }

    @Test func confidenceIntervalOfTheCAGRDifferenceCoversItsMeanAndShrinksWithPaths() throws {
        var s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        s.paths = 400
        let small = try RunSummary(scenario: "t", columns: try Simulator.run(try s.plan(), threads: 2))
        // Another seed: with the same one the first 400 paths of the large run would be the small run,
        // and the two would not be independent as the error bounds below assume.
        s.paths = 3200
        s.seed += 1
        let large = try RunSummary(scenario: "t", columns: try Simulator.run(try s.plan(), threads: 2))
        let a = try #require(small.policies[1].versusBenchmark).cagrDifference
        let b = try #require(large.policies[1].versusBenchmark).cagrDifference
        #expect(abs((a.confidence95.high - a.confidence95.low) - 2 * 1.959963984540054 * a.standardError) < 1e-15)
        let ratio = (b.confidence95.high - b.confidence95.low) / (a.confidence95.high - a.confidence95.low)
        // Width scales as 1/sqrt(paths): 8x the paths, 0.354x the width. Each width comes from a
        // sample sd with relative error about 1/sqrt(2n), so the ratio's is sqrt(1/800 + 1/6400)
        // = 3.8%: four of those is 0.053 on the scale of 0.354.
        #expect(abs(ratio - 1 / 8.0.squareRoot()) < 4 * 0.038 * (1 / 8.0.squareRoot()))
        // Both intervals estimate the same quantity: their means agree within their joint error.
        #expect(abs(a.mean - b.mean) < 4 * (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot())
    }
}

struct SummaryTests {
    @Test func distributionOfKnownValues() {
        let d = Distribution([Double](stride(from: 1.0, through: 101, by: 1)) + [.nan, .infinity])
        #expect(d.count == 101 && d.undefined == 2)
        #expect(d.mean == 51 && d.median == 51)
        #expect(abs(d.p05 - 6) < 1e-12 && abs(d.p95 - 96) < 1e-12 && d.p25 == 26 && d.p75 == 76)
        // sd of 1...101 is sqrt(101 * 102 / 12) = 29.3 -> standard error / sqrt(101)
        #expect(abs(d.standardError - (101.0 * 102 / 12).squareRoot() / 101.0.squareRoot()) < 1e-9)
    }

    @Test func probabilityOfLossComparesWithMoneyPutIn() throws {
        var s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        s.paths = 500
        let result = try Simulator.run(try s.plan(), threads: 2)
        let summary = try RunSummary(scenario: "t", columns: result)
        let losses = try result.values(policy: 0, .terminalWealth).filter { $0 < 1 }.count
        #expect(summary.policies[0].probabilityOfLoss == Double(losses) / 500)
        #expect(summary.regimes.count == 2)
        #expect(abs(summary.regimes.map(\.shareOfMonths).reduce(0, +) - 1) < 1e-12)
    }
}

struct ExampleScenarioTests {
    static let files: [String] = {
        let dir = packageRoot.appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { dir.appendingPathComponent($0).path }
    }()

    @Test func thereAreExampleScenarios() {
        #expect(Self.files.count >= 2)
        #expect(Self.files.contains { $0.hasSuffix("a-share-core-satellite.yaml") })
        #expect(Self.files.contains { $0.hasSuffix("us-factor-sleeves.yaml") })
    }

    @Test(arguments: files)
    func everyExampleValidatesAndRuns(path: String) throws {
        let first = try ScenarioLoader.load(path: path)
        for market in first.marketNames.isEmpty ? [String?.none] : first.marketNames.map(Optional.some) {
            var s = try ScenarioLoader.load(path: path, market: market)
            if s.market.fixedShape == nil { s.paths = 200 }  // a replay has its own paths
            let json = try runJSON(s, threads: 2)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let policies = try #require(object["policies"] as? [[String: Any]])
            // A sweep's cells are the last policies, reported in the sweep's grid.
            let cells = s.sweep?.cellCount ?? 0
            #expect(policies.count == s.policies.count - cells)
            #expect(((object["sweep"] as? [String: Any])?["cells"] as? [Any])?.count ?? 0 == cells)
            #expect(object["benchmark"] as? String == s.policies[s.benchmark].name)
            #expect(object["market"] as? String == market)
        }
    }

    @Test func theBenchmarkScenarioValidates() throws {
        let s = try ScenarioLoader.load(path: packageRoot.appendingPathComponent("bench/standard.yaml").path)
        #expect(s.paths == 10_000 && s.months == 360 && s.assets.count == 10)
        #expect(s.assets.filter { $0.sleeve == .core }.count == 3)
        #expect(s.market.regimeNames.count == 2 && s.policies.count == 6)
        #expect(s.policies.filter { $0.rule.isFixed }.count == 4)
        // bench/run cuts the file at this comment for the static-only workload.
        let text = try String(contentsOfFile: packageRoot.appendingPathComponent("bench/standard.yaml").path, encoding: .utf8)
        let cut = try #require(text.range(of: "\n  # Rotation policies"))
        let staticOnly = try ScenarioLoader.parse(String(text[..<cut.lowerBound]) + "\n", file: "static.yaml")
        #expect(staticOnly.policies.count == 4 && staticOnly.policies.allSatisfy { $0.rule.isFixed })
    }
}

struct TableLayoutTests {
    @Test func longAndWideNamesStillFitEightyColumns() throws {
        var s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        s.paths = 50
        s.policies[1].name = "沪深300增强 70/30 季度再平衡 with a very long English tail"
        let result = try Simulator.run(try s.plan(), threads: 1)
        let text = TableReport.render(try RunSummary(scenario: s.name, columns: result))
        for line in text.split(separator: "\n") { #expect(TextTable.width(String(line)) <= 80, "\(line)") }
        #expect(text.contains("沪深300增强"))
    }

    @Test func wideCharactersCountTwice() {
        #expect(TextTable.width("abc") == 3 && TextTable.width("沪深300") == 7)
        #expect(TextTable.width(TextTable.truncate("沪深300增强指数基金", to: 9)) <= 9)
    }
}

struct OrderStatisticsTests {
    @Test(arguments: [1, 2, 7, 100, 1001])
    func quantilesMatchASortedCopy(n: Int) {
        let random = GSLKit.RandomSource(seed: UInt32(n))
        // Rounded values, so there are many ties, as with win rates.
        let values = (0..<n).map { _ in (random.uniform() * 16).rounded() / 4 }
        let fractions = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1, 0.0371, 0.9612]
        let order = OrderStatistics(values, fractions: fractions)
        let sorted = values.sorted()
        for p in fractions {
            let gsl = sorted.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, n, p) }
            #expect(abs(order.quantile(p) - gsl) <= 1e-15, "p = \(p)")
        }
    }
}
