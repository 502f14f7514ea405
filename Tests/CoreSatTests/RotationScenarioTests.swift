import Foundation
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// A scenario with three rotating satellites and a cash asset; `RULE` is replaced by each test.
let rotationScenario = """
    name: rotation
    paths: 50
    months: 24
    warm_up_months: 6
    assets:
      - {id: core, sleeve: core, kind: broad}
      - {id: growth, sleeve: satellite, kind: smart-beta}
      - {id: value, sleeve: satellite, kind: smart-beta}
      - {id: lowvol, sleeve: satellite, kind: smart-beta}
      - {id: cash, sleeve: satellite, kind: cash}
    market:
      model: regime-switching
      regimes:
        - name: bull
          assets:
            core: {monthly_mean: 0.01, monthly_volatility: 0.04}
            growth: {monthly_mean: 0.02, monthly_volatility: 0.06}
            value: {monthly_mean: 0.008, monthly_volatility: 0.045}
            lowvol: {monthly_mean: 0.006, monthly_volatility: 0.03}
            cash: {monthly_mean: 0.002, monthly_volatility: 0}
          correlation: 0.6
        - name: bear
          assets:
            core: {monthly_mean: -0.01, monthly_volatility: 0.06}
            growth: {monthly_mean: -0.025, monthly_volatility: 0.08}
            value: {monthly_mean: -0.005, monthly_volatility: 0.05}
            lowvol: {monthly_mean: 0.002, monthly_volatility: 0.03}
            cash: {monthly_mean: 0.002, monthly_volatility: 0}
          correlation: 0.7
      transition: [[0.95, 0.05], [0.15, 0.85]]
      start: bull
    benchmark: static
    policies:
      - {name: static, core: 0.7, core_weights: equal, satellite_weights: {growth: 0.5, value: 0.3, lowvol: 0.2}}
      - name: moving
        core: 0.7
        core_weights: equal
        satellite_weights: {growth: 0.5, value: 0.3, lowvol: 0.2}
        rule: RULE

    """

func rotationError(_ rule: String, _ edit: (String) -> String = { $0 }) -> InputError? {
    let text = edit(rotationScenario.replacingOccurrences(of: "RULE", with: rule))
    return inputError { () throws(InputError) in _ = try ScenarioLoader.parse(text, file: "r.yaml") }
}

struct RotationScenarioTests {
    @Test func everyRuleKindLoadsAndRuns() throws {
        let rules = [
            "{kind: relative-strength, lookback_months: 6, top: 2}",
            "{kind: relative-strength, lookbacks: [{months: 3}, {months: 12, weight: 2}], skip_months: 1, top: 1, weighting: inverse-volatility}",
            "{kind: dual-momentum, lookback_months: 6, top: 2, to: cash}",
            "{kind: dual-momentum, lookback_months: 6, top: 2, versus: core}",
            "{kind: trend-filter, average_months: 10}",
            "{kind: style-switch, offensive: [growth], defensive: {value: 0.4, lowvol: 0.6}, lookback_months: 6, band: 0.02}",
            "{kind: regime-map, source: oracle, weights: {bull: [growth], bear: [lowvol]}}",
            "{kind: regime-map, source: lagged, lag_months: 2, weights: {bull: [growth], bear: [lowvol]}}",
            "{kind: regime-map, source: filtered, threshold: 0.7, minimum_months: 3, weights: {bull: [growth], bear: [lowvol, value]}}",
            "{kind: factor-tilt, lookback_months: 6, tilt: 0.5, cap: 0.4}",
            "{kind: volatility-target, volatility_target: {annual: 0.1}, to: cash}",
        ]
        for rule in rules {
            let text = rotationScenario.replacingOccurrences(of: "RULE", with: rule)
            let scenario = try ScenarioLoader.parse(text, file: "r.yaml")
            let result = try Simulator.run(try scenario.plan(), threads: 2)
            let decisions = try result.values(policy: 1, .decisions)
            #expect(decisions.allSatisfy { $0 == 24 }, "\(rule)")
            #expect(try result.values(policy: 1, .terminalWealth).allSatisfy { $0.isFinite && $0 > 0 }, "\(rule)")
        }
    }

    @Test func theMemoryEstimateCountsEachWorkersRunningWindows() throws {
        // Inverse-volatility weights keep moments: 5 assets + 3 + 9 (3 satellites) values for each
        // of 13 slots (a 12-month window).
        let text = rotationScenario.replacingOccurrences(
            of: "RULE", with: "{kind: relative-strength, lookback_months: 12, top: 2, weighting: inverse-volatility}")
        let plan = try ScenarioLoader.parse(text, file: "r.yaml").plan()
        let bytes = plan.policies[1].runnerBytes(assetCount: 5)
        #expect(bytes == 13 * 17 * 8)
        var fixed = plan
        fixed.policies = [plan.policies[0], plan.policies[0]]
        #expect(plan.estimatedBytes(threads: 2) - fixed.estimatedBytes(threads: 2) == 2 * bytes)
    }

