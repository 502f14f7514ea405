import Testing

@testable import CoreSat
@testable import CoreSatEngine

struct ScenarioOverviewTests {
    func facts(_ s: Scenario) throws -> [String: String] {
        guard case .facts(let pairs) = try #require(ScenarioOverview.blocks(for: s).first) else {
            Issue.record("the overview does not start with facts")
            return [:]
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    @Test func aSimulatedMarketIsDescribedByItsRegimesAndShocks() throws {
        let s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        let f = try facts(s)
        #expect(f["scenario"] == "test")
        #expect(f["model"] == "simulated, 2 regimes (calm, stressed), Markov switching")
        #expect(f["shocks"] == "normal" && f["drift uncertainty"] == nil)
        #expect(
            f["horizon"] == "24 months (2 years)" && f["paths"] == "100" && f["seed"] == "5"
                && f["generator"] == "mt19937")
        #expect(f["benchmark"] == "all core" && f["initial wealth"] == "1.00")
        #expect(f["transaction costs"] == "10 bps of traded value")
        #expect(f["fees"] == "0.00% to 0.10% a year by asset (fee/yr in the assets table)")
        #expect(f["cash flows"] == "none" && f["risk-free rate"] == "0.00% a year")
    }

    @Test func costsFlowsAndDriftsAsTheScenarioStatesThem() throws {
        let text =
            validScenario
            .replacingOccurrences(
                of: "costs: {transaction_bps: 10}",
                with: """
                    costs: {transaction_bps: 10, per_asset_bps: {sat: 15}}
                    cash_flow: {monthly_amount: -1500, inflation_annual: 0.02}
                    warm_up_months: 12
                    months: 30
                    """
            )
            .replacingOccurrences(of: "months: 24\n", with: "")
            .replacingOccurrences(of: "  start: calm", with: "  start: calm\n  years_of_data: {core: 5, sat: 2.5}")
        let s = try ScenarioLoader.parse(text, file: "s.yaml")
        let f = try facts(s)
        #expect(f["transaction costs"] == "10 bps of traded value; sat 15 bps")
        #expect(
            f["cash flows"] == "withdrawals of 1.50k a month at each month end, indexed to inflation of 2.00% a year")
        #expect(f["horizon"] == "30 months (2.5 years), after 12 warm-up months")
        #expect(
            f["drift uncertainty"]
                == "each path draws its own drifts; years of data behind the figures: core 5, sat 2.5 "
                + "(spread from the calm regime)")
    }

    @Test func theTablesAreTheOnesValidatePrints() throws {
        let s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        let tables = ScenarioOverview.blocks(for: s).filter { if case .table = $0 { true } else { false } }
        #expect(tables == AssetTable.blocks(s).filter { $0 != .blank })
        #expect(AssetTable.render(s) == ReportBlock.text(AssetTable.blocks(s)))
        #expect(AssetTable.render(s).hasPrefix("\nasset  name  sleeve     kind      fee/yr\n"))
    }
}
