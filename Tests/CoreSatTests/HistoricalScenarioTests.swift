import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// Scenarios whose market is a dataset of recorded months.
struct HistoricalScenarioTests {
    /// Months 2000-01 ... 2000-08 of three series; C starts in 2000-03.
    static let dataset = """
        # coresat dataset 1
        # frequency: monthly
        # source: made by hand
        month,A,B,C
        2000-01,0.01,0.02,
        2000-02,-0.02,0.01,
        2000-03,0.03,-0.01,0.02
        2000-04,0.01,0.00,0.01
        2000-05,-0.04,0.02,0.00
        2000-06,0.02,0.01,-0.01
        2000-07,0.05,-0.03,0.03
        2000-08,-0.01,0.02,0.02

        """

    static let assets = """
        assets:
          - {id: a, sleeve: core, kind: broad}
          - {id: b, sleeve: satellite, kind: thematic}
        """

    static let policies = """
        policies:
          - {name: a only, core: 1, core_weights: {a: 1}, rebalance: never}
          - {name: half monthly, core: 0.5, core_weights: {a: 1}, satellite_weights: {b: 1}, rebalance: monthly}
          - {name: half held, core: 0.5, core_weights: {a: 1}, satellite_weights: {b: 1}, rebalance: never}
        benchmark: a only
        """