    @Test func aRotatingPolicyIsTheSameOnAnyThreadCount() throws {
        let text = rotationScenario.replacingOccurrences(
            of: "RULE", with: "{kind: regime-map, source: filtered, weights: {bull: [growth], bear: [lowvol]}}")
        let plan = try ScenarioLoader.parse(text, file: "r.yaml").plan()
        let one = try Simulator.run(plan, threads: 1)
        let two = try Simulator.run(plan, threads: 2)
        #expect(one.records.elementsEqual(two.records) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    @Test func aLookbackLongerThanTheHorizonPlusWarmUpIsRefused() throws {
        let e = try #require(rotationError("{kind: relative-strength, lookback_months: 31, top: 2}"))
        #expect(e.keyPath == "policies[1].rule.lookback_months")
        #expect(e.line == 39 && e.column == 54)
        #expect(e.reason == "lookback of 31 months is longer than the horizon plus warm-up (24 + 6 months); shorten it or raise warm_up_months")
        #expect(rotationError("{kind: relative-strength, lookback_months: 30, top: 2}") == nil)
        let skipped = try #require(rotationError("{kind: relative-strength, lookback_months: 30, skip_months: 1, top: 2}"))
        #expect(skipped.keyPath == "policies[1].rule.skip_months")
        let trend = try #require(rotationError("{kind: trend-filter, average_months: 40}"))
        #expect(trend.reason.hasPrefix("moving average of 40 months is longer than the horizon plus warm-up"))
    }

    @Test func topKLargerThanTheSatellitesIsRefused() throws {
        let e = try #require(rotationError("{kind: relative-strength, lookback_months: 6, top: 4}"))
        #expect(e.keyPath == "policies[1].rule.top")
        #expect(e.reason == "top must be between 1 and the 3 rotating satellites, got 4")
        let among = try #require(rotationError("{kind: relative-strength, lookback_months: 6, top: 2, among: [growth]}"))
        #expect(among.reason == "top must be between 1 and the 1 rotating satellite, got 2")
    }

    @Test func aRegimeMapNamingAnUnknownRegimeOrAssetIsRefused() throws {
        let regime = try #require(rotationError("{kind: regime-map, source: oracle, weights: {bull: [growth], baer: [lowvol]}}"))
        #expect(regime.keyPath == "policies[1].rule.weights.baer")
        #expect(regime.reason == "unknown regime 'baer' (did you mean 'bear'?); the market's regimes are bull, bear")
        let asset = try #require(rotationError("{kind: regime-map, source: oracle, weights: {bull: [growht], bear: [lowvol]}}"))
        #expect(asset.keyPath == "policies[1].rule.weights.bull[0]")
        #expect(asset.reason == "unknown asset id 'growht' (did you mean 'growth'?)")
        let core = try #require(rotationError("{kind: regime-map, source: oracle, weights: {bull: [core], bear: [lowvol]}}"))
        #expect(core.reason == "asset 'core' is not one of the rotating satellites (growth, value, lowvol)")
        let missing = try #require(rotationError("{kind: regime-map, source: oracle, weights: {bull: [growth]}}"))
        #expect(missing.reason == "regime 'bear' has no weights; give every regime its sleeve")
    }

    @Test func regimeWeightsThatDoNotFillTheSleeveAreRefused() throws {
        let e = try #require(rotationError("{kind: regime-map, source: oracle, weights: {bull: {growth: 0.5, value: 0.4}, bear: [lowvol]}}"))
        #expect(e.keyPath == "policies[1].rule.weights.bull")
        #expect(e.reason == "weights sum to 0.9, 0.1 short of 1; they must fill the sleeve")
    }

    @Test func aThresholdOutsideZeroToOneIsRefused() throws {
        for bad in ["0", "1", "1.5", "-0.2"] {
            let e = try #require(rotationError("{kind: regime-map, source: filtered, threshold: \(bad), weights: {bull: [growth], bear: [lowvol]}}"))
            #expect(e.keyPath == "policies[1].rule.threshold")
            #expect(e.reason == "threshold must be a probability strictly between 0 and 1, got \(bad)")
        }
        let misplaced = try #require(rotationError("{kind: regime-map, source: oracle, threshold: 0.6, weights: {bull: [growth], bear: [lowvol]}}"))
        #expect(misplaced.reason == "threshold applies only with source: filtered")
    }

