import Testing

@testable import CoreSat
@testable import CoreSatEngine

struct PolicyLineTests {
    /// A policy whose figures are the given values across paths (the others undefined).
    static func policy(
        _ name: String, cagr: [Double], maxDrawdown: [Double], versus: BenchmarkComparison? = nil, depletion: Double = 0
    ) -> PolicySummary {
        var figures = Dictionary(uniqueKeysWithValues: PathFigure.allCases.map { ($0, Distribution([Double]())) })
        figures[.cagr] = Distribution(cagr)
        figures[.maxDrawdown] = Distribution(maxDrawdown)
        return PolicySummary(
            name: name, isBenchmark: versus == nil, figures: figures, probabilityOfLoss: 0,
            probabilityOfDepletion: depletion,
            decisions: Distribution([0.0]), fallbacks: Distribution([0.0]), versusBenchmark: versus, regimes: [],
            regimeEntries: [],
            recognition: nil)
    }

    static func versus(_ difference: [Double], beat: Double, trackingError: Double) -> BenchmarkComparison {
        BenchmarkComparison(
            cagrDifference: Distribution(difference), probabilityOutperform: beat,
            trackingError: Distribution([trackingError]),
            informationRatio: Distribution([0.2]), winRate: Distribution([0.5]))
    }

    /// A summary of a small run with its policies replaced by constructed ones.
    static func summary(paths: Int, policies: [PolicySummary]) throws -> RunSummary {
        var s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        s.paths = 10
        var summary = try RunSummary(scenario: s.name, columns: try Simulator.run(try s.plan(), threads: 1))
        summary.paths = paths
        summary.policies = policies
        summary.benchmark = "100% core"
        return summary
    }

    @Test func aShareOfPathsIsNeverRoundedToAllOrNone() {
        #expect(PolicyLine.share(0.995) == "99.5%" && PolicyLine.share(0.9996) == "over 99.9%")
        #expect(PolicyLine.share(1) == "100.0%" && PolicyLine.share(0.0004) == "under 0.1%" && PolicyLine.share(0) == "0.0%")
    }

    @Test func acrossPathsTheLineGivesTheChanceOfBeatingTheBenchmarkAndTheIntervalOfTheDifference() throws {
        // Differences 0.3, 0.3, 0.5, 0.5 points: mean 0.4, standard error 0.0577 points.
        let summary = try Self.summary(
            paths: 400,
            policies: [
                Self.policy("100% core", cagr: [0.064, 0.065, 0.066], maxDrawdown: [-0.29]),
                Self.policy(
                    "Tilt 80/20", cagr: [0.07], maxDrawdown: [-0.31],
                    versus: Self.versus([0.003, 0.003, 0.005, 0.005], beat: 0.64, trackingError: 0.021), depletion: 0.03
                ),
            ])
        let lines = PolicyLine.lines(for: summary)
        #expect(
            lines.map(\.sentence) == [
                "100% core is the benchmark: median CAGR 6.5%, median max drawdown -29%.",
                "Tilt 80/20 beats 100% core on 64.0% of paths; "
                    + "CAGR difference +0.40 pt/yr on average (95% CI +0.29 to +0.51); "
                    + "median max drawdown -31% (benchmark -29%); the account ran out on 3.0% of paths.",
            ])
        let table = PolicyLine.table(lines)
        #expect(table.header == ["policy", "median CAGR", "dCAGR", "95% CI", "P(beat)", "median maxDD"])
        #expect(
            table.rows == [
                ["100% core", "6.50%", "-", "-", "-", "-29.0%"],
                ["Tilt 80/20", "7.00%", "+0.40%", "+0.29% to +0.51%", "64.0%", "-31.0%"],
            ])
    }

    @Test func onOneSimulatedPathNoProbabilityIsClaimed() throws {
        let summary = try Self.summary(
            paths: 1,
            policies: [
                Self.policy("100% core", cagr: [0.065], maxDrawdown: [-0.33]),
                Self.policy(
                    "Tilt 80/20", cagr: [0.071], maxDrawdown: [-0.35],
                    versus: Self.versus([0.006], beat: 1, trackingError: 0.021)),
            ])
        let lines = PolicyLine.lines(for: summary)
        #expect(
            lines.map(\.sentence) == [
                "On the one simulated path, 100% core is the benchmark: it returned 6.5%/yr, max drawdown -33%.",
                "On the one simulated path, Tilt 80/20 returned 7.1%/yr against 6.5% for 100% core (+0.6 pt), "
                    + "max drawdown -35% (-33%), tracking error 2.1%.",
            ])
        #expect(lines.allSatisfy { $0.probabilityOutperform == nil && !$0.cagrDifferenceLow.isFinite })
        #expect(PolicyLine.table(lines).header == ["policy", "CAGR", "dCAGR", "maxDD", "TE"])
    }

    @Test func aBacktestSaysWhatEachPolicyReturned() throws {
        let s = try HistoricalScenarioTests.load(
            HistoricalScenarioTests.replay + "\n  from: 2000-02\n  to: 2000-07", top: "warm_up_months: 1\n")
        let summary = try RunSummary(scenario: s.name, columns: try Simulator.run(try s.plan(), threads: 1))
        let lines = PolicyLine.lines(for: summary)
        let cagr = summary.policies.map { TableReport.percent($0.distribution(.cagr).median, 1) }
        #expect(lines[0].sentence.hasPrefix("a only is the benchmark: it returned \(cagr[0])/yr, max drawdown "))
        #expect(lines[1].sentence.hasPrefix("half monthly returned \(cagr[1])/yr against \(cagr[0]) for a only ("))
        #expect(lines[1].sentence.contains(" pt), max drawdown ") && lines[1].sentence.contains(", tracking error "))
        #expect(!lines.contains { $0.sentence.contains("paths") || $0.sentence.contains("simulated") })
    }

    @Test func missingFiguresReadNotAvailable() throws {
        let summary = try Self.summary(
            paths: 400,
            policies: [
                Self.policy("core", cagr: [], maxDrawdown: [.nan]),
                Self.policy(
                    "tilt", cagr: [0.07], maxDrawdown: [-0.31], versus: Self.versus([], beat: .nan, trackingError: .nan)
                ),
            ])
        let lines = PolicyLine.lines(for: summary)
        #expect(lines[0].sentence == "core is the benchmark: median CAGR n/a, median max drawdown n/a.")
        #expect(
            lines[1].sentence == "tilt beats 100% core on n/a of paths; CAGR difference n/a on average (95% CI n/a); "
                + "median max drawdown -31% (benchmark n/a).")
    }
}
