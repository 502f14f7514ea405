import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

func withExpectations(_ text: String) -> String {
    validScenario + "expect:\n" + text
}

struct ExpectationLoadingTests {
    @Test func readsEveryPart() throws {
        let s = try ScenarioLoader.parse(withExpectations("""
              - name: drawdown
                policy: 70/30
                figure: max_drawdown.p05
                check: ">= -0.5"
                tolerance: auto
                z: 2
              - policy: 70/30
                versus: all core
                figure: probability_outperform
                check: "between 0.1 0.9"
              - policy: all core
                figure: terminal_wealth.p50
                check: "<= 10"
                tolerance: 0.5
            """), file: "s.yaml")
        #expect(s.expectations.count == 3)
        let e = s.expectations[0]
        #expect(e.label == "drawdown" && e.policy == 1 && e.figure == .metric(.maxDrawdown, .p05))
        #expect(e.comparison == .atLeast(-0.5) && e.tolerance == .auto && e.z == 2)
        #expect(s.expectations[1].versus == 0 && s.expectations[1].comparison == .between(0.1, 0.9))
        #expect(s.expectations[2].figure == .metric(.terminalWealth, .median) && s.expectations[2].tolerance == .absolute(0.5))
    }

    func error(_ text: String) throws -> InputError {
        try #require(scenarioError(withExpectations(text)))
    }

    @Test func unknownPolicy() throws {
        let e = try error("  - {policy: 70-30, figure: cagr.mean, check: '>= 0'}\n")
        #expect(e.keyPath == "expect[0].policy" && e.reason == "unknown policy '70-30' (did you mean '70/30'?)")
        #expect(e.line == 38)
    }

    @Test func unknownFigureSuggestsTheNearest() throws {
        let e = try error("  - {policy: 70/30, figure: max_drawdown.p5, check: '>= 0'}\n")
        #expect(e.keyPath == "expect[0].figure")
        #expect(e.reason.hasPrefix("unknown figure 'max_drawdown.p5' (did you mean 'max_drawdown.p05'?)"))
    }

    @Test(arguments: ["> 0.5", ">= x", "between 1", "between 0.5 0.1", "about 3"])
    func malformedComparison(check: String) throws {
        let e = try error("  - {policy: 70/30, figure: cagr.mean, check: '\(check)'}\n")
        #expect(e.keyPath == "expect[0].check")
    }

    @Test func versusOnlyForRelativeFiguresAndTrackingErrorOnlyAgainstTheBenchmark() throws {
        let single = try error("  - {policy: 70/30, versus: all core, figure: cagr.mean, check: '>= 0'}\n")
        #expect(single.reason.contains("'versus' applies only to relative figures"))
        var text = replacing("    rebalance: quarterly\n", with: "    rebalance: quarterly\n  - {name: third, weights: {sat: 1.0}}\n")
        text += "expect:\n  - {policy: 70/30, versus: third, figure: tracking_error.mean, check: '<= 1'}\n"
        do {
            _ = try ScenarioLoader.parse(text, file: "s.yaml")
            Issue.record("no error")
        } catch {
            #expect(error.reason.hasPrefix("'tracking_error.mean' is only available against the benchmark"))
        }
    }

    @Test func theBenchmarkCannotBeComparedWithItself() throws {
        let e = try error("  - {policy: all core, figure: information_ratio.mean, check: 'between -1 1'}\n")
        #expect(e.keyPath == "expect[0].policy" && e.reason.hasPrefix("'all core' would be compared with itself"))
    }

    @Test func unknownKeyInAnExpectation() throws {
        let e = try error("  - {policy: 70/30, figure: cagr.mean, check: '>= 0', tolerence: auto}\n")
        #expect(e.reason == "unknown key 'tolerence' (did you mean 'tolerance'?)")
    }
}

