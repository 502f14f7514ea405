import Foundation
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// A fit written as a market block reads back as the fitted model.
struct RegimeFitReportTests {
    @Test func theMarketBlockReadsBackAsTheFittedParameters() throws {
        let url = try #require(Bundle.module.url(forResource: "regime_fit_market_k2", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let series = try #require(fixture["returns"] as? [Double])
        // The market and a second column that follows it, so correlations are read back too.
        let second = series.enumerated().map { 0.6 * $1 + 0.004 * sin(Double($0)) }
        let months = (0..<series.count).map { YearMonth(index: YearMonth(year: 1926, month: 7).index + $0) }
        let dataset = Dataset(months: months, columns: ["Mkt", "Other"], values: [series, second], file: "market.csv")
        let sample = try FitSample(dataset: dataset, columns: ["market=Mkt", "other=Other"], from: nil, to: nil)
        let fit = try MarkovSwitchingFit.fit(sample.logReturns, options: RegimeFitOptions(restarts: 4))
        let report = RegimeFitReport(fit: fit, sample: sample, names: ["low", "high"], data: "market.csv")
        let scenario = try ScenarioLoader.parse("""
            name: fitted
            paths: 10
            months: 12
            assets:
              - {id: market, sleeve: core, kind: broad}
              - {id: other, sleeve: satellite, kind: thematic}
            \(report.marketBlock())
            policies:
              - {name: market, core: 1, core_weights: {market: 1}, rebalance: never}
            benchmark: market
            """, file: "fitted.yaml")
        guard case .markov(let spec) = scenario.market else {
            Issue.record("not a regime-switching market")
            return
        }
        #expect(spec.regimes.map(\.name) == ["low", "high"])
        for k in 0..<2 {
            for i in 0..<2 {
                // Eight decimals of the fact-sheet figures: the log parameters within about 1e-8.
                #expect(abs(spec.regimes[k].parameters[i].mu - fit.means[k][i]) < 1e-8)
                #expect(abs(spec.regimes[k].parameters[i].sigma - fit.covariances[k][i, i].squareRoot()) < 1e-7)
            }
            let c = fit.covariances[k]
            #expect(abs(spec.regimes[k].correlation[0, 1] - c[0, 1] / (c[0, 0] * c[1, 1]).squareRoot()) < 1e-8)
            for j in 0..<2 { #expect(abs(spec.transition[k, j] - fit.transition[k, j]) < 1e-8) }
        }
    }
}
