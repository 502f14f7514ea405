import Foundation
import Testing

/// `coresat fit-regimes`: a fit printed, written as a market block, and read back by a scenario.
struct FitRegimesCommandTests {
    /// 300 months in spells of 40 calm months (mean 1%, sd 3%) and 20 stressed ones (mean -2%,
    /// sd 8%), for two columns that move together.
    static let dataset: String = {
        // Normals from a fixed linear congruential sequence (Box-Muller): the same file every run.
        var state: UInt64 = 5
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / 9_007_199_254_740_992
        }
        var text = "# coresat dataset 1\n# frequency: monthly\nmonth,A,B\n"
        for t in 0..<300 {
            let stressed = t % 60 >= 40
            let r = (-2 * log(uniform())).squareRoot(), angle = 2 * Double.pi * uniform()
            let z = [r * cos(angle), r * sin(angle)]
            let a = stressed ? -0.02 + 0.08 * z[0] : 0.01 + 0.03 * z[0]
            let b = 0.5 * a + (stressed ? 0.04 : 0.015) * z[1]
            text += "\(2000 + t / 12)-\(t % 12 < 9 ? "0" : "")\(t % 12 + 1),\(a),\(b)\n"
        }
        return text
    }()

    @Test func aFitIsPrintedAndWrittenAsAMarketAScenarioReads() throws {
        let data = try temporaryFile("data.csv", Self.dataset)
        let block = (data as NSString).deletingLastPathComponent + "/market.yaml"
        let r = try coresat("fit-regimes", data, "--columns", "core=A,sat=B", "--names", "stressed,calm", "--market", block)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Regime fit of core, sat from") && r.stdout.contains("2000-01 to 2024-12 (300 months)"))
        let rows = r.stdout.split(separator: "\n")
        // The stressed regime (lowest mean of the first column) holds about a third of the months.
        let stressed = try #require(rows.first { $0.hasPrefix("stressed") })
        let share = try #require(Double(stressed.split(separator: " ")[1].dropLast()))
        #expect(stressed.contains("core") && (25...42).contains(share), "\(stressed)")
        let market = try String(contentsOfFile: block, encoding: .utf8)
        #expect(market.contains("model: regime-switching") && market.contains("- name: stressed"))
        let scenario = """
            name: fitted
            paths: 100
            months: 24
            assets:
              - {id: core, sleeve: core, kind: broad}
              - {id: sat, sleeve: satellite, kind: thematic}
            \(market)
            policies:
              - {name: core, core: 1, core_weights: {core: 1}, rebalance: never}
            benchmark: core
            """
        let file = try temporaryFile("fitted.yaml", scenario)
        let run = try coresat("run", file)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("time in regimes: stressed"))
    }

    @Test func theJSONHasTheFitsFigures() throws {
        let data = try temporaryFile("data.csv", Self.dataset)
        let r = try coresat("fit-regimes", data, "--columns", "A", "--format", "json", "--restarts", "4")
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["months"] as? Int == 300 && object["converged"] as? Bool == true)
        let regimes = try #require(object["regimes"] as? [[String: Any]])
        #expect(regimes.map { $0["name"] as? String } == ["low", "high"])
        let bic = try #require(object["bic"] as? Double), logL = try #require(object["log_likelihood"] as? Double)
        // 2 means, 2 variances and 2 free transition probabilities.
        #expect(object["parameters"] as? Int == 6 && abs(bic - (-2 * logL + 6 * log(300))) < 1e-9)
    }

    /// On the simple returns, as statsmodels' MarkovRegression fits them, the command gives its
    /// log-likelihood (scripts/regime_fit_reference.py wrote the fixture).
    @Test func theSimpleReturnFitAgreesWithStatsmodels() throws {
        let url = packageRoot.appendingPathComponent("Tests/CoreSatTests/Fixtures/regime_fit_market_k2.json")
        let fixture = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let months = try #require(fixture["months"] as? [String]), returns = try #require(fixture["returns"] as? [Double])
        let rows = zip(months, returns).map { "\($0.prefix(4))-\($0.suffix(2)),\($1)" }.joined(separator: "\n")
        let data = try temporaryFile("market.csv", "# coresat dataset 1\nmonth,Mkt\n\(rows)\n")
        let r = try coresat("fit-regimes", data, "--columns", "Mkt", "--simple", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let reference = try #require(fixture["log_likelihood"] as? Double)
        #expect(abs(try #require(object["log_likelihood"] as? Double) - reference) < 1e-3)
        let block = try coresat("fit-regimes", data, "--columns", "Mkt", "--simple", "--market", "\(data).yaml")
        #expect(block.status == 2 && block.stderr.contains("a market block holds log-return parameters"))
    }

    @Test(arguments: [
        (["--columns", "C"], "'C' is not a column"),
        (["--columns", "A", "--regimes", "9"], "9 is out of range 1...6"),
        (["--columns", "A", "--names", "x"], "give 2 different names"),
        (["--columns", "A", "--from", "1999-01"], "1999-01 is outside the dataset's months"),
        (["--columns", "A", "--from", "2010-01", "--to", "2009-01"], "2009-01 is before 2010-01"),
    ])
    func badRequestsExitWithTwo(arguments: [String], reason: String) throws {
        let data = try temporaryFile("data.csv", Self.dataset)
        let r = try coresat(["fit-regimes", data] + arguments)
        #expect(r.status == 2 && r.stderr.contains(reason), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
