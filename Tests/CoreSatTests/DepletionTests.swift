import Foundation
import Testing

@testable import CoreSat
@testable import CoreSatEngine

struct DepletionTests {
    static func scenario(volatility: Double) -> String {
        """
        name: drawdown
        seed: 3
        paths: 2000
        months: 24
        initial_wealth: 1000
        assets:
          - {id: eq, sleeve: core, kind: broad}
        market:
          model: normal
          assets:
            eq: {annual_return: \(volatility == 0 ? 0 : 0.05), annual_volatility: \(volatility)}
          correlation: 1
        cash_flow: {monthly_amount: -100}
        benchmark: hold
        policies:
          - {name: hold, weights: {eq: 1.0}, rebalance: never}
        """
    }

    static func summary(volatility: Double) throws -> RunSummary {
        let s = try ScenarioLoader.parse(scenario(volatility: volatility), file: "d.yaml")
        return try RunSummary(scenario: s.name, columns: try Simulator.run(try s.plan(), threads: 2))
    }

    @Test func withdrawalsFromCashEmptyTheAccountInTheTenthMonth() throws {
        let p = try Self.summary(volatility: 0).policies[0]
        #expect(p.probabilityOfDepletion == 1)
        let month = try #require(p.figures[.monthsToDepletion])
        #expect(month.p05 == 10 && month.p95 == 10 && month.undefined == 0)
        // Ten months of 0% returns: no volatility, CAGR 0, nothing left.
        #expect(p.figures[.cagr]!.median == 0 && p.figures[.terminalWealth]!.p95 == 0)
    }

    @Test func returnFiguresCoverOnlyTheMonthsBeforeTheAccountEmptied() throws {
        // 1,000 less 100 a month from a 20%-volatility asset: the account empties after about 11
        // months. Counting the empty months as 0% returns gave a median volatility of 13%. Over the
        // months that had returns the per-path sample volatility of ~11 monthly returns has a median
        // of about 0.2 x sqrt(median(chi2_10) / 10) = 0.2 x 0.966 = 0.193; its standard error across
        // 2,000 paths is about 1.25 x (0.2 / sqrt(20)) / sqrt(2000) = 0.0013, and the months with a
        // return vary from path to path, so allow 0.185 to 0.20 (about 6 s.e. either side).
        let p = try Self.summary(volatility: 0.2).policies[0]
        let vol = p.figures[.annualVolatility]!.median
        #expect(vol > 0.185 && vol < 0.20, "median volatility \(vol)")
        #expect(p.probabilityOfDepletion > 0.95)
        let month = p.figures[.monthsToDepletion]!
        #expect(month.median >= 10 && month.median <= 12)
    }
}
