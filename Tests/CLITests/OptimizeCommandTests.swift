import Foundation
import Testing

/// `coresat optimize` and `coresat frontier`, and the optimized-satellites example.
struct OptimizeCommandTests {
    static let covariance = "asset,A,B,C\nA,0.0025,0.0006,0.0002\nB,0.0006,0.0016,0.0004\nC,0.0002,0.0004,0.0036\n"
    static let mean = "asset,mean\nA,0.008\nB,0.006\nC,0.01\n"

    func files(mean: String = Self.mean, covariance: String = Self.covariance) throws -> [String] {
        ["--mean", try temporaryFile("mean.csv", mean), "--covariance", try temporaryFile("cov.csv", covariance)]
    }

    func json(_ r: Outcome) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func minimumVarianceFromMomentFiles() throws {
        let r = try coresat(["optimize", "--objective", "minimum-variance", "--max-weight", "0.5", "--format", "json"] + files())
        #expect(r.status == 0, "\(r.stderr)")
        let out = try json(r)
        let weights = try #require(out["weights"] as? [String: Double])
        #expect(abs(weights.values.reduce(0, +) - 1) <= 1e-12)
        #expect(weights.values.allSatisfy { $0 >= -1e-12 && $0 <= 0.5 + 1e-12 })
        let residuals = try #require(out["kkt_residuals"] as? [String: Double])
        #expect(residuals.values.allSatisfy { $0 <= 1e-12 })
        let shares = try #require(out["risk_contributions"] as? [String: Double])
        #expect(abs(shares.values.reduce(0, +) - 1) <= 1e-12)
    }

    /// A problem file says what the flags say, with the file's line and key in its errors.
    @Test func aProblemFileAnswersAsTheFlagsDo() throws {
        let problem = try temporaryFile("p.yaml", """
            objective: tracking-error
            tracking_error: 0.02
            benchmark: {A: 0.4, B: 0.4, C: 0.2}
            max_weight: 0.6
            groups: [{name: ab, assets: [A, B], min: 0.3}]
            """)
        let file = try coresat(["optimize", "--problem", problem, "--format", "json"] + files())
        let flags = try coresat(
            ["optimize", "--objective", "tracking-error", "--tracking-error", "0.02", "--benchmark", "A=0.4,B=0.4,C=0.2",
             "--max-weight", "0.6", "--group", "ab=A+B:0.3:1", "--format", "json"] + files())
        #expect(file.status == 0 && flags.status == 0, "\(file.stderr) \(flags.stderr)")
        #expect(try json(file)["weights"] as? [String: Double] == json(flags)["weights"] as? [String: Double])
        let typo = try temporaryFile("t.yaml", "objective: minimum-variance\nmax_wieght: 0.5\n")
        let bad = try coresat(["optimize", "--problem", typo] + files())
        #expect(bad.status == 2 && bad.stderr.contains("t.yaml:2:1") && bad.stderr.contains("did you mean 'max_weight'"), "\(bad.stderr)")
        let both = try coresat(["optimize", "--problem", problem, "--max-weight", "0.5"] + files())
        #expect(both.status == 2 && both.stderr.contains("no objective or constraint flags"), "\(both.stderr)")
    }

    @Test func aTurnoverLimitHolds() throws {
        let r = try coresat(
            ["optimize", "--objective", "minimum-variance", "--turnover", "0.1", "--current", "A=0.2,B=0.2,C=0.6", "--format", "json"]
                + files())
        #expect(r.status == 0, "\(r.stderr)")
        let weights = try #require(try json(r)["weights"] as? [String: Double])
        let moved = abs(weights["A", default: 0] - 0.2) + abs(weights["B", default: 0] - 0.2) + abs(weights["C", default: 0] - 0.6)
        #expect(abs(moved - 0.1) <= 1e-12, "the limit binds here: \(moved)")
    }

    /// A model's long-run moments: with one regime, the log-normal moments of its parameters.
    @Test func aScenariosModelGivesItsLongRunMoments() throws {
        let scenario = try temporaryFile("m.yaml", """
            name: m
            paths: 100
            months: 12
            assets:
              - {id: a, sleeve: core, kind: broad}
              - {id: b, sleeve: satellite, kind: smart-beta}
            market:
              model: normal
              assets:
                a: {monthly_mean: 0.006, monthly_volatility: 0.04}
                b: {monthly_mean: 0.009, monthly_volatility: 0.06}
              correlation: 0
            policies:
              - {name: p, weights: {a: 0.5, b: 0.5}}
            benchmark: p
            """)
        let r = try coresat("optimize", "--scenario", scenario, "--objective", "minimum-variance", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let weights = try #require(try json(r)["weights"] as? [String: Double])
        // Uncorrelated: weights in inverse proportion to the variances of the simple returns,
        // which monthly_volatility sets (0.04² and 0.06²).
        let expected = (1 / 0.0016) / (1 / 0.0016 + 1 / 0.0036)
        #expect(abs(weights["a", default: 0] - expected) <= 1e-9, "\(weights)")
        let bad = try coresat("optimize", "--scenario", scenario, "--assets", "a,zz", "--objective", "minimum-variance")
        #expect(bad.status == 2 && bad.stderr.contains("zz"), "\(bad.stderr)")
    }

    @Test func theTableShowsWeightsAndResiduals() throws {
        let r = try coresat(["optimize", "--objective", "risk-parity"] + files())
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("risk share") && r.stdout.contains("KKT residuals"))
        #expect(r.stdout.contains("33.33%"))
    }

