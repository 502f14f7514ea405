import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// Runs one policy over a fixed path of returns (the first `warmUp` rows are history before month 0).
func runAccount(
    _ policy: any Policy, returns: [[Double]], rules: AccountRules, warmUp: Int = 0, regimes: [Int32]? = nil,
    runner: (any PolicyRunner)? = nil
) throws(PolicyFailure) -> (returns: [Double], outcome: AccountOutcome) {
    let months = returns.count - warmUp
    let names = (0..<rules.expenseRatios.count).map { "asset\($0)" }
    let account = Account(rules: rules, assetNames: names, months: months)
    let flat = returns.flatMap { $0 }
    let logs = flat.map { Foundation.log1p($0) }
    let labels = regimes ?? [Int32](repeating: 0, count: returns.count)
    var net = [Double](repeating: .nan, count: months)
    let runner = runner ?? policy.makeRunner(assetCount: names.count)
    let outcome = try flat.withUnsafeBufferPointer { (r) throws(PolicyFailure) in
        try logs.withUnsafeBufferPointer { (x) throws(PolicyFailure) in
            try labels.withUnsafeBufferPointer { (g) throws(PolicyFailure) in
                try net.withUnsafeMutableBufferPointer { (out) throws(PolicyFailure) in
                    let market = PathMarket(
                        returns: r.baseAddress!, logReturns: x.baseAddress!, regimes: g.baseAddress!, warmUpMonths: warmUp,
                        months: months)
                    return try account.run(
                        policy, runner: runner, market: market, path: 0, netReturns: out.baseAddress!, wealthGrid: [],
                        wealth: out.baseAddress!)
                }
            }
        }
    }
    return (net, outcome)
}

struct AccountTests {
    let rules = AccountRules(initialWealth: 100, expenseRatios: [0.12, 0], costRates: [0.01, 0.01])

    @Test func feesAccrueMonthlyAndRebalancingPaysCostsOnTradedValue() throws {
        let policy = StaticPolicy(name: "50/50", targets: [0.5, 0.5], review: .calendar(months: 1))
        let (net, outcome) = try runAccount(policy, returns: [[0.10, -0.10]], rules: rules)
        // 50 * 1.1 * (1 - 0.12/12) = 54.45 and 45; trades of 4.725 each way cost 1% -> 0.0945.
        #expect(abs(net[0] - (99.45 - 0.0945) / 100 + 1) < 1e-12)
        #expect(abs(outcome.terminalWealth - 99.3555) < 1e-12)
        #expect(abs(outcome.grossGrowth - 1.0) < 1e-15)
        #expect(abs(outcome.turnover - 9.45 / 2 / 99.45) < 1e-15)
    }

    @Test func calendarRulesTradeOnlyAtTheirMonthEnds() throws {
        let returns = Array(repeating: [0.05, -0.02], count: 12)
        let quarterly = StaticPolicy(name: "q", targets: [0.5, 0.5], review: .calendar(months: 3))
        let never = StaticPolicy(name: "n", targets: [0.5, 0.5], review: .never)
        let free = AccountRules(initialWealth: 1, expenseRatios: [0, 0], costRates: [0.001, 0.001])
        let q = try runAccount(quarterly, returns: returns, rules: free)
        let n = try runAccount(never, returns: returns, rules: free)
        #expect(n.outcome.turnover == 0)
        // Buy and hold: 0.5 * 1.05^12 + 0.5 * 0.98^12
        #expect(abs(n.outcome.terminalWealth - (0.5 * pow(1.05, 12) + 0.5 * pow(0.98, 12))) < 1e-12)
        // Months 0-1 and 3-4 drift identically in both; month 2's return includes the first trade's cost.
        #expect(q.returns[0] == n.returns[0] && q.returns[1] == n.returns[1])
        #expect(q.returns[2] < n.returns[2])
        #expect(q.outcome.turnover > 0)
    }

