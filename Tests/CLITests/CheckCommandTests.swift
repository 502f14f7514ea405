import Foundation
import FoundationXML
import Testing

/// `coresat check`: expectations, exit codes, JUnit XML and baselines, through the executable.
struct CheckCommandTests {
    static let small = try! String(
        contentsOf: packageRoot.appendingPathComponent("Tests/CoreSatTests/Fixtures/small-scenario.yaml"), encoding: .utf8)

    static func scenario(_ expectations: String, edit: (String) -> String = { $0 }) throws -> String {
        try temporaryFile("s.yaml", edit(small) + "expect:\n" + expectations)
    }

    static let passing = """
          - {policy: 70/30, figure: annual_volatility.median, check: '<= 1'}
          - {policy: all core, figure: probability_of_loss, check: 'between 0 1'}

        """
    static let failing = "  - {name: impossible, policy: 70/30, figure: cagr.median, check: '>= 0.5'}\n"

    @Test func allPassingExitsZeroWithOneLinePerExpectation() throws {
        let r = try coresat("check", try Self.scenario(Self.passing))
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("  PASS  70/30: annual_volatility.median = "))
        #expect(lines[1].contains("(<= 1; s.e. "))
    }

    @Test func anyFailureExitsOneAndSaysWhatWasMeasured() throws {
        let r = try coresat("check", try Self.scenario(Self.passing + Self.failing))
        #expect(r.status == 1)
        #expect(r.stdout.contains("  FAIL  70/30: cagr.median = "))
        #expect(r.stdout.contains("(>= 0.5; s.e. ") && r.stdout.contains("[impossible]"))
    }

    @Test func badExpectationsExitTwo() throws {
        let unknown = try coresat("check", try Self.scenario("  - {policy: 70/30, figure: sharpe.p50x, check: '>= 0'}\n"))
        #expect(unknown.status == 2 && unknown.stderr.contains("expect[0].figure: unknown figure 'sharpe.p50x'"))
        let malformed = try coresat("check", try Self.scenario("  - {policy: 70/30, figure: sharpe.median, check: '=> 0'}\n"))
        #expect(malformed.status == 2 && malformed.stderr.contains("expect[0].check: malformed check '=> 0'"))
        let policy = try coresat("check", try Self.scenario("  - {policy: 60/40, figure: sharpe.median, check: '>= 0'}\n"))
        #expect(policy.status == 2 && policy.stderr.contains(":38:") && policy.stderr.contains("unknown policy '60/40'"))
    }

    @Test func junitXMLParsesAndCountsEveryScenarioAndExpectation() throws {
        let junit = URL(fileURLWithPath: try temporaryFile("report.xml", "")).path
        let a = try Self.scenario(Self.passing + Self.failing)
        let b = try Self.scenario(Self.passing) { $0.replacingOccurrences(of: "name: test", with: "name: second") }
        let r = try coresat("check", a, b, "--junit", junit, "--paths", "200")
        #expect(r.status == 1)
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: junit))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "5")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["test", "second"])
        #expect(suites[0].elements(forName: "testcase").count == 3)
        #expect(suites[0].elements(forName: "testcase")[2].elements(forName: "failure").count == 1)
        #expect(suites[1].elements(forName: "testcase").allSatisfy { $0.elements(forName: "failure").isEmpty })
    }

    @Test func autoToleranceWithoutAStandardErrorWarnsAndTheRawValueDecides() throws {
        let junit = try temporaryDirectory().appendingPathComponent("report.xml").path
        let r = try coresat("check", try Self.scenario("""
              - {policy: 70/30, figure: cagr.median, check: '>= -0.9', tolerance: auto}
              - {policy: 70/30, figure: probability_of_loss, check: '<= 0.001', tolerance: auto}

            """), "--paths", "1", "--junit", junit)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let warning = "    warning: tolerance: auto not applied: the standard error is undefined with 1 path (at least 30 are needed)"
        try #require(lines.count == 5, "\(r.stdout)")
        #expect(lines[1].hasPrefix("  PASS  70/30: cagr.median = ") && lines[2] == warning)
        #expect(lines[3].hasPrefix("  FAIL  70/30: probability_of_loss = ") && lines[4] == warning)
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        // In each case's system-out, and in the failing case's failure text too.
        #expect(xml.components(separatedBy: "warning: tolerance: auto not applied").count - 1 == 3)
        let enough = try coresat("check", try Self.scenario("  - {policy: 70/30, figure: cagr.median, check: '>= -0.9', tolerance: auto}\n"), "--paths", "100")
        #expect(enough.status == 0 && !enough.stdout.contains("warning"))
    }

    @Test func anUnwritableJUnitPathStopsBeforeAnythingRuns() throws {
        let r = try coresat("check", try Self.scenario(Self.passing), "--junit", "/nonexistent-dir/report.xml")
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr.contains("--junit: cannot write here"))
    }

    @Test func theExampleScenariosPassTheirOwnChecks() throws {
        let r = try coresat("check", "scenarios/a-share-core-satellite.yaml", "scenarios/us-factor-sleeves.yaml", "--paths", "1000")
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.components(separatedBy: "  PASS  ").count - 1 == 9)
    }
}