    /// A group's risk budget is split equally among its members: here A and B get 30% each.
    @Test func aGroupRiskBudgetIsSplitAmongItsMembers() throws {
        let r = try coresat(["optimize", "--objective", "risk-budget", "--budgets", "A+B=0.6,C=0.4", "--format", "json"] + files())
        #expect(r.status == 0, "\(r.stderr)")
        let shares = try #require(try json(r)["risk_contributions"] as? [String: Double])
        for (asset, share) in [("A", 0.3), ("B", 0.3), ("C", 0.4)] { #expect(abs(shares[asset, default: 0] - share) <= 1e-12) }
    }

    @Test func conflictingGroupsAreNamed() throws {
        let r = try coresat(["optimize", "--objective", "minimum-variance", "--max-weight", "0.34", "--group", "ab=A+B:0.7:1"] + files())
        #expect(r.status == 2)
        #expect(r.stderr.contains("no weights meet the constraints") && r.stderr.contains("group ab"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func aTargetAboveTheBestReturnIsRefused() throws {
        let r = try coresat(["optimize", "--objective", "target-return", "--target-return", "0.5"] + files())
        #expect(r.status == 2)
        #expect(r.stderr.contains("expected return >="), "\(r.stderr)")
    }

    @Test func boundsThatCannotSumToOneAreRefused() throws {
        let r = try coresat(["optimize", "--objective", "minimum-variance", "--max-weight", "0.2"] + files())
        #expect(r.status == 2)
        #expect(r.stderr.contains("upper bounds sum to"), "\(r.stderr)")
    }

    @Test func aCovarianceThatIsNotPositiveSemidefiniteIsRefused() throws {
        let bad = "asset,A,B,C\nA,0.0025,0.0049,0\nB,0.0049,0.0016,0\nC,0,0,0.0036\n"
        let r = try coresat(["optimize", "--objective", "minimum-variance"] + files(covariance: bad))
        #expect(r.status == 2)
        #expect(r.stderr.contains("not positive semidefinite") && r.stderr.contains("Ledoit-Wolf"), "\(r.stderr)")
    }

    @Test func anAsymmetricCovarianceIsRefused() throws {
        let bad = "asset,A,B,C\nA,0.0025,0.0006,0.0002\nB,0.0007,0.0016,0.0004\nC,0.0002,0.0004,0.0036\n"
        let r = try coresat(["optimize", "--objective", "minimum-variance"] + files(covariance: bad))
        #expect(r.status == 2)
        #expect(r.stderr.contains("not symmetric"), "\(r.stderr)")
    }

    /// A negative bound written after a space is the option's value, and allows short positions.
    @Test func negativeValuesFollowTheirFlags() throws {
        let r = try coresat(["optimize", "--objective", "maximum-sharpe", "--min-weight", "-1", "--max-weight", "2", "--format", "json"] + files())
        #expect(r.status == 0, "\(r.stderr)")
        let weights = try #require(try json(r)["weights"] as? [String: Double])
        #expect(abs(weights.values.reduce(0, +) - 1) <= 1e-12)
    }

    @Test func malformedFlagsAreErrorsNotCrashes() throws {
        for flags in [["--group", ""], ["--group", ":"], ["--group", "g=A+A:0:1"], ["--bound", "A"], ["--turnover", "0.1"]] {
            let r = try coresat(["optimize", "--objective", "minimum-variance"] + flags + files())
            #expect(r.status == 2 && r.stderr.hasPrefix("error: "), "\(flags): \(r.stderr)")
        }
        let frontier = try coresat(["frontier", "--turnover", "0.1", "--current", "A=1"] + files())
        #expect(frontier.status == 2 && frontier.stderr.contains("without a turnover limit"), "\(frontier.stderr)")
    }

    @Test func aFlagTheObjectiveDoesNotReadIsRefused() throws {
        let r = try coresat(["optimize", "--objective", "minimum-variance", "--risk-aversion", "2"] + files())
        #expect(r.status == 2)
        #expect(r.stderr.contains("--risk-aversion") && r.stderr.contains("does not apply"), "\(r.stderr)")
    }

    @Test func theFrontierRisesToTheHighestReturn() throws {
        let r = try coresat(["frontier", "--points", "5", "--format", "json"] + files())
        #expect(r.status == 0, "\(r.stderr)")
        let points = try #require(try json(r)["points"] as? [[String: Any]])
        #expect(points.count == 5)
        let returns = points.compactMap { $0["expected_return_annual"] as? Double }
        #expect(returns == returns.sorted())
        #expect(abs((returns.last ?? 0) - 0.12) <= 1e-9)
        // The tangency portfolio's Sharpe ratio is at least every point's.
        let best = try #require(try json(r)["maximum_sharpe"] as? [String: Any])
        let top = try #require(best["sharpe_ratio"] as? Double)
        #expect(points.compactMap { $0["sharpe_ratio"] as? Double }.allSatisfy { $0 <= top + 1e-12 })
    }

    /// The sample data come from scripts/setup; under CI they must be there.
    @Test func optimizedSatellitesExampleRunsOnHistoryAndBootstrap() throws {
        let data = packageRoot.appendingPathComponent("data/ishares-factor-etfs-2014-2022.csv").path
        guard FileManager.default.fileExists(atPath: data) || ProcessInfo.processInfo.environment["CI"] == "true" else { return }
        let r = try coresat("run", "scenarios/optimized-satellites-history.yaml")
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["minimum-variance sleeve", "risk-parity sleeve", "tracking-error budget 1%", "maximum-Sharpe sleeve"] {
            #expect(r.stdout.contains(name), "\(name) missing")
        }
        let bootstrap = try coresat("run", "scenarios/optimized-satellites-history.yaml", "--market", "bootstrap", "--paths", "250")
        #expect(bootstrap.status == 0, "\(bootstrap.stderr)")
        let optimized = try coresat(
            "optimize", "--returns", "data/ishares-factor-etfs-2014-2022.csv", "--columns", "MTUM,QUAL,SIZE,USMV,VLUE",
            "--objective", "minimum-variance", "--estimator", "ledoit-wolf", "--max-weight", "0.4")
        #expect(optimized.status == 0, "\(optimized.stderr)")
        #expect(optimized.stdout.contains("shrinkage"))
    }

    /// Trailing estimates against perfect knowledge on a fitted model: every policy decides at
    /// every quarter, and the ones that know the parameters never fall back.
    @Test func optimizedSatellitesExampleComparesTrailingAndKnownEstimates() throws {
        let r = try coresat("run", "scenarios/optimized-satellites.yaml", "--paths", "250", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let out = try json(r)
        let policies = try #require(out["policies"] as? [[String: Any]])
        let names = policies.compactMap { $0["name"] as? String }
        for kind in ["min-variance", "risk parity", "TE budget 1%"] {
            #expect(names.contains("\(kind), trailing") && names.contains("\(kind), known"), "\(names)")
        }
        for policy in policies where (policy["name"] as? String)?.hasSuffix("known") == true {
            let fallbacks = try #require(policy["fallbacks"] as? [String: Any])
            #expect(fallbacks["per_path"] as? Double == 0, "\(policy["name"] ?? "")")
        }
        let pairs = try #require(out["comparisons"] as? [[String: Any]])
        #expect(
            pairs.map { $0["against"] as? String }
                == ["min-variance, known", "risk parity, known", "TE budget 1%, known", "TE budget 1%, known"])
        // Saved and merged, the comparisons come back the same.
        let dir = try temporaryDirectory().path
        let saved = try coresat("run", "scenarios/optimized-satellites.yaml", "--paths", "250", "--save", "\(dir)/r.bin", "--quiet")
        #expect(saved.status == 0, "\(saved.stderr)")
        let merged = try coresat("merge", "\(dir)/r.bin", "--format", "json")
        #expect(merged.stdout == r.stdout, "merge differs from the run")
        let table = try coresat("merge", "\(dir)/r.bin")
        #expect(table.stdout.contains("Compared path by path"))
    }

    @Test func aComparisonNamesTwoDifferentPolicies() throws {
        let scenario = try String(contentsOf: packageRoot.appendingPathComponent("scenarios/optimized-satellites.yaml"), encoding: .utf8)
        let itself = try temporaryFile("c.yaml", scenario.replacingOccurrences(
            of: "against: \"min-variance, known\"", with: "against: \"min-variance, trailing\""))
        let r = try coresat("validate", itself)
        #expect(r.status == 2 && r.stderr.contains("compare[0]") && r.stderr.contains("compared with itself"), "\(r.stderr)")
        let unknown = try temporaryFile("u.yaml", scenario.replacingOccurrences(
            of: "against: \"min-variance, known\"", with: "against: \"min-variance, knwon\""))
        let u = try coresat("validate", unknown)
        #expect(u.status == 2 && u.stderr.contains("did you mean 'min-variance, known'"), "\(u.stderr)")
    }
}