    @Test func bandsTradeOnlyWhenAWeightLeavesItsBand() throws {
        let free = AccountRules(initialWealth: 1, expenseRatios: [0, 0], costRates: [0, 0])
        let banded = StaticPolicy(name: "b", targets: [0.5, 0.5], review: .bands(absolute: 0.05, relative: nil))
        // After +9% / -9% the weights are 0.545 / 0.455: inside the band, no trade.
        let inside = try runAccount(banded, returns: [[0.09, -0.09], [0, 0]], rules: free)
        #expect(inside.outcome.turnover == 0)
        // A little further and it trades back to 50/50.
        let beyond = try runAccount(banded, returns: [[0.11, -0.10], [0.2, 0]], rules: free)
        #expect(beyond.outcome.turnover > 0)
        #expect(abs(beyond.returns[1] - 0.1) < 1e-12)  // month 1 starts from 50/50
        // A relative band of 20% on a 0.2 target trips at a 0.04 deviation.
        let relative = StaticPolicy(name: "r", targets: [0.2, 0.8], review: .bands(absolute: nil, relative: 0.2))
        let small = try runAccount(relative, returns: [[0.25, 0]], rules: free)  // weight 0.25/1.05 = 0.238
        #expect(small.outcome.turnover == 0)
        let large = try runAccount(relative, returns: [[0.35, 0]], rules: free)  // 0.27/1.07 = 0.252
        #expect(large.outcome.turnover > 0)
    }

    @Test func contributionsAreNotReturnsAndInflationIndexingGrowsThem() throws {
        let flows = AccountRules(
            initialWealth: 100, expenseRatios: [0, 0], costRates: [0, 0],
            cashFlow: CashFlowPlan(monthlyAmount: 10, inflationAnnual: 0.12))
        let hold = StaticPolicy(name: "h", targets: [0.5, 0.5], review: .never)
        let (net, outcome) = try runAccount(hold, returns: Array(repeating: [0, 0], count: 24), rules: flows)
        #expect(net.allSatisfy { abs($0) < 1e-15 })
        let expected = 100 + (0..<24).reduce(0.0) { $0 + 10 * pow(1.12, Double($1) / 12) }
        #expect(abs(outcome.terminalWealth - expected) < 1e-9)
        #expect(abs(outcome.netInvested - expected) < 1e-9)
    }

    @Test func contributionsPayTheirOwnCostsAndNeverPushReturnsBelowMinusOne() throws {
        // A contribution 5000 times the account: 10 bps of it is 5, paid from the flow, not the return.
        let flows = AccountRules(
            initialWealth: 1, expenseRatios: [0], costRates: [0.001], cashFlow: CashFlowPlan(monthlyAmount: 5000))
        let hold = StaticPolicy(name: "h", targets: [1], review: .never)
        let (net, outcome) = try runAccount(hold, returns: [[0.01], [0.01]], rules: flows)
        #expect(abs(net[0] - 0.01) < 1e-12 && abs(net[1] - 0.01) < 1e-12)
        #expect(abs(outcome.terminalWealth - ((1.01 + 4995) * 1.01 + 4995)) < 1e-9)
        #expect(outcome.netInvested == 10_001)
    }

    @Test func withdrawalsStopAtZeroWealthAndOnlyWhatWasPaidCounts() throws {
        let withdrawals = AccountRules(
            initialWealth: 100, expenseRatios: [0], costRates: [0], cashFlow: CashFlowPlan(monthlyAmount: -30))
        let hold = StaticPolicy(name: "h", targets: [1], review: .never)
        let (net, outcome) = try runAccount(hold, returns: Array(repeating: [0.0], count: 6), rules: withdrawals)
        #expect(outcome.terminalWealth == 0)
        // Emptied in month 3 (the fourth): the path ends there; the months after it have no return.
        #expect(outcome.depletedMonth == 3 && outcome.activeMonths == 4)
        #expect(net[0..<4].allSatisfy { $0 == 0 } && net[4...].allSatisfy(\.isNaN))
        // 30 + 30 + 30 + 10 were paid out of 100: nothing gained, nothing lost.
        #expect(outcome.netInvested == 0)
    }

    @Test func withdrawalsPayTheirCostsOutOfWhatIsPaidOut() throws {
        let withdrawals = AccountRules(
            initialWealth: 100, expenseRatios: [0], costRates: [0.01], cashFlow: CashFlowPlan(monthlyAmount: -10))
        let hold = StaticPolicy(name: "h", targets: [1], review: .never)
        let (net, outcome) = try runAccount(hold, returns: [[0.0]], rules: withdrawals)
        #expect(abs(outcome.terminalWealth - 90) < 1e-12)
        #expect(net[0] == 0)
        #expect(abs(outcome.netInvested - 90.1) < 1e-12)  // 9.90 reached the investor
    }
}
