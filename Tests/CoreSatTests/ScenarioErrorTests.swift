import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// A small valid scenario (Fixtures/small-scenario.yaml, shared with the CLI tests); each test
/// breaks one thing and checks the one-line message.
let validScenario: String = {
    let url = Bundle.module.url(forResource: "small-scenario", withExtension: "yaml", subdirectory: "Fixtures")!
    return try! String(contentsOf: url, encoding: .utf8)
}()

func scenarioError(_ text: String) -> InputError? {
    inputError { () throws(InputError) in _ = try ScenarioLoader.parse(text, file: "s.yaml") }
}

func replacing(_ old: String, with new: String) -> String {
    precondition(validScenario.contains(old), "test edit does not apply: \(old)")
    return validScenario.replacingOccurrences(of: old, with: new)
}

struct ScenarioErrorTests {
    @Test func aDescriptionMustBeText() throws {
        let list = try #require(scenarioError(replacing("name: test\n", with: "name: test\ndescription: [a, b]\n")))
        #expect(list.description == "s.yaml:2:14: description: expected text, found a list")
        #expect(scenarioError(replacing("name: test\n", with: "name: test\ndescription: two lines\n  of text\n")) == nil)
    }

    @Test func theValidScenarioLoads() throws {
        let s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        #expect(s.assets.map(\.id) == ["core", "sat"])
        #expect(s.market.regimeNames.count == 2)
        #expect(zip(s.policies[1].targets, [0.7, 0.3]).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(s.policies[0].review == .calendar(months: 1) && s.policies[0].rule.isFixed)
        #expect(s.rules.costRates == [0.001, 0.001])
        #expect(s.benchmark == 0)
    }

    @Test func unknownKeyNamesTheNearestValidKey() throws {
        let e = try #require(scenarioError(replacing("paths: 100", with: "pathz: 100")))
        #expect(e.description == "s.yaml:3:1: pathz: unknown key 'pathz' (did you mean 'paths'?)")
    }

    @Test func unknownNestedKey() throws {
        let e = try #require(scenarioError(replacing("rebalance: quarterly", with: "rebalence: quarterly")))
        #expect(e.line == 36)
        #expect(e.keyPath == "policies[1].rebalence")
        #expect(e.reason == "unknown key 'rebalence' (did you mean 'rebalance'?)")
    }

    @Test func wrongType() throws {
        let e = try #require(scenarioError(replacing("months: 24", with: "months: two years")))
        #expect(e.description == "s.yaml:4:9: months: expected a whole number, found 'two years'")
    }

    @Test func weightsThatDoNotSumToOneSayByHowMuch() throws {
        let e = try #require(scenarioError(replacing("weights: {core: 1.0}", with: "weights: {core: 0.95}")))
        #expect(e.keyPath == "policies[0].weights")
        #expect(e.reason == "weights sum to 0.95, 0.05 short of 1")
        #expect(e.line == 31)
    }

    @Test func negativeVolatility() throws {
        let e = try #require(scenarioError(replacing("monthly_volatility: 0.04", with: "monthly_volatility: -0.04")))
        #expect(e.keyPath == "market.regimes[0].assets.core.monthly_volatility")
        #expect(e.reason == "volatility cannot be negative, got -0.04")
        #expect(e.line == 13)
    }

    @Test func asymmetricCorrelation() throws {
        let e = try #require(scenarioError(replacing("sat: [0.6, 1.0]", with: "sat: [0.5, 1.0]")))
        #expect(e.keyPath == "market.regimes[0].correlation")
        #expect(e.reason == "correlation matrix is not symmetric: sat/core is 0.5 but core/sat is 0.6")
    }

    @Test func correlationNotPositiveDefiniteGivesTheSmallestEigenvalue() throws {
        let text = replacing("core: [1.0, 0.6]\n        sat: [0.6, 1.0]", with: "core: [1.0, 1.0]\n        sat: [1.0, 1.0]")
        let e = try #require(scenarioError(text))
        #expect(e.reason.hasPrefix("correlation matrix is not positive definite (smallest eigenvalue"))
        #expect(e.line == 16 && e.keyPath == "market.regimes[0].correlation")
    }