    /// Loads `market` (indented under `market:`) with the dataset beside the scenario file.
    static func load(
        _ market: String, top: String = "", assets: String = assets, policies: String = policies, dataset: String = dataset
    ) throws(InputError) -> Scenario {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coresat-history-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try? dataset.write(to: dir.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let text = "name: history\n\(top)\(assets)\nmarket:\n\(market)\n\(policies)\n"
        let file = dir.appendingPathComponent("scenario.yaml").path
        try? text.write(toFile: file, atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: file)
    }

    static let replay = """
          model: historical
          data: data.csv
          columns: {a: A, b: B}
        """

    @Test func aBacktestIsOnePathThroughTheSameAccountsAsHandComputed() throws {
        let s = try Self.load(Self.replay + "\n  from: 2000-02\n  to: 2000-07", top: "warm_up_months: 1\n")
        #expect(s.paths == 1 && s.months == 6)
        let result = try Simulator.run(try s.plan(), threads: 1)
        let a = [-0.02, 0.03, 0.01, -0.04, 0.02, 0.05], b = [0.01, -0.01, 0.00, 0.02, 0.01, -0.03]
        let product = { (r: [Double]) in r.reduce(1.0) { $0 * (1 + $1) } }
        let wealth = try (0..<3).map { try result.values(policy: $0, .terminalWealth)[0] }
        #expect(abs(wealth[0] - product(a)) < 1e-14)
        #expect(abs(wealth[1] - product(zip(a, b).map { 0.5 * $0 + 0.5 * $1 })) < 1e-14)
        #expect(abs(wealth[2] - (0.5 * product(a) + 0.5 * product(b))) < 1e-14)
    }

    @Test func rollingWindowsAreOnePathEach() throws {
        let s = try Self.load(Self.replay + "\n  windows: {months: 3, every: 2}")
        // Windows of 3 months starting 2000-01, -03, -05 (the next, -07, would run past -08).
        #expect(s.paths == 3 && s.months == 3)
        let result = try Simulator.run(try s.plan(), threads: 1)
        let a = [0.01, -0.02, 0.03, 0.01, -0.04, 0.02, 0.05, -0.01]
        for (p, start) in [0, 2, 4].enumerated() {
            let expected = a[start..<(start + 3)].reduce(1.0) { $0 * (1 + $1) }
            #expect(abs(try result.values(policy: 0, .terminalWealth)[p] - expected) < 1e-14)
        }
    }

    @Test func rollingWindowsReportTheirWorstAndBestStarts() throws {
        let s = try Self.load(Self.replay + "\n  windows: {months: 3, every: 2}")
        let summary = try RunSummary(scenario: s.name, columns: try Simulator.run(try s.plan(), threads: 1))
        let windows = try #require(summary.windows)
        #expect(windows.count == 3 && windows.every == 2 && windows.start(2) == YearMonth(year: 2000, month: 5).index)
        // A's windows: 2000-01..03, 03..05, 05..07.
        let a = [0.01, -0.02, 0.03, 0.01, -0.04, 0.02, 0.05, -0.01]
        let cagr = [0, 2, 4].map { pow(a[$0..<($0 + 3)].reduce(1.0) { $0 * (1 + $1) }, 12.0 / 3) - 1 }
        let worst = try #require(windows.policies[0].worst), best = try #require(windows.policies[0].best)
        #expect(worst.window == cagr.indices.min { cagr[$0] < cagr[$1] } && abs(worst.value - cagr.min()!) < 1e-12)
        #expect(best.window == cagr.indices.max { cagr[$0] < cagr[$1] } && windows.policies[0].worstVersus == nil)
        #expect(TableReport.render(summary).contains("Rolling windows: 3 of 3 months starting every 2 months, from 2000-01 to 2000-05"))
        // A backtest has no windows, and a simulation has no dates.
        #expect(try RunSummary(scenario: "", columns: try Simulator.run(try Self.load(Self.replay).plan(), threads: 1)).windows == nil)
    }

    @Test func warmUpMonthsComeFromBeforeTheStart() throws {
        let s = try Self.load(Self.replay + "\n  from: 2000-04", top: "warm_up_months: 3\n")
        guard case .recorded(let market, .replay(let starts, let warmUp, let months)) = s.market else {
            Issue.record("not a replay")
            return
        }
        #expect(market.firstMonth == YearMonth(year: 2000, month: 1) && starts == [0] && warmUp == 3 && months == 5)
        // Without `from`, the backtest starts once the warm-up months are there.
        let later = try Self.load(Self.replay, top: "warm_up_months: 2\n")
        #expect(later.months == 6)
    }

    @Test func aBacktestKeepsEachMonthsWeightsAfterAnyTrade() throws {
        let s = try Self.load(Self.replay + "\n  from: 2000-02\n  to: 2000-07", top: "warm_up_months: 1\n")
        let result = try Simulator.run(try s.plan(), threads: 1)
        #expect(result.run.layout.monthlyAssets == ["a", "b"])
        #expect(!result.run.layout.keepsMonthlyRegimes)  // one regime: nothing to shade
        let a = [-0.02, 0.03, 0.01, -0.04, 0.02, 0.05], b = [0.01, -0.01, 0.00, 0.02, 0.01, -0.03]
        // Rebalanced monthly: back to the targets at every month end.
        let monthly = try result.monthlyWeights(policy: 1)
        #expect(monthly.count == 2 && monthly.allSatisfy { $0.count == 6 })
        for t in 0..<6 { #expect(abs(monthly[0][t] - 0.5) < 1e-15 && abs(monthly[1][t] - 0.5) < 1e-15) }
        // Never rebalanced: each asset's share of the grown holdings.
        let held = try result.monthlyWeights(policy: 2)
        var ga = 0.5, gb = 0.5
        for t in 0..<6 {
            ga *= 1 + a[t]
            gb *= 1 + b[t]
            #expect(abs(held[0][t] - ga / (ga + gb)) < 1e-14)
            #expect(abs(held[0][t] + held[1][t] - 1) < 1e-14)
        }
        #expect(try result.monthlyWeights(policy: 0)[1] == Array(repeating: 0, count: 6))
    }

    /// The replay with 2000-03 to 2000-05 labelled rough and the other months calm.
    static let roughSpring = Self.replay + """

          regimes:
            kind: periods
            periods:
              - {name: rough, from: 2000-03, to: 2000-05}
            otherwise: calm
        """

    @Test func aBacktestWithRegimesKeepsEachMonthsRegime() throws {
        let result = try Simulator.run(try Self.load(Self.roughSpring).plan(), threads: 1)
        #expect(result.run.layout.keepsMonthlyRegimes)
        #expect(try result.monthlyRegimes() == [1, 1, 0, 0, 0, 1, 1, 1])
    }

    @Test func labelledPeriodsAreTheRunsRegimes() throws {
        let s = try Self.load(Self.roughSpring)
        #expect(s.market.regimeNames == ["rough", "calm"])
        let result = try Simulator.run(try s.plan(), threads: 1)
        #expect(try result.regimeShares(0) == [3.0 / 8])
    }

    @Test func theBootstrapDrawsTheScenariosPathsFromTheRecordedMonths() throws {
        let s = try Self.load("  model: bootstrap\n  data: data.csv\n  columns: {a: A, b: B}\n  mean_block_months: 3", top: "paths: 300\nmonths: 24\n")
        #expect(s.paths == 300 && s.months == 24)
        let result = try Simulator.run(try s.plan(), threads: 2)
        let again = try Simulator.run(try s.plan(), threads: 1)
        #expect(try result.values(policy: 1, .cagr) == again.values(policy: 1, .cagr))
    }

    @Test(arguments: [
        (Self.replay.replacingOccurrences(of: "{a: A, b: B}", with: "{a: A}"), "asset 'b' has no column"),
        (Self.replay.replacingOccurrences(of: "b: B", with: "b: D"), "the dataset has no column 'D'"),
        (Self.replay.replacingOccurrences(of: "b: B", with: "b: C") + "\n  from: 2000-02", "asset 'b' (column C) has no data for 2000-02"),
        (Self.replay + "\n  from: 2000-01", "needs data from 1999-12 for warm_up_months: 1"),
        (Self.replay + "\n  windows: {months: 9}", "a window of 9 months does not fit in the 8 months"),
        (Self.replay + "\n  from: 2001-01", "2001-01 is outside the dataset's months (2000-01 to 2000-08)"),
        (Self.replay + "\n  from: 2000-05\n  to: 2000-03", "'to' (2000-03) is before 'from' (2000-05)"),
        (Self.replay.replacingOccurrences(of: "data.csv", with: "missing.csv"), "missing.csv: cannot read the dataset"),
        (Self.replay + "\n  regimes: {kind: periods, periods: [{name: x, from: 2000-01, to: 2000-03}, {name: y, from: 2000-03, to: 2000-04}], otherwise: z}",
            "2000-03 is already in a period of 'x'"),
        (Self.replay + "\n  regimes: {kind: periods, periods: [{name: x, from: 2000-01, to: 2000-03}]}", "2000-04 is in no period"),
        (Self.replay + "\n  regimes: {kind: relative-strength, column: A, versus: B, months: 3, median_months: 3}",
            "needs 4 months of A and B before 2000-01"),
    ])
    func badHistoricalMarketsAreInputErrors(market: String, reason: String) {
        let error = inputError { () throws(InputError) in _ = try Self.load(market, top: market.contains("from: 2000-01") ? "warm_up_months: 1\n" : "") }
        #expect(error?.description.contains(reason) == true, "\(error?.description ?? "accepted")")
    }

    @Test func aReplaySetsItsOwnPathsAndMonths() {
        let error = inputError { () throws(InputError) in _ = try Self.load(Self.replay, top: "paths: 10\n") }
        #expect(error?.keyPath == "paths" && error?.reason.contains("a historical replay sets paths itself") == true)
    }
}

extension HistoricalScenarioTests {
    @Test func theRiskFreeRateCanComeFromAColumn() throws {
        let s = try Self.load(Self.replay + "\n  from: 2000-03\n  to: 2000-06\n  risk_free: B", top: "warm_up_months: 1\n")
        let b = [-0.01, 0.00, 0.02, 0.01]  // 2000-03 ... 2000-06: the warm-up month does not count
        let expected = pow(b.reduce(1.0) { $0 * (1 + $1) }, 12.0 / 4) - 1
        #expect(abs(s.riskFreeAnnual - expected) < 1e-15)
        let error = inputError { () throws(InputError) in _ = try Self.load(Self.replay + "\n  risk_free: B", top: "risk_free_annual: 0.02\n") }
        #expect(error?.keyPath == "risk_free_annual" && error?.reason.contains("takes its risk-free rate from its data") == true)
    }

    @Test func aReplaysPathsCannotBeChangedAfterLoading() throws {
        var s = try Self.load(Self.replay)
        s.paths = 5
        let error = inputError { () throws(InputError) in _ = try s.plan() }
        #expect(error?.reason.contains("a historical replay runs 1 path (one per window) of 8 months") == true)
    }
}

extension HistoricalScenarioTests {
    /// 240 months alternating 30 calm months and 18 stressed ones, for A and B.
    static let regimeDataset: String = {
        let random = RandomSource(.mt19937, seed: 9)
        var z = [0.0, 0.0]
        var text = "# coresat dataset 1\nmonth,A,B\n"
        for t in 0..<240 {
            let stressed = t % 48 >= 30
            z.withUnsafeMutableBufferPointer { random.fillNormals($0) }
            text += "\(YearMonth(index: YearMonth(year: 1990, month: 1).index + t)),\(stressed ? -0.02 + 0.07 * z[0] : 0.01 + 0.03 * z[0]),\(0.005 + 0.02 * z[1])\n"
        }
        return text
    }()

    @Test func fittedRegimesAreEachMonthsLikeliestAndTheBootstrapFollowsTheFittedChain() throws {
        let market = """
              model: bootstrap
              data: data.csv
              columns: {a: A, b: B}
              follow_regimes: true
              regimes: {kind: fitted, regimes: 2, columns: [A], restarts: 5, names: [stressed, calm]}
            """
        let s = try Self.load(market, top: "paths: 10\nmonths: 12\n", dataset: Self.regimeDataset)
        guard case .recorded(let recorded, .bootstrap(_, let chain)) = s.market else {
            Issue.record("not a bootstrap")
            return
        }
        let dataset = try Dataset.parse(Self.regimeDataset, file: "data.csv")
        let fit = try MarkovSwitchingFit.fit(dataset.values[0].map { [log1p($0)] }, options: RegimeFitOptions(restarts: 5))
        #expect(recorded.regimeNames == ["stressed", "calm"])
        #expect(recorded.labels == fit.smoothedProbabilities.map { $0[1] > $0[0] ? 1 : 0 })
        #expect(chain == RegimeChain(transition: fit.transition, start: fit.ergodic))
        // The stressed spells are 18 of every 48 months.
        let share = Double(recorded.labels.filter { $0 == 0 }.count) / 240
        #expect(abs(share - 18.0 / 48) < 0.08)
    }
}

/// One file, several views of the same history: `markets:` and `--market`.
struct NamedMarketTests {
    static let markets = """
          backtest: &history
            model: historical
            data: data.csv
            columns: {a: A, b: B}
          windows:
            <<: *history
            windows: {months: 4, every: 2}
          resampled:
            <<: *history
            model: bootstrap
            mean_block_months: 2
        """

    static func load(_ market: String?, expect: String = "") throws(InputError) -> Scenario {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coresat-markets-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try? HistoricalScenarioTests.dataset.write(to: dir.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let text = "name: views\npaths: 50\nmonths: 6\n\(HistoricalScenarioTests.assets)\nmarkets:\n\(markets)\n\(HistoricalScenarioTests.policies)\n\(expect)"
        let file = dir.appendingPathComponent("scenario.yaml").path
        try? text.write(toFile: file, atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: file, market: market)
    }

    @Test func theFirstMarketRunsUnlessAnotherIsNamed() throws {
        let first = try Self.load(nil)
        #expect(first.marketName == "backtest" && first.marketNames == ["backtest", "windows", "resampled"])
        #expect(first.paths == 1 && first.months == 8)
        let windows = try Self.load("windows")
        #expect(windows.paths == 3 && windows.months == 4)
        let resampled = try Self.load("resampled")
        #expect(resampled.paths == 50 && resampled.months == 6)
        #expect(try resampled.plan().description.market == "resampled")
    }

    @Test func anExpectationNamingAMarketAppliesOnlyToIt() throws {
        let expect = """
            expect:
              - {policy: half monthly, figure: cagr.median, check: ">= -1"}
              - {policy: half monthly, figure: cagr.median, check: ">= -1", market: resampled}
            """
        #expect(try Self.load(nil, expect: expect).expectations.count == 1)
        #expect(try Self.load("resampled", expect: expect).expectations.count == 2)
        let error = inputError { () throws(InputError) in _ = try Self.load(nil, expect: expect.replacingOccurrences(of: "market: resampled", with: "market: resample")) }
        #expect(error?.reason.contains("unknown market 'resample' (did you mean 'resampled'?)") == true)
    }

    @Test func anUnknownMarketIsAnErrorOfTheFlag() {
        let error = inputError { () throws(InputError) in _ = try Self.load("window") }
        #expect(error?.file == "--market" && error?.reason.contains("unknown market 'window' (did you mean 'windows'?)") == true)
    }

    @Test func marketAndMarketsTogetherAreRefused() {
        let text = "name: x\nassets: [{id: a, sleeve: core, kind: broad}]\nmarket: {model: normal}\nmarkets: {}\npolicies: []\nbenchmark: x\n"
        let error = inputError { () throws(InputError) in _ = try ScenarioLoader.parse(text, file: "x.yaml") }
        #expect(error?.reason == "give either market: or markets:, not both")
    }
}
