import Foundation
import Testing

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `coresat` executable built beside the test bundle.
let executable: URL = {
    var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
    candidates.append(Bundle.main.bundleURL)
    candidates.append(packageRoot.appendingPathComponent(".build/debug"))
    for dir in candidates {
        for base in [dir, dir.deletingLastPathComponent()] {
            let url = base.appendingPathComponent("coresat")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { return url }
        }
    }
    return packageRoot.appendingPathComponent(".build/debug/coresat")
}()

struct Outcome {
    let status: Int32
    let stdout: String
    let stderr: String
}

func coresat(_ arguments: String...) throws -> Outcome {
    try coresat(arguments)
}

func coresat(_ arguments: [String]) throws -> Outcome {
    try launch(executable, arguments)
}

/// Runs a program from the package root and collects what it printed.
func launch(_ program: URL, _ arguments: [String], environment: [String: String]? = nil) throws -> Outcome {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

/// One folder for everything this test process writes, removed when the process exits.
let testRoot: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("coresat-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: testRoot) }
    return root
}()

/// A fresh, empty folder inside `testRoot`, so tests running in parallel never share files.
func temporaryDirectory() throws -> URL {
    let dir = testRoot.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let url = try temporaryDirectory().appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

struct RunCommandTests {
    @Test func defaultScenarioPrintsTablesThatFitEightyColumns() throws {
        let r = try coresat("run", "scenarios/a-share-core-satellite.yaml", "--paths", "300")
        #expect(r.status == 0)
        #expect(r.stdout.contains("Against 100% core"))
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(r.stderr.isEmpty)  // no progress line when stderr is not a terminal
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let r = try coresat("run", "scenarios/us-factor-sleeves.yaml", "--paths", "250", "--seed", "3", "--format", "json", "--threads", "2")
        #expect(r.status == 0)
        let top = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(top["scenario"] as? String == "US factor sleeves")
        #expect(top["seed"] as? Int == 3 && top["paths"] as? Int == 250 && top["months"] as? Int == 240)
        #expect(top["benchmark"] as? String == "S&P 500 only")
        let policies = try #require(top["policies"] as? [[String: Any]])
        #expect(policies.count == 4)
        for policy in policies {
            let metrics = try #require(policy["metrics"] as? [String: [String: Any]])
            for key in ["cagr", "annual_volatility", "sharpe", "sortino", "max_drawdown", "calmar", "longest_drawdown",
                        "var_95", "cvar_95", "annual_turnover", "cost_drag", "months_to_depletion"] {
                let m = try #require(metrics[key], "missing metric \(key)")
                for stat in ["mean", "median", "p05", "p25", "p75", "p95"] { #expect(m[stat] != nil, "\(key).\(stat)") }
            }
            let wealth = try #require(policy["terminal_wealth"] as? [String: Double])
            #expect(Set(wealth.keys) == ["p05", "p25", "p50", "p75", "p95", "mean"])
            #expect(policy["probability_of_loss"] is Double)
            if policy["name"] as? String == "S&P 500 only" {
                #expect(policy["vs_benchmark"] is NSNull)
            } else {
                let vs = try #require(policy["vs_benchmark"] as? [String: Any])
                let diff = try #require(vs["cagr_difference"] as? [String: Double])
                #expect(abs(diff["ci95_low"]! + diff["ci95_high"]! - 2 * diff["mean"]!) < 1e-12)  // centred on the mean
                #expect(Set(diff.keys) == ["mean", "ci95_low", "ci95_high", "median", "p05", "p25", "p75", "p95"])
                #expect(vs["probability_outperform"] is Double)
                for key in ["tracking_error", "information_ratio", "win_rate"] { #expect(vs[key] is [String: Any]) }
            }
        }
    }

    @Test func factorETFScenarioBacktestsTheETFsOwnHistory() throws {
        let data = packageRoot.appendingPathComponent("data/ishares-factor-etfs-2014-2022.csv").path
        guard FileManager.default.fileExists(atPath: data) || ProcessInfo.processInfo.environment["CI"] == "true" else { return }
        let r = try coresat("run", "scenarios/us-factor-etfs.yaml")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("backtest 2015-02 to 2022-12 (95 months)") && r.stdout.contains("Calendar-year returns"))
        let bootstrap = try coresat("run", "scenarios/us-factor-etfs.yaml", "--market", "bootstrap", "--paths", "300")
        #expect(bootstrap.status == 0 && bootstrap.stdout.contains("300 paths x 120 months"), "\(bootstrap.stderr)")
    }

    /// The US factor scenario's market is what its calibration script writes from the French files.
    @Test func usFactorSleevesMarketIsItsCalibrationScriptsFit() throws {
        let french = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/french").path
        guard FileManager.default.fileExists(atPath: french) || ProcessInfo.processInfo.environment["CI"] == "true" else { return }
        let r = try launch(
            packageRoot.appendingPathComponent("scripts/calibrate-us-factor-sleeves"), [],
            environment: ProcessInfo.processInfo.environment.merging(["CORESAT_BIN": executable.path]) { $1 })
        #expect(r.status == 0, "\(r.stderr)")
        let block = try #require(r.stdout.range(of: "market:\n")).lowerBound
        let scenario = try String(contentsOf: packageRoot.appendingPathComponent("scenarios/us-factor-sleeves.yaml"), encoding: .utf8)
        #expect(scenario.contains(String(r.stdout[block...])), "scenarios/us-factor-sleeves.yaml's market: block differs from scripts/calibrate-us-factor-sleeves")
    }

    /// The sample data come from scripts/setup; under CI they must be there.
    @Test func usHistoryScenarioBacktestsOnTheSampleData() throws {
        let data = packageRoot.appendingPathComponent("data/french-1949-2017.csv").path
        guard FileManager.default.fileExists(atPath: data) || ProcessInfo.processInfo.environment["CI"] == "true" else { return }
        let r = try coresat("run", "scenarios/us-history-core-satellite.yaml")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("backtest 1950-01 to 2017-03 (807 months)"))
        #expect(r.stdout.contains("time in regimes: bear"))
        // The market's worst fall: October 2007 to February 2009, back by March 2012.
        let market = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("market only   -50.4%") })
        #expect(market.contains("2007-10  2009-02   2012-03"))
        #expect(r.stdout.contains("2008 "))
        // Picking the best of ten lookbacks: the ten are alike, so which is best in one half of
        // the history says little about the other; the best one's Sharpe ratio is surely above 0.
        #expect(r.stdout.contains("""
            Probability of backtest overfitting (CSCV, 16 blocks, 12,870 splits): 86%: the
            cell best in one half ranks at or below the median in the other 86% of the time
            (mean logit -1.18), and trails the risk-free rate there 0% of the time.
            Deflated Sharpe ratio of the best cell by Sharpe (lookback_months=12): 1.00, the
            chance its true Sharpe ratio is above 0 after 10 trials.

            """))
        // Saved and merged, the risk-free rate travels with the results; a file without it is refused.
        let dir = try temporaryDirectory().path
        #expect(try coresat("run", "scenarios/us-history-core-satellite.yaml", "--save", "\(dir)/r.res").stdout == r.stdout)
        #expect(try coresat("merge", "\(dir)/r.res").stdout == r.stdout)
        // The rate is the T-bills' over the backtest's months (risk_free: RF), as the file wrote it.
        let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(dir)/r.res")).prefix(200_000), as: UTF8.self)
        let key = try #require(header.range(of: "\"risk_free_annual\": "))
        let end = try #require(header[key.upperBound...].range(of: ",\n  "))
        try editHeader("\(dir)/r.res", String(header[key.lowerBound..<end.upperBound]), "", to: "\(dir)/old.res")
        let old = try coresat("merge", "\(dir)/old.res")
        #expect(old.status == 2 && old.stderr.contains("risk_free_annual: missing: the file was written before backtest sweeps"))
        let validated = try coresat("validate", "scenarios/us-history-core-satellite.yaml")
        #expect(validated.stdout.contains(
            "market backtest: backtest on ../data/french-1949-2017.csv, 1950-01 to 2017-03, warm-up from 1949-01; risk-free rate 4.23% a year (RF); regimes: bull and bear markets of Mkt"))
        #expect(validated.stdout.contains("market rolling: 58 windows of 120 months"))
        let rolling = try coresat("run", "scenarios/us-history-core-satellite.yaml", "--market", "rolling", "--format", "json")
        #expect(rolling.status == 0 && rolling.stdout.contains("\"market\": \"rolling\"") && rolling.stdout.contains("\"paths\": 58"))
        let paths = try coresat("run", "scenarios/us-history-core-satellite.yaml", "--paths", "10")
        #expect(paths.status == 2 && paths.stderr.contains("--paths does not apply"))
    }

    @Test func styleRotationScenarioRunsEveryRule() throws {
        let r = try coresat("run", "scenarios/style-rotation-regimes.yaml", "--paths", "200")
        #expect(r.status == 0)
        #expect(r.stdout.contains("time in regimes: recovery"))
        for name in ["static 70/30", "relative strength top 3", "dual momentum", "offensive/defensive switch", "OMFL map (oracle)",
                     "OMFL map (lagged 3 months)", "OMFL map (filtered)", "factor tilt (DYNF-like)"] {
            #expect(r.stdout.contains(name), "\(name)")
        }
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        // The price of not knowing the phase: the oracle keeps all of its own edge, and the
        // lagged and filtered maps are scored against it.
        let recognition = try #require(r.stdout.components(separatedBy: "Regime recognition").last)
        let oracle = try #require(recognition.split(separator: "\n").first { $0.hasPrefix("OMFL map (oracle)") })
        #expect(oracle.hasSuffix("100%") && oracle.contains("100.0%"))
        #expect(recognition.contains("OMFL map (filtered)") && recognition.contains("OMFL map (lagged 3 months)"))
    }

    @Test func threadCountDoesNotChangeTheOutput() throws {
        let one = try coresat("run", "scenarios/a-share-core-satellite.yaml", "--paths", "600", "--format", "json", "--threads", "1")
        let two = try coresat("run", "scenarios/a-share-core-satellite.yaml", "--paths", "600", "--format", "json", "--threads", "2")
        #expect(one.status == 0 && one.stdout == two.stdout)
    }

    @Test func outputFileIsWrittenWhole() throws {
        let path = try temporaryFile("result.csv", "old contents")
        let r = try coresat("run", "scenarios/a-share-core-satellite.yaml", "--paths", "100", "--format", "csv", "--output", path)
        #expect(r.status == 0 && r.stdout.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("section,name,figure,value,standard_error\n"))
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["result.csv"])  // no temporary left behind
    }

    @Test func badScenarioExitsWithTwoAndOneLineAndWritesNothing() throws {
        let scenario = try String(contentsOfFile: packageRoot.appendingPathComponent("scenarios/a-share-core-satellite.yaml").path, encoding: .utf8)
        let bad = try temporaryFile("bad.yaml", scenario.replacingOccurrences(of: "months: 120", with: "monts: 120"))
        let output = URL(fileURLWithPath: bad).deletingLastPathComponent().appendingPathComponent("out.json").path
        let r = try coresat("run", bad, "--output", output)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: \(bad):"))
        #expect(r.stderr.contains("monts: unknown key 'monts' (did you mean 'months'?)"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func missingFileAndBadFlagsExitWithTwo() throws {
        let missing = try coresat("run", "no/such/file.yaml")
        #expect(missing.status == 2 && missing.stderr.contains("no/such/file.yaml: cannot read the scenario file"))
        let paths = try coresat("run", "scenarios/a-share-core-satellite.yaml", "--paths", "0")
        #expect(paths.status == 2 && paths.stderr == "error: --paths: 0 paths is out of range 1...1000000000\n")
        let flag = try coresat("run", "scenarios/a-share-core-satellite.yaml", "--colour")
        #expect(flag.status == 2 && flag.stderr.contains("Unknown option '--colour'"))
        let format = try coresat("run", "scenarios/a-share-core-satellite.yaml", "--format", "xml")
        #expect(format.status == 2)
    }

    @Test func validateChecksWithoutRunning() throws {
        let ok = try coresat("validate", "scenarios/us-factor-sleeves.yaml")
        #expect(ok.status == 0 && ok.stdout.contains("ok (5 assets, 3 regime(s), 4 policies"))
        let bad = try temporaryFile("bad.yaml", "name: x\npaths: 10\nmonths: 12\nassets: []\n")
        let r = try coresat("validate", bad)
        #expect(r.status == 2 && r.stderr.contains(":4:9: assets: at least one asset is needed"))
    }

    @Test func helpExitsWithZero() throws {
        let r = try coresat("--help")
        #expect(r.status == 0 && r.stdout.contains("run") && r.stdout.contains("metrics"))
        #expect(try coresat("help", "run").status == 0)
    }

    @Test func helpOnAnUnknownCommandIsAnError() throws {
        let r = try coresat("help", "nosuch")
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr == "error: help: unknown command 'nosuch'; the commands are run, merge, validate, metrics, check, data, fit-regimes, optimize, frontier\n")
    }

    @Test func versionIsPrinted() throws {
        let r = try coresat("--version")
        #expect(r.status == 0 && r.stdout.hasPrefix("coresat ") && r.stdout.split(separator: " ").count == 2)
        let version = r.stdout.dropFirst("coresat ".count).dropLast()
        #expect(version.split(separator: ".").count == 3 && version.split(separator: ".").allSatisfy { Int($0) != nil })
    }

    @Test func threadsHelpGivesOneDefault() throws {
        let r = try coresat("help", "run")
        let threads = r.stdout.components(separatedBy: "--threads <threads>").dropFirst().last ?? ""
        let entry = threads.components(separatedBy: "\n  -").first ?? ""
        #expect(entry.contains("(default: all cores)"))
        #expect(entry.components(separatedBy: "default").count == 2, "\(entry)")
    }
}

struct MetricsCommandTests {
    let csv = "date,fund,bench\n2024-01-31,0.02,0.01\n2024-02-29,-0.03,-0.02\n2024-03-31,0.04,0.03\n2024-04-30,0.01,0.02\n"

    @Test func jsonHasOneObjectPerSeriesWithRelativeFiguresOnlyWithABenchmark() throws {
        let path = try temporaryFile("r.csv", csv)
        let r = try coresat("metrics", path, "--benchmark", "bench", "--format", "json")
        #expect(r.status == 0)
        let top = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let series = try #require(top["series"] as? [String: [String: Any]])
        #expect(Set(series.keys) == ["fund", "bench"])
        let keys: Set = ["cagr", "annual_volatility", "sharpe", "sortino", "max_drawdown", "calmar", "longest_drawdown", "var_95", "cvar_95"]
        #expect(Set(series["fund"]!.keys) == keys.union(["tracking_error", "information_ratio", "win_rate"]))
        #expect(series["fund"]!["win_rate"] as? Double == 0.5)  // beats the benchmark in months 1 and 3
        #expect(abs(series["fund"]!["max_drawdown"] as! Double - (-0.03)) < 1e-15)
        let plain = try coresat("metrics", path, "--format", "json")
        let noBench = try #require(try json(plain)["series"] as? [String: [String: Any]])
        #expect(Set(noBench["fund"]!.keys) == keys)
    }

    @Test func periodsPerYearFlagOverridesTheDates() throws {
        let path = try temporaryFile("r.csv", csv)
        let monthly = try coresat("metrics", path, "--format", "json")
        let quarterly = try coresat("metrics", path, "--format", "json", "--periods-per-year", "4")
        #expect(monthly.stdout != quarterly.stdout)
        let table = try coresat("metrics", path, "--benchmark", "bench")
        #expect(table.status == 0 && table.stdout.contains("4 periods, 12 per year"))
    }

    func json(_ r: Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func halfYearlyAndCalendarDailyDatesGiveTheirPeriodsPerYear() throws {
        // +1% every half year is about 2.01% a year, not 1%.
        let halfYearly = try temporaryFile("r.csv", "date,a\n2019-12-31,0.01\n2020-06-30,0.01\n2020-12-31,0.01\n2021-06-30,0.01\n")
        let r = try coresat("metrics", halfYearly, "--format", "json")
        let top = try json(r)
        #expect(top["periods_per_year"] as? Double == 2 && top["periods_per_year_inferred"] as? Bool == true)
        #expect(top["frequency"] as? String == "half-yearly")
        let cagr = try #require(((top["series"] as? [String: Any])?["a"] as? [String: Any])?["cagr"] as? Double)
        #expect(abs(cagr - 0.0201) < 1e-12)
        let daily = (1...8).map { String(format: "2020-01-%02d,0.001", $0) }.joined(separator: "\n")
        let table = try coresat("metrics", try temporaryFile("r.csv", "date,a\n" + daily + "\n"))
        #expect(table.stdout.hasPrefix("8 periods, 365 per year (inferred from the dates: calendar-daily)\n"))
    }

    @Test func aGivenPeriodsPerYearIsSaidSoAndAllowsIrregularDates() throws {
        let irregular = try temporaryFile("r.csv", "date,a\n2020-01-31,0.01\n2020-02-29,0.02\n2020-05-31,0.03\n2020-06-30,0.01\n")
        let refused = try coresat("metrics", irregular)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("error: \(irregular):4:1: row 4, date: '2020-05-31' is 92 days after '2020-02-29', but most dates are monthly"))
        let given = try coresat("metrics", irregular, "--periods-per-year", "12")
        #expect(given.status == 0 && given.stdout.hasPrefix("4 periods, 12 per year (given)\n"))
        let top = try json(try coresat("metrics", irregular, "--periods-per-year", "12", "--format", "json"))
        #expect(top["periods_per_year_inferred"] as? Bool == false && top["frequency"] is NSNull)
    }

    @Test(arguments: ["2020-/", "2024-02-30", "2023-02-29", "2020-13"])
    func badDatesExitWithTwoNotACrash(date: String) throws {
        let r = try coresat("metrics", try temporaryFile("r.csv", "date,a\n2020-01-31,0.01\n\(date),0.02\n2030-01-31,0.03\n"))
        #expect(r.status == 2)
        #expect(r.stderr.contains(":3:1: row 3, date: '\(date)' is not a date"))
    }

    @Test func aSemicolonFileGetsAHint() throws {
        let r = try coresat("metrics", try temporaryFile("r.csv", "date;a\n2020-01-31;0,01\n2020-02-29;0,02\n2020-03-31;0,03\n"))
        #expect(r.status == 2 && r.stderr.hasSuffix("looks separated by ';'; coresat reads comma-separated values\n"))
    }

    @Test func theRiskFreeRateFlagHasTheScenarioFilesBoundsAndTakesNegativeValues() throws {
        let path = try temporaryFile("r.csv", csv)
        for bad in ["inf", "5", "-0.5", "nan"] {
            let r = try coresat("metrics", path, "--risk-free-annual", bad)
            #expect(r.status == 2, "\(bad)")
            #expect(r.stderr.hasPrefix("error: --risk-free-annual: the risk-free rate must be above -0.5 and at most 1, got "), "\(bad)")
        }
        let negative = try coresat("metrics", path, "--risk-free-annual", "-0.01")
        #expect(negative.status == 0, "\(negative.stderr)")
        #expect(try coresat("metrics", path, "--risk-free-annual", "1").status == 0)
    }

    @Test func malformedCSVExitsWithTwoAndTheRow() throws {
        let path = try temporaryFile("r.csv", csv.replacingOccurrences(of: "0.04,0.03", with: "0.04"))
        let r = try coresat("metrics", path)
        #expect(r.status == 2)
        #expect(r.stderr == "error: \(path):4:1: row 4: has 2 fields but the header has 3\n")
        let unknown = try coresat("metrics", try temporaryFile("r.csv", csv), "--benchmark", "index")
        #expect(unknown.status == 2 && unknown.stderr.contains("no column 'index'"))
    }
}

/// Every class of scenario problem, through the real executable: exit status 2, one line on
/// stderr naming file:line:column, the key path and the reason, nothing on stdout.
struct BadScenarioExitTests {
    static let base = try! String(
        contentsOf: packageRoot.appendingPathComponent("Tests/CoreSatTests/Fixtures/small-scenario.yaml"), encoding: .utf8)

    static let cases: [(String, String, String)] = [
        ("months: 24", "mnths: 24", ":4:1: mnths: unknown key 'mnths' (did you mean 'months'?)"),
        ("paths: 100", "paths: many", ":3:8: paths: expected a whole number, found 'many'"),
        ("satellite_weights: {sat: 1.0}", "satellite_weights: {sat: 0.9}", "policies[1].satellite_weights: weights sum to 0.9, 0.1 short of 1"),
        ("monthly_volatility: 0.04", "monthly_volatility: -0.04", "market.regimes[0].assets.core.monthly_volatility: volatility cannot be negative"),
        ("sat: [0.6, 1.0]", "sat: [0.7, 1.0]", "market.regimes[0].correlation: correlation matrix is not symmetric"),
        ("correlation: 0.85", "correlation: {core: [1.0, 1.5], sat: [1.5, 1.0]}", "a correlation must be between -1 and 1, got 1.5"),
        ("core: [1.0, 0.6]\n        sat: [0.6, 1.0]", "core: [1.0, 1.0]\n        sat: [1.0, 1.0]", "correlation matrix is not positive definite (smallest eigenvalue"),
        ("- [0.10, 0.90]", "- [0.10, 0.80]", "market.transition[1]: transition row sums to 0.9, 0.1 short of 1"),
        ("    - [0.10, 0.90]\n", "", "transition matrix has 1 rows but there are 2 regimes"),
        ("weights: {core: 1.0}", "weights: {kore: 1.0}", "unknown asset id 'kore' (did you mean 'core'?)"),
        ("benchmark: all core", "benchmark: cash", "benchmark policy 'cash' is not among the policies"),
        ("months: 24", "months: 0", ":4:9: months: 0 months is out of range 1...1200"),
        ("paths: 100", "paths: 2000000000", ":3:8: paths: 2000000000 paths is out of range"),
        ("start: calm", "start: calmish", "unknown regime 'calmish' (did you mean 'calm'?)"),
    ]

    @Test(arguments: 0..<cases.count)
    func badScenarioClass(index: Int) throws {
        let (old, new, expected) = Self.cases[index]
        #expect(Self.base.contains(old))
        let path = try temporaryFile("s.yaml", Self.base.replacingOccurrences(of: old, with: new))
        for command in ["validate", "run"] {
            let r = try coresat(command, path)
            #expect(r.status == 2, "\(command) exited \(r.status)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix("error: \(path):"))
            #expect(r.stderr.contains(expected), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func theBaseScenarioIsValid() throws {
        let r = try coresat("validate", try temporaryFile("s.yaml", Self.base))
        #expect(r.status == 0)
    }
}