    @Test func transitionRowNotSummingToOne() throws {
        let e = try #require(scenarioError(replacing("- [0.10, 0.90]", with: "- [0.10, 0.80]")))
        #expect(e.keyPath == "market.transition[1]")
        #expect(e.reason == "transition row sums to 0.9, 0.1 short of 1")
        #expect(e.line == 25)
    }

    @Test func weightsAndProbabilitiesShareOneToleranceAndAreNormalised() throws {
        // Thirds to seven decimals are within 1e-6 of 1, for policy weights and transition rows alike.
        let text = replacing("- [0.10, 0.90]", with: "- [0.3333333, 0.6666666]")
            .replacingOccurrences(of: "weights: {core: 1.0}", with: "weights: {core: 0.3333333, sat: 0.6666666}")
        let s = try ScenarioLoader.parse(text, file: "s.yaml")
        #expect(s.policies[0].targets.reduce(0, +) == 1 && abs(s.policies[0].targets[0] - 1.0 / 3) < 1e-6)
        let row = try #require(s.market.markov).transition
        #expect(abs(row[1, 0] + row[1, 1] - 1) < 1e-15)
        let off = try #require(scenarioError(replacing("weights: {core: 1.0}", with: "weights: {core: 0.99999}")))
        #expect(off.reason == "weights sum to 0.99999, 1e-05 short of 1")
    }

    @Test func regimeCountMismatch() throws {
        let e = try #require(scenarioError(replacing("    - [0.10, 0.90]\n", with: "")))
        #expect(e.reason == "transition matrix has 1 rows but there are 2 regimes")
        let start = try #require(scenarioError(replacing("start: calm", with: "start: [1.0]")))
        #expect(start.reason == "start distribution has 1 entries but there are 2 regimes")
    }

    @Test func unknownAssetInAPolicy() throws {
        let e = try #require(scenarioError(replacing("weights: {core: 1.0}", with: "weights: {cor: 1.0}")))
        #expect(e.keyPath == "policies[0].weights.cor")
        #expect(e.reason == "unknown asset id 'cor' (did you mean 'core'?)")
    }

    @Test func benchmarkPolicyMissing() throws {
        let e = try #require(scenarioError(replacing("benchmark: all core", with: "benchmark: all-core")))
        #expect(e.reason == "benchmark policy 'all-core' is not among the policies (did you mean 'all core'?)")
        let absent = try #require(scenarioError(replacing("benchmark: all core\n", with: "")))
        #expect(absent.reason == "missing required key 'benchmark'")
        #expect(absent.line == 1)
    }

    @Test func pathsAndMonthsOutOfRange() throws {
        let paths = try #require(scenarioError(replacing("paths: 100", with: "paths: 0")))
        #expect(paths.reason == "0 paths is out of range 1...1000000000")
        let months = try #require(scenarioError(replacing("months: 24", with: "months: 5000")))
        #expect(months.reason == "5000 months is out of range 1...1200")
    }