struct BaselineTests {
    static func baseline(of scenario: String, _ extra: String...) throws -> String {
        let path = try temporaryFile("baseline.json", "")
        let r = try coresat(["run", scenario, "--format", "json", "--output", path, "--paths", "600"] + extra)
        #expect(r.status == 0)
        return path
    }

    /// Makes a baseline of the small scenario, applies `edit` to the scenario, and checks against it.
    static func checkAfterEditing(_ old: String, _ new: String) throws -> Outcome {
        let scenario = try temporaryFile("s.yaml", CheckCommandTests.small)
        let base = try baseline(of: scenario)
        #expect(CheckCommandTests.small.contains(old))
        try CheckCommandTests.small.replacingOccurrences(of: old, with: new).write(toFile: scenario, atomically: true, encoding: .utf8)
        return try coresat("check", scenario, "--baseline", base)
    }

    @Test func anUnchangedScenarioMatchesItsBaseline() throws {
        let scenario = try temporaryFile("s.yaml", CheckCommandTests.small)
        let r = try coresat("check", scenario, "--baseline", try Self.baseline(of: scenario))
        #expect(r.status == 0)
        #expect(r.stdout.contains("PASS  baseline") && r.stdout.contains(": 0 of "))
    }

    @Test func aChangedParameterIsDetectedAndTheLargestMovesListed() throws {
        let r = try Self.checkAfterEditing(
            "sat: {monthly_mean: 0.01, monthly_volatility: 0.06}", "sat: {monthly_mean: 0.01, monthly_volatility: 0.09}")
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAIL  baseline"))
        #expect(r.stdout.contains("policy 70/30: vs_benchmark.tracking_error.mean"))  // the satellite moved, so the 70/30 split moved most
        #expect(r.stdout.contains(" s.e.)"))
    }

    @Test func anotherSeedIsRefusedUnlessAskedForAndThenWithinNoise() throws {
        let scenario = try temporaryFile("s.yaml", CheckCommandTests.small)
        let base = try Self.baseline(of: scenario)
        let refused = try coresat("check", scenario, "--baseline", base, "--seed", "99")
        #expect(refused.status == 2 && refused.stderr.contains("seed: baseline was run with seed 5"))
        let allowed = try coresat("check", scenario, "--baseline", base, "--seed", "99", "--any-seed")
        #expect(allowed.status == 0, "\(allowed.stdout)")
    }

    @Test func aRenamedPolicyFailsTheBaseline() throws {
        let r = try Self.checkAfterEditing("70/30", "seventy-thirty")
        #expect(r.status == 1)
        #expect(r.stdout.contains("policy seventy-thirty: metrics.cagr.mean: not in the baseline"))
    }

    @Test func aBaselineWithOtherWarmUpIsRefused() throws {
        let r = try Self.checkAfterEditing("months: 24", "months: 24\nwarm_up_months: 12")
        #expect(r.status == 2 && r.stderr.contains("warm_up_months: baseline was run with 0 warm-up months, this run 12"))
    }

    @Test func aBaselineOverAnotherHorizonIsRefused() throws {
        let r = try Self.checkAfterEditing("months: 24", "months: 36")
        #expect(r.status == 2 && r.stderr.contains("months: baseline covers 24 months, this run 36"))
    }

    @Test(arguments: [
        ("\"paths\": 600", "\"paths\": -5"), ("\"paths\": 600", "\"paths\": 0"), ("\"seed\": 5", "\"seed\": 1.9"),
        ("\"seed\": 5", "\"seed\": -1"), ("\"policies\": [", "\"policies\": [], \"old\": ["),
    ])
    func malformedBaselinesAreRefused(old: String, new: String) throws {
        let scenario = try temporaryFile("s.yaml", CheckCommandTests.small)
        let base = try Self.baseline(of: scenario)
        let text = try String(contentsOfFile: base, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: base, atomically: true, encoding: .utf8)
        let r = try coresat("check", scenario, "--baseline", base)
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stderr.contains("not a coresat run report"))
    }

    @Test func aBaselineFromAnotherScenarioIsRefused() throws {
        let scenario = try temporaryFile("s.yaml", CheckCommandTests.small)
        let other = try Self.baseline(of: "scenarios/us-factor-sleeves.yaml")
        let r = try coresat("check", scenario, "--baseline", other)
        #expect(r.status == 2)
        #expect(r.stderr.contains("baseline is from scenario 'US factor sleeves', not 'test'"))
        let junk = try coresat("check", scenario, "--baseline", try temporaryFile("b.json", "[1, 2]"))
        #expect(junk.status == 2 && junk.stderr.contains("not a JSON object"))
    }
}
