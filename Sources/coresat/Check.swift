import CoreSatEngine
import ArgumentParser
import CoreSat
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run scenarios and check their expectations (and optionally a baseline); exit 1 if any fails.",
        discussion: """
            Each expectation prints one line: PASS or FAIL, the measured value, the threshold and the \
            Monte Carlo standard error, and says when the result is inside the noise. Exit status: 0 all \
            passed, 1 something failed, 2 bad input.
            """)

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @Option(help: "Write JUnit XML to this file (one testsuite per scenario, one testcase per expectation).")
    var junit: String?

    @OptionGroup var simulation: SimulationOptions

    @Option(help: "A 'run --format json' report to compare every summary figure with (one scenario only).")
    var baseline: String?

    @Option(help: "With --baseline: a figure fails when it moved by more than this fraction of its old value...")
    var relTol: Double = 0.02

    @Option(help: "...and by more than this many Monte Carlo standard errors.")
    var k: Double = 4

    @Flag(help: "With --baseline: allow another seed or path count; moves are then judged against the noise.")
    var anySeed = false

    func run() throws {
        let (prepared, junitFile) = try prepare()
        var suites: [JUnitReport.Suite] = []
        var failed = false
        for (scenario, baseline) in prepared {
            let started = Date()
            let (result, summary) = try simulation.simulate(scenario)
            try StandardOutput.print("\(scenario.name) (\(scenario.file)): \(scenario.paths) paths, seed \(scenario.seed)")
            var cases: [JUnitReport.Case] = []
            for r in try scenario.check(result, summary) {
                let lines = [r.line] + (r.warning.map { ["  " + $0] } ?? [])
                for line in lines { try StandardOutput.print("  " + line) }
                cases.append(JUnitReport.Case(
                    name: r.title + " " + r.expectation.comparison.description, failure: r.passed ? nil : r.line,
                    output: lines.joined(separator: "\n")))
                failed = failed || !r.passed
            }
            if scenario.expectations.isEmpty && baseline == nil { try StandardOutput.print("  (no expectations)") }
            if let baseline {
                let c = try compare(summary, with: baseline)
                cases.append(c)
                failed = failed || c.failure != nil
            }
            suites.append(JUnitReport.Suite(name: scenario.name, file: scenario.file, seconds: Date().timeIntervalSince(started), cases: cases))
        }
        if let junitFile {
            try junitFile.write(JUnitReport.render(suites))
            try junitFile.commit()
        }
        if failed { throw ExitCode(1) }
    }

    /// Loads every scenario (and the baseline) and opens the JUnit file before running anything,
    /// so bad input stops the command with status 2 and no partial results.
    func prepare() throws -> ([(Scenario, Baseline?)], OutputFile?) {
        guard relTol >= 0, k >= 0 else { throw InputError(file: "--rel-tol/--k", reason: "tolerances cannot be negative") }
        // `check --junit a.yaml b.yaml` reads a.yaml as the report file: it would be overwritten.
        if let junit, junit.hasSuffix(".yaml") || junit.hasSuffix(".yml") {
            throw InputError(file: junit, keyPath: "--junit",
                reason: "is a scenario file, not a report; --junit takes the XML file to write, as in --junit report.xml")
        }
        if baseline != nil && scenarios.count != 1 {
            throw InputError(file: "--baseline", reason: "a baseline belongs to one scenario; give exactly one scenario file")
        }
        let base = try baseline.map { (path) throws(InputError) in try Baseline.load(path: path) }
        let prepared = try scenarios.map { path in
            var scenario = try ScenarioLoader.load(path: path, market: simulation.market)
            if let base {  // reproduce the baseline's run unless told otherwise
                scenario.seed = base.seed
                scenario.paths = base.paths
            }
            try simulation.apply(to: &scenario)
            try base?.checkCompatible(with: scenario, anySeed: anySeed)
            return (scenario, base)
        }
        let junitFile = try junit.map { (path) throws(InputError) in
            try OutputFile.open(path, protecting: scenarios + (baseline.map { [$0] } ?? []), label: "--junit")
        }
        return (prepared, junitFile)
    }

    func compare(_ summary: RunSummary, with baseline: Baseline) throws -> JUnitReport.Case {
        let (moved, compared) = baseline.moves(SummaryFigures.all(summary), relativeTolerance: relTol, k: k)
        let rule = "moved by more than " + String(format: "%g%% and %g s.e.", relTol * 100, k) + " or missing on one side"
        var lines = ["\(moved.isEmpty ? "PASS" : "FAIL")  baseline \(baseline.file): \(moved.count) of \(compared) figures \(rule)"]
        lines += moved.prefix(10).map { "    " + $0.line }
        if moved.count > 10 { lines.append("    ... and \(moved.count - 10) more") }
        for line in lines { try StandardOutput.print("  " + line) }
        let text = lines.joined(separator: "\n")
        return JUnitReport.Case(name: "baseline \(baseline.file)", failure: moved.isEmpty ? nil : lines[0], output: text)
    }
}