    @Test func runTooBigForTheMachineIsRefusedBeforeStarting() throws {
        let s = try ScenarioLoader.parse(replacing("paths: 100", with: "paths: 5000000"), file: "s.yaml")
        let plan = try s.plan()
        let e = try #require(inputError { () throws(InputError) in
            try s.checkMemory(plan, threads: 2, limit: MemoryLimit(bytes: 1 << 30, source: .physicalMemory))
        })
        #expect(e.line == 3 && e.keyPath == "paths")
        #expect(e.reason.hasPrefix("5000000 paths need about ") && e.reason.hasSuffix(" GB of memory, and the limit is half of 1.1 GB (physical memory); use fewer paths, or split the run into shards (--shard k/n)"))
        try s.checkMemory(plan, threads: 2, limit: MemoryLimit(bytes: 1 << 40, source: .physicalMemory))
        // A shard is checked for its own paths, and the message says so.
        let shard = try #require(inputError { () throws(InputError) in
            try s.checkMemory(plan, threads: 2, shard: Shard(index: 1, count: 2), limit: MemoryLimit(bytes: 1 << 29, source: .cgroup))
        })
        #expect(shard.reason.hasPrefix("shard 1/2 (2500000 of 5000000 paths) needs about "), "\(shard.reason)")
        #expect(shard.reason.hasSuffix("(the cgroup memory limit); use more shards or fewer paths"))
        try s.checkMemory(plan, threads: 2, shard: Shard(index: 1, count: 20), limit: MemoryLimit(bytes: 1 << 31, source: .cgroup))
    }

    @Test func theMessageNamesTheLimitThatApplied() throws {
        let s = try ScenarioLoader.parse(replacing("paths: 100", with: "paths: 5000000"), file: "s.yaml")
        let e = try #require(inputError { () throws(InputError) in
            try s.checkMemory(try s.plan(), threads: 1, limit: MemoryLimit(bytes: 300_000_000, source: .addressSpace))
        })
        #expect(e.reason.contains("the limit is half of 300 MB (the address-space limit)"))
        // A small run still needs room for the program itself under an address-space limit.
        let small = try ScenarioLoader.parse(replacing("paths: 100", with: "paths: 1"), file: "s.yaml")
        #expect(inputError { () throws(InputError) in
            try small.checkMemory(try small.plan(), threads: 1, limit: MemoryLimit(bytes: 200_000_000, source: .addressSpace))
        } != nil)
    }

    @Test func cgroupFilesSayNoLimitWithMax() {
        #expect(MemoryLimit.cgroupBytes("max\n") == nil)
        #expect(MemoryLimit.cgroupBytes("536870912\n") == 536_870_912)
        #expect(MemoryLimit.current().bytes <= ProcessInfo.processInfo.physicalMemory)
    }

    @Test func yamlSyntaxErrorsHaveAPosition() throws {
        let e = try #require(scenarioError(replacing("paths: 100", with: "paths: [100")))
        #expect(e.line != nil && e.reason.hasPrefix("not valid YAML"))
    }

    @Test func duplicateKeysPointAtTheSecondOne() throws {
        let e = try #require(scenarioError(replacing("paths: 100", with: "paths: 100\npaths: 200")))
        #expect(e.description == "s.yaml:4:1: paths: key 'paths' appears twice")
        let flow = try #require(scenarioError(replacing("{id: sat, sleeve: satellite", with: "{id: sat, id: sat2, sleeve: satellite")))
        #expect(flow.line == 7 && flow.column == 15 && flow.reason == "key 'id' appears twice")
        // A repeated top-level key at the end is found there, not at a nested key of the same name.
        let nested = try #require(scenarioError(validScenario + "name: again\n"))
        #expect(nested.line == 37 && nested.column == 1)
        let inRegime = try #require(scenarioError(replacing("      correlation: 0.85", with: "      correlation: 0.85\n      name: twice")))
        #expect(inRegime.line == 23 && inRegime.column == 7)
    }

    @Test func mergeKeysBringInDefaults() throws {
        let text = replacing("  - {id: sat, sleeve: satellite, kind: thematic}", with: "  - {<<: *first, id: sat, sleeve: satellite}")
            .replacingOccurrences(of: "  - {id: core,", with: "  - &first {id: core,")
        let s = try ScenarioLoader.parse(text, file: "s.yaml")
        #expect(s.assets[1].kind == .broad && s.assets[1].expenseRatio == 0.001 && s.assets[1].sleeve == .satellite)
    }

    @Test func unknownEnumValueListsTheOptions() throws {
        let e = try #require(scenarioError(replacing("model: regime-switching", with: "model: regime-switch")))
        #expect(e.reason == "unknown value 'regime-switch' (did you mean 'regime-switching'?); expected one of normal, student-t, regime-switching, historical, bootstrap, index-lab")
    }

    @Test func satelliteWeightsMustNameSatellites() throws {
        let e = try #require(scenarioError(replacing("satellite_weights: {sat: 1.0}", with: "satellite_weights: {core: 1.0}")))
        #expect(e.reason == "asset 'core' is in the core sleeve, not the satellite sleeve")
    }

    @Test func weightsOfAnEmptySleeveAreStillChecked() throws {
        let text = replacing("core: 0.7", with: "core: 1.0").replacingOccurrences(of: "satellite_weights: {sat: 1.0}", with: "satellite_weights: {bogus: 7}")
        let e = try #require(scenarioError(text))
        #expect(e.keyPath == "policies[1].satellite_weights.bogus")
    }

    @Test func studentTNeedsMoreThanFourDegreesOfFreedom() throws {
        let text = replacing("model: regime-switching", with: "model: regime-switching\n  innovations: student-t\n  degrees_of_freedom: 4")
        let e = try #require(scenarioError(text))
        #expect(e.reason == "degrees of freedom must be above 4 (at 4 or below a t distribution's kurtosis is infinite), got 4")
        #expect(e.keyPath == "market.degrees_of_freedom" && e.line == 11)
        let above = try #require(scenarioError(text.replacingOccurrences(of: "degrees_of_freedom: 4", with: "degrees_of_freedom: 1001")))
        #expect(above.reason == "degrees of freedom must be at most 1000, got 1001")
        let market = try ScenarioLoader.parse(text.replacingOccurrences(of: "degrees_of_freedom: 4", with: "degrees_of_freedom: 4.5"), file: "s.yaml").market
        #expect(market.markov?.innovations == .studentT(degreesOfFreedom: 4.5))
    }
}

