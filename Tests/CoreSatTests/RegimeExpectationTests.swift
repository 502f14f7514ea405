import Foundation
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// Per-regime figures in `expect:` blocks, baselines and the scenario's `regime_entry_months`.
struct RegimeExpectationTests {
    func checks(_ expectations: String) throws -> (Scenario, [CheckResult], RunSummary) {
        var s = try ScenarioLoader.parse(withExpectations(expectations), file: "s.yaml")
        s.paths = 300
        let result = try Simulator.run(try s.plan(), threads: 2)
        let summary = try RunSummary(scenario: s.name, columns: result)
        return (s, try s.check(result, summary), summary)
    }

    @Test func aPerRegimeFigurePassesOrFailsOnItsMeasuredValue() throws {
        let (s, results, summary) = try checks("""
              - {policy: 70/30, figure: 'regime[calm].annual_return.median', check: '>= -1'}
              - {policy: 70/30, figure: 'regime[stressed].annual_return.median', check: '>= 0.5'}
              - {policy: 70/30, figure: 'entry[stressed].weight.sat.mean', check: 'between 0.2 0.4'}
              - {policy: 70/30, figure: 'regime[stressed].excess_return.p50', check: '<= 1'}
              - policy: 70/30
                figure: regime[calm].win_rate.mean      # unquoted in a block mapping
                check: 'between 0 1'

            """)
        #expect(s.expectations[0].figure == .regime(RegimeBucketReference(regime: 0, name: "calm", entry: false), .figure(.annualReturn), .median))
        #expect(results.map(\.passed) == [true, false, true, true, true])
        #expect(results[1].line.hasPrefix("FAIL  70/30: regime[stressed].annual_return.median = "))
        #expect(results[3].title == "70/30: regime[stressed].excess_return.median vs all core")
        let weight = summary.policies[1].regimeEntries[1].weights[0]
        #expect(results[2].measured == Estimate(value: weight.mean, standardError: weight.standardError))
    }

    func error(_ expectations: String, in text: String = validScenario) throws -> InputError {
        try #require(scenarioError(text + "expect:\n" + expectations))
    }

    @Test func anUnknownRegimeNameSuggestsTheNearest() throws {
        let e = try error("  - {policy: 70/30, figure: 'regime[clam].excess_return.median', check: '>= 0'}\n")
        #expect(e.keyPath == "expect[0].figure")
        #expect(e.reason == "unknown regime 'clam' in 'regime[clam].excess_return.median' (did you mean 'calm'?)")
        let figure = try error("  - {policy: 70/30, figure: 'entry[calm].excess_retrun.median', check: '>= 0'}\n")
        #expect(figure.reason.hasPrefix("unknown figure 'entry[calm].excess_retrun.median' (did you mean 'entry[calm].excess_return.median'?)"))
        let asset = try error("  - {policy: 70/30, figure: 'regime[calm].weight.core.mean', check: '>= 0'}\n")
        #expect(asset.reason.hasPrefix("unknown figure 'regime[calm].weight.core.mean'"))
    }

    @Test func perRegimeFiguresNeedRegimesAndRelativeOnesTheBenchmark() throws {
        let normal = """
            name: plain
            paths: 10
            months: 12
            assets: [{id: a, sleeve: core, kind: broad}]
            market: {model: normal, assets: {a: {annual_return: 0.05, annual_volatility: 0.2}}, correlation: 1}
            benchmark: hold
            policies: [{name: hold, weights: {a: 1.0}}]

            """
        let one = try error("  - {policy: hold, figure: 'regime[all].annual_return.mean', check: '>= 0'}\n", in: normal)
        #expect(one.reason.hasPrefix("'regime[all].annual_return.mean' is a per-regime figure, and this market has one regime"))
        let itself = try error("  - {policy: all core, figure: 'regime[calm].win_rate.mean', check: '>= 0'}\n")
        #expect(itself.reason.hasPrefix("'all core' would be compared with itself"))
        let recognition = try error("  - {policy: 70/30, figure: regime_hit_rate.mean, check: '>= 0.5'}\n")
        #expect(recognition.reason == "'regime_hit_rate.mean' scores the regime a policy believes in, and '70/30' names none")
    }

    @Test func theEntryMonthsAreTheScenariosAndChecked() throws {
        #expect(try ScenarioLoader.parse(validScenario, file: "s.yaml").regimeEntryMonths == 6)
        let three = try ScenarioLoader.parse(replacing("months: 24", with: "months: 24\nregime_entry_months: 3"), file: "s.yaml")
        let plan = try three.plan()
        #expect(three.regimeEntryMonths == 3 && plan.regimeEntryMonths == 3)
        #expect(scenarioError(replacing("months: 24", with: "months: 24\nregime_entry_months: 0"))?.reason
            == "0 regime entry months is out of range 1...120")
        #expect(scenarioError(replacing("months: 24", with: "months: 24\nregime_entry_months: six"))?.keyPath == "regime_entry_months")
    }

    @Test func aBaselineWithOtherEntryMonthsIsRefused() throws {
        let s = try ScenarioLoader.parse(replacing("months: 24", with: "months: 24\nregime_entry_months: 3"), file: "s.yaml")
        let base = Baseline(file: "b.json", scenario: "test", seed: 5, paths: 100, months: 24, warmUpMonths: 0, regimeEntryMonths: 6, figures: [:])
        let e = inputError { () throws(InputError) in try base.checkCompatible(with: s, anySeed: false) }
        #expect(e?.keyPath == "regime_entry_months" && e?.reason.hasPrefix("baseline counts 6 months after a regime change") == true)
        var old = base
        old.regimeEntryMonths = nil  // a report from before per-regime figures: nothing to compare
        #expect(inputError { () throws(InputError) in try old.checkCompatible(with: s, anySeed: false) } == nil)
    }

    @Test func aOneRegimeRunHasNoPerRegimeColumnsOrKeys() throws {
        var s = try ScenarioLoader.load(path: packageRoot.appendingPathComponent("scenarios/a-share-core-satellite.yaml").path)
        s.paths = 20
        let plan = try s.plan()
        #expect(plan.layout.stride == plan.policies.count * plan.layout.perPolicy + 1)
        #expect(!plan.layout.columns.contains { $0.figure.hasPrefix("regime") || $0.figure.hasPrefix("entry") })
        let json = try runJSON(s, threads: 1)
        #expect(!json.contains("regime_entr") && !json.contains("\"regimes\": {"))
    }
}