    @Test func aFilteredRegimeNeedsARegimeSwitchingMarket() throws {
        // The bull regime alone, as a plain normal market.
        let e = try #require(rotationError("{kind: regime-map, source: filtered, weights: {bull: [growth]}}") { text in
            let start = text.range(of: "  model: regime-switching")!.lowerBound
            let end = text.range(of: "benchmark:")!.lowerBound
            return text.replacingCharacters(in: start..<end, with: """
                  model: normal
                  assets:
                    core: {monthly_mean: 0.01, monthly_volatility: 0.04}
                    growth: {monthly_mean: 0.02, monthly_volatility: 0.06}
                    value: {monthly_mean: 0.008, monthly_volatility: 0.045}
                    lowvol: {monthly_mean: 0.006, monthly_volatility: 0.03}
                    cash: {monthly_mean: 0.002, monthly_volatility: 0}
                  correlation: 0.6

                """)
        })
        #expect(e.keyPath == "policies[1].rule.source")
        #expect(e.reason == "the market has one regime; a regime map needs a regime-switching market")
    }

    @Test func aLagThatLeavesNoKnownRegimeIsRefused() throws {
        let e = try #require(rotationError("{kind: regime-map, source: lagged, lag_months: 30, weights: {bull: [growth], bear: [lowvol]}}"))
        #expect(e.keyPath == "policies[1].rule.lag_months")
        #expect(e.reason == "a lag of 30 months leaves no month with a known regime; it must be under the horizon plus warm-up (24 + 6 months)")
        #expect(rotationError("{kind: regime-map, source: lagged, lag_months: 29, weights: {bull: [growth], bear: [lowvol]}}") == nil)
    }

    @Test func dualMomentumAgainstCashUsesTheCashAssetToNamesOrTheRiskFreeRate() throws {
        func hurdle(_ rule: String) throws -> RelativeStrength.Hurdle? {
            let s = try ScenarioLoader.parse(
                rotationScenario.replacingOccurrences(of: "RULE", with: rule).replacingOccurrences(of: "benchmark: static", with: "risk_free_annual: 0.02\nbenchmark: static"),
                file: "r.yaml")
            guard case .rotation(_, let r) = s.policies[1].rule else { return nil }
            return (r as? RelativeStrength)?.absolute?.hurdle
        }
        #expect(try hurdle("{kind: dual-momentum, lookback_months: 6, top: 2, to: cash}") == .asset(4))
        #expect(try hurdle("{kind: dual-momentum, lookback_months: 6, top: 2}") == .rate(annual: 0.02))
        #expect(try hurdle("{kind: dual-momentum, lookback_months: 6, top: 2, versus: core}") == .basket([1, 0, 0, 0, 0]))
    }

    @Test func destinationsAndGroupsAreChecked() throws {
        #expect(try #require(rotationError("{kind: dual-momentum, lookback_months: 6, top: 2, to: growth}")).reason
            == "asset 'growth' is not a cash asset (kind: cash)")
        #expect(try #require(rotationError("{kind: dual-momentum, lookback_months: 6, top: 2, to: csh}")).reason
            == "expected 'core' or a cash asset's id; unknown asset id 'csh' (did you mean 'cash'?)")
        #expect(try #require(rotationError("{kind: style-switch, offensive: [growth], defensive: [growth], lookback_months: 6}")).reason
            == "the defensive group is the offensive group")
        #expect(try #require(rotationError("{kind: relative-strength, lookback_months: 6, top: 2, among: [core]}")).reason
            == "asset 'core' is in the core sleeve; only satellites rotate")
        #expect(try #require(rotationError("{kind: relativ-strength, top: 2}")).reason
            == "unknown value 'relativ-strength' (did you mean 'relative-strength'?); expected one of fixed, relative-strength, dual-momentum, trend-filter, style-switch, regime-map, factor-tilt, volatility-target, optimize")
        #expect(try #require(rotationError("{kind: trend-filter, average_months: 6, top: 2}")).reason == "unknown key 'top' (did you mean 'to'?)")
        #expect(try #require(rotationError("{kind: volatility-target}")).reason == "missing required key 'volatility_target'")
        let never = try #require(rotationError("{kind: trend-filter, average_months: 6}") {
            $0.replacingOccurrences(of: "    rule: {kind: trend-filter", with: "    rebalance: never\n    rule: {kind: trend-filter")
        })
        #expect(never.keyPath == "policies[1].rebalance")
        #expect(never.reason == "a rotation rule needs reviews: with 'never' it would never be asked for targets")
        // The whole sleeve in cash and no core: nothing can receive unplaced weight.
        let noCore = try #require(rotationError("{kind: trend-filter, average_months: 6}") {
            $0.replacingOccurrences(of: "    core: 0.7\n    core_weights: equal\n", with: "    core: 0\n")
        })
        #expect(noCore.reason == "the core has no weight to receive what the rule leaves unplaced; name a cash asset with 'to'")
    }
}