struct ExpectationEvaluationTests {
    /// Twelve independent months with a 1% mean monthly return: the expected CAGR over one year is
    /// exactly 1.01^12 - 1, so a check against that threshold is a coin flip without tolerance.
    static let yearScenario = """
        name: one year
        seed: 1
        paths: 400
        months: 12
        assets:
          - {id: a, sleeve: core, kind: broad}
        market:
          model: normal
          assets:
            a: {monthly_mean: 0.01, monthly_volatility: 0.05}
          correlation: 0
        benchmark: hold
        policies:
          - {name: hold, weights: {a: 1.0}, rebalance: never}
        expect:
          - {policy: hold, figure: cagr.mean, check: '>= 0.12682503013196977'}
          - {policy: hold, figure: cagr.mean, check: '>= 0.12682503013196977', tolerance: auto, z: 4}

        """

    @Test func aThresholdAtTheTrueValuePassesHalfTheTimeWithoutToleranceAndAlwaysWithIt() throws {
        var plain = 0, tolerant = 0
        let seeds = 60
        for seed in 1...seeds {
            var s = try ScenarioLoader.parse(Self.yearScenario, file: "y.yaml")
            s.seed = UInt64(seed)
            let result = try Simulator.run(try s.plan(), threads: 2)
            let checks = try s.check(result, try RunSummary(scenario: s.name, columns: result))
            plain += checks[0].passed ? 1 : 0
            tolerant += checks[1].passed ? 1 : 0
        }
        // Binomial(60, 1/2): mean 30, sd 3.9; 4 sd either side.
        #expect(abs(Double(plain) - 30) < 4 * 3.9)
        // Each tolerant check fails with probability P(Z < -4) = 3e-5.
        #expect(tolerant == seeds)
    }

    /// The figure and its standard error from runs with seeds 1...40: the spread of the values is
    /// what the standard error claims to predict.
    func acrossSeeds(_ figure: FigureReference) throws -> (spread: Double, typicalError: Double) {
        var values: [Double] = []
        var errors: [Double] = []
        for seed in 1...40 {
            var s = try ScenarioLoader.parse(Self.yearScenario, file: "y.yaml")
            s.seed = UInt64(seed)
            let result = try Simulator.run(try s.plan(), threads: 2)
            let m = try RunSummary(scenario: s.name, columns: result)
                .measure(figure, policy: 0, versus: nil, columns: result)
            values.append(m.value)
            errors.append(m.standardError)
        }
        return (Statistics.standardDeviation(values), errors.reduce(0, +) / Double(errors.count))
    }

    @Test func standardErrorOfTheMeanMatchesTheSpreadAcrossSeeds() throws {
        let (spread, typical) = try acrossSeeds(.metric(.cagr, .mean))
        // The sd of 40 sample means has a relative standard error of about 1/sqrt(2 * 39) = 11%.
        #expect(abs(spread / typical - 1) < 4 * 0.113)
    }

    @Test func quantileStandardErrorMatchesTheSpreadAcrossSeeds() throws {
        let (spread, typical) = try acrossSeeds(.metric(.cagr, .p05))
        // The quantile's standard error is itself estimated from a few order statistics, so allow more.
        #expect(spread / typical > 0.5 && spread / typical < 1.6)
    }

    @Test func pairsOtherThanTheBenchmarkUseThePerPathResults() throws {
        let s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        let result = try Simulator.run(try s.plan(), threads: 2)
        let summary = try RunSummary(scenario: s.name, columns: result)
        let direct = try summary.measure(.relative(.cagrDifference, .mean), policy: 1, versus: nil, columns: result)
        let reversed = try summary.measure(.relative(.cagrDifference, .mean), policy: 0, versus: 1, columns: result)
        #expect(abs(direct.value + reversed.value) < 1e-15)
        let beat = try summary.measure(.probabilityOutperform, policy: 1, versus: nil, columns: result)
        let beaten = try summary.measure(.probabilityOutperform, policy: 0, versus: 1, columns: result)
        #expect(abs(beat.value + beaten.value - 1) < 1e-12)  // ties have probability zero
    }
}

