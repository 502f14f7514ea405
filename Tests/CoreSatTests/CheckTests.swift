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
        // The plain check passes when the mean of 400 one-year growths reaches its expectation. Growth
        // is lognormal (log variance t2 = 12 ln(1 + 0.05^2 / 1.01^2)), skewed by
        // g = (e^t2 + 2) sqrt(e^t2 - 1), so its mean falls short of the expectation a little more often
        // than not: by Edgeworth's expansion P(pass) = 1/2 - g / (6 sqrt(2 pi n)) + O(1/n), 0.498.
        let t2 = 12 * log1p(0.05 * 0.05 / (1.01 * 1.01))
        let skew = (exp(t2) + 2) * expm1(t2).squareRoot()
        let p = 0.5 - skew / (6 * (2 * Double.pi * 400).squareRoot())
        // Binomial(60, p): 4 sd either side.
        #expect(abs(Double(plain) - 60 * p) < 4 * (60 * p * (1 - p)).squareRoot())
        // Each tolerant check fails with probability about P(Z < -4) = 3e-5.
        #expect(tolerant == seeds)
    }

    /// The figure and its standard error from runs of the one-year scenario with seeds 1...`seeds`:
    /// the spread of the values is what the standard error claims to predict.
    func acrossSeeds(_ figure: FigureReference, seeds: Int = 40, paths: Int = 400) throws -> (values: [Double], errors: [Double]) {
        var values: [Double] = []
        var errors: [Double] = []
        for seed in 1...seeds {
            var s = try ScenarioLoader.parse(Self.yearScenario, file: "y.yaml")
            s.seed = UInt64(seed)
            s.paths = paths
            let result = try Simulator.run(try s.plan(), threads: 2)
            let m = try RunSummary(scenario: s.name, columns: result)
                .measure(figure, policy: 0, versus: nil, columns: result)
            values.append(m.value)
            errors.append(m.standardError)
        }
        return (values, errors)
    }

    @Test func standardErrorOfTheMeanMatchesTheSpreadAcrossSeeds() throws {
        let (values, errors) = try acrossSeeds(.metric(.cagr, .mean))
        // The sd of 40 sample means has a relative standard error of about 1/sqrt(2 * 39) = 11%.
        #expect(abs(Statistics.standardDeviation(values) / Statistics.mean(errors) - 1) < 4 * 0.113)
    }

    @Test func quantileStandardErrorMatchesTheSpreadAcrossSeeds() throws {
        let (seeds, paths, p) = (100, 2000, 0.05)
        let (values, errors) = try acrossSeeds(.metric(.cagr, .p05), seeds: seeds, paths: paths)
        let ratio = Statistics.standardDeviation(values) / Statistics.mean(errors)
        // Noise: the sd of 100 near-normal quantile estimates has relative standard error
        // 1 / sqrt(2 * 99); the mean of 100 standard errors has cv / sqrt(100), cv their own relative
        // spread (each comes from the few order statistics in a window, so cv is about 15%).
        let cv = Statistics.standardDeviation(errors) / Statistics.mean(errors)
        let noise = (1 / (2 * Double(seeds - 1)) + cv * cv / Double(seeds)).squareRoot()
        // Bias: the standard error is the central difference (Q(p + d) - Q(p - d)) / 2d times
        // s = sqrt(p (1 - p) / n), d = 2s, which overstates Q'(p) s by a term of order 1/n. The CAGR
        // over 12 months is lognormal, Q(u) = exp(m + t Phi^-1(u)) - 1, so that term is computed exactly
        // here (0.85% at 2,000 paths); the sample quantile's other finite-n terms are of the same order.
        let t = (12 * log1p(0.05 * 0.05 / (1.01 * 1.01))).squareRoot()
        let m = 12 * log(1.01) - t * t / 2
        func q(_ u: Double) -> Double { exp(m + t * Statistics.normalQuantile(u)) }
        let z = Statistics.normalQuantile(p)
        let slope = t * q(p) * (2 * Double.pi).squareRoot() * exp(z * z / 2)  // Q'(p) = t e^{m + t z} / phi(z)
        let d = 2 * (p * (1 - p) / Double(paths)).squareRoot()
        let bias = abs((q(p + d) - q(p - d)) / (2 * d) / slope - 1)
        #expect(abs(ratio - 1) < 4 * noise + bias, "ratio \(ratio), noise \(noise), bias \(bias)")
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
        Baseline(file: "b.json", scenario: "s", seed: 1, paths: 100, months: 12, warmUpMonths: 0, figures: figures)
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