struct NearestNameTests {
    @Test func suggestsCloseOrExtendedNamesOnly() {
        #expect(NearestName.nearest("pathz", among: ["paths", "months"]) == "paths")
        #expect(NearestName.nearest("calmish", among: ["calm", "stressed"]) == "calm")
        #expect(NearestName.nearest("x", among: ["regime-switching", "normal"]) == nil)
        #expect(NearestName.nearest("volatility", among: ["seed", "paths"]) == nil)
    }
}

struct InputBoundsTests {
    @Test(arguments: [
        ("monthly_volatility: 0.04", "monthly_volatility: 1e308", "volatility must be at most 2, got 1e+308"),
        ("annual_return: -0.1", "annual_return: 1e308", "annual return must be above -1 and at most 10, got 1e+308"),
        ("paths: 100", "paths: 100\ninitial_wealth: 1e-320", "initial wealth must be at least 1e-06 and at most 1e+15"),
        ("paths: 100", "paths: 100\nrisk_free_annual: 1e308", "risk-free rate must be above -0.5 and at most 1"),
        ("costs: {transaction_bps: 10}", "costs: {transaction_bps: 10}\ncash_flow: {monthly_amount: 1e308}", "monthly amount must be at least -1e+15"),
        ("costs: {transaction_bps: 10}", "costs: {transaction_bps: 10}\ncash_flow: {monthly_amount: 1, inflation_annual: 1e300}", "inflation must be above -0.5 and at most 1"),
        ("expense_ratio: 0.001", "expense_ratio: 0.99", "expense ratio (a decimal: 0.005 = 0.5%) must be at least 0 and at most 0.2, got 0.99"),
        ("costs: {transaction_bps: 10}", "costs: {transaction_bps: 1e9}", "transaction cost in bps must be at least 0 and at most 1000"),
    ])
    func valuesThatWouldOverflowAreRefused(old: String, new: String, reason: String) throws {
        let e = try #require(scenarioError(replacing(old, with: new)))
        #expect(e.reason.hasPrefix(reason), "\(e.reason)")
        #expect(e.line != nil)
    }

    @Test func aCashAssetWithZeroVolatilityIsModelled() throws {
        let text = replacing("core: {monthly_mean: 0.008, monthly_volatility: 0.04}", with: "core: {monthly_mean: 0.002, monthly_volatility: 0}")
        var s = try ScenarioLoader.parse(text, file: "s.yaml")
        s.paths = 50
        let plan = try s.plan()
        let random = GSLKit.RandomSource(seed: 1)
        var returns = [Double](repeating: 0, count: 24 * 2)
        var regimes = [Int32](repeating: 0, count: 24)
        returns.withUnsafeMutableBufferPointer { r in
            regimes.withUnsafeMutableBufferPointer { plan.model.generatePath(months: 24, random: random, returns: r, regimes: $0) }
        }
        // In the calm regime the cash asset returns exactly its mean every month.
        for t in 0..<24 where regimes[t] == 0 { #expect(abs(returns[2 * t] - 0.002) < 1e-15) }
    }
}