struct SummaryFigureTests {
    @Test func everyNumberOfTheJSONReportHasAKeyAndAStandardError() throws {
        let s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        let result = try Simulator.run(try s.plan(), threads: 2)
        let summary = try RunSummary(scenario: s.name, columns: result)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(summary).utf8)) as? [String: Any])
        let fromJSON = Baseline.flatten(report: report)
        let figures = SummaryFigures.all(summary)
        let missing = Set(figures.filter(\.value.isFinite).map(\.key)).symmetricDifference(fromJSON.keys)
        #expect(missing.isEmpty, "\(missing)")
        for f in figures where f.value.isFinite {
            // Foundation's JSON reader may be off in the last digit.
            #expect(abs(fromJSON[f.key]! - f.value) <= 1e-15 * abs(f.value), "\(f.key)")
            #expect(f.standardError >= 0, "\(f.key)")
        }
    }
}

struct JUnitTests {
    @Test func escapesAndCounts() {
        let xml = JUnitReport.render([
            .init(name: "a & b", file: "s.yaml", seconds: 1.5, cases: [
                .init(name: "x >= 1", failure: nil, output: "PASS"),
                .init(name: "y <= 2", failure: "FAIL \"y\"", output: "FAIL"),
            ])
        ])
        #expect(xml.contains("<testsuites name=\"coresat check\" tests=\"2\" failures=\"1\""))
        #expect(xml.contains("<testsuite name=\"a &amp; b\" tests=\"2\" failures=\"1\""))
        #expect(xml.contains("name=\"x &gt;= 1\""))
        #expect(xml.contains("<failure message=\"FAIL &quot;y&quot;\">"))
    }
}

struct BaselineMoveTests {
    let key = FigureKey(section: "policy", name: "p", path: "metrics.calmar.mean")

    func baseline(_ figures: [FigureKey: Double]) -> Baseline {
        Baseline(file: "b.json", scenario: "s", seed: 1, paths: 100, months: 12, figures: figures)
    }

    @Test func aFigureThatBecameUndefinedIsAMove() {
        let moves = baseline([key: 0.5]).moves([SummaryFigure(key: key, value: .nan, standardError: .nan)], relativeTolerance: 0.02, k: 4)
        #expect(moves.moved.count == 1 && moves.moved[0].line.hasSuffix("no longer reported"))
    }

    @Test func movesNeedBothTheRelativeToleranceAndTheNoiseRule() {
        let small = SummaryFigure(key: key, value: 0.505, standardError: 0.001)  // 1% but 3.5 s.e. of the difference
        let noisy = SummaryFigure(key: key, value: 0.55, standardError: 0.02)  // 10% but 1.8 s.e.
        let real = SummaryFigure(key: key, value: 0.55, standardError: 0.001)  // 10% and 35 s.e.
        #expect(baseline([key: 0.5]).moves([small], relativeTolerance: 0.02, k: 4).moved.isEmpty)
        #expect(baseline([key: 0.5]).moves([noisy], relativeTolerance: 0.02, k: 4).moved.isEmpty)
        #expect(baseline([key: 0.5]).moves([real], relativeTolerance: 0.02, k: 4).moved.count == 1)
    }
}

struct MeasureAgainstOtherPoliciesTests {
    @Test func onlyCAGRFiguresExistAgainstANonBenchmarkPolicy() throws {
        let s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        let result = try Simulator.run(try s.plan(), threads: 2)
        let summary = try RunSummary(scenario: s.name, columns: result)
        #expect(try summary.measure(.relative(.trackingError, .mean), policy: 0, versus: 1, columns: result).value.isNaN)
        #expect(try summary.measure(.relative(.informationRatio, .mean), policy: 0, versus: nil, columns: result).value.isNaN)
        #expect(try summary.measure(.probabilityOutperform, policy: 0, versus: 0, columns: result).value.isNaN)
        #expect(try summary.measure(.relative(.cagrDifference, .mean), policy: 0, versus: 1, columns: result).value.isFinite)
    }
}
