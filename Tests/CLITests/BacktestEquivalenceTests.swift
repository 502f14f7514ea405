import Foundation
import Testing

/// A backtest of a policy that holds one asset, with no fees or costs, is that asset's own return
/// series: its figures from the account must be the ones `coresat metrics` computes from the
/// series alone.
struct BacktestEquivalenceTests {
    @Test func aBuyAndHoldBacktestHasTheSeriesOwnMetrics() throws {
        // 60 months of a made-up series, with a drawdown and a recovery.
        let returns: [Double] = (0..<60).map { (t: Int) -> Double in
            let dip: Double = t >= 20 && t < 26 ? 0.04 : 0
            return 0.01 + 0.05 * sin(Double(t) * 0.7) - dip
        }
        let months = (0..<60).map { String(format: "%04d-%02d", 2001 + $0 / 12, $0 % 12 + 1) }
        let rows = zip(months, returns).map { "\($0),\($1),0.001" }.joined(separator: "\n")
        let data: String = try temporaryFile("data.csv", "# coresat dataset 1\nmonth,A,B\n\(rows)\n")
        let dir = (data as NSString).deletingLastPathComponent
        let series = try temporaryFile("series.csv", "date,A\n" + zip(months, returns).map { "\($0),\($1)" }.joined(separator: "\n") + "\n")
        let scenario = """
            name: hold
            risk_free_annual: 0.02
            assets:
              - {id: a, sleeve: core, kind: broad}
              - {id: b, sleeve: satellite, kind: thematic}
            market: {model: historical, data: \(dir)/data.csv, columns: {a: A, b: B}}
            policies:
              - {name: hold, core: 1, core_weights: {a: 1}, rebalance: never}
            benchmark: hold
            """
        let run = try coresat("run", try temporaryFile("hold.yaml", scenario), "--format", "json")
        let metrics = try coresat("metrics", series, "--risk-free-annual", "0.02", "--format", "json")
        #expect(run.status == 0 && metrics.status == 0, "\(run.stderr)\(metrics.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let policy = try #require((report["policies"] as? [[String: Any]])?.first?["metrics"] as? [String: Any])
        let direct = try #require(
            ((try JSONSerialization.jsonObject(with: Data(metrics.stdout.utf8)) as? [String: Any])?["series"] as? [String: Any])?["A"]
                as? [String: Any])
        for figure in ["cagr", "annual_volatility", "sharpe", "sortino", "max_drawdown", "calmar", "var_95", "cvar_95"] {
            let fromRun = try #require((policy[figure] as? [String: Any])?["median"] as? Double, "\(figure)")
            let fromSeries = try #require(direct[figure] as? Double, "\(figure)")
            let tolerance: Double = 1e-12 * Swift.max(1.0, Swift.abs(fromSeries))
            #expect(Swift.abs(fromRun - fromSeries) <= tolerance, "\(figure): \(fromRun) vs \(fromSeries)")
        }
    }
}
