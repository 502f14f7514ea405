/// What one policy did on one path, besides its monthly returns.
public struct AccountOutcome: Sendable {
    public var terminalWealth: Double
    /// Product of (1 + return before fees and trading costs) over the months.
    public var grossGrowth: Double
    /// Sum over rebalances of one-sided traded value / portfolio value.
    public var turnover: Double
}

/// Runs one policy over one path: returns and fees accrue, cash flows are traded pro rata, the policy
/// may rebalance, and costs are paid. Holds per-worker scratch space so the loop never allocates.
///
/// Month t: h_i <- h_i (1 + r_i)(1 - er_i/12); V = sum h. Cash flow F is bought or sold in proportion
/// to current holdings. If the policy trades, cost = sum c_i |w*_i V - h_i| and h_i <- w*_i (V - cost).
/// Net return r_t = (V - costs) / V_start - 1, so flows never count as return.
struct Account {
    let rules: AccountRules
    let feeFactors: [Double]
    let cashFlows: [Double]
    var holdings: [Double]
    var target: [Double]

    init(rules: AccountRules, months: Int) {
        self.rules = rules
        feeFactors = rules.feeFactors
        cashFlows = (0..<months).map { rules.cashFlow?.amount(month: $0) ?? 0 }
        holdings = Array(repeating: 0, count: rules.expenseRatios.count)
        target = holdings
    }

    mutating func run(
        _ policy: any Policy, months: Int,
        returns: UnsafeBufferPointer<Double>, regimes: UnsafeBufferPointer<Int32>,
        netReturns: UnsafeMutableBufferPointer<Double>
    ) -> AccountOutcome {
        let n = holdings.count
        let initialWeights = policy.initialWeights
        var value = rules.initialWealth
        for i in 0..<n { holdings[i] = initialWeights[i] * value }
        var grossGrowth = 1.0
        var turnover = 0.0
        let hasFlows = rules.cashFlow != nil
        feeFactors.withUnsafeBufferPointer { fee in
            rules.costRates.withUnsafeBufferPointer { cost in
                holdings.withUnsafeMutableBufferPointer { h in
                    target.withUnsafeMutableBufferPointer { w in
                        for t in 0..<months {
                            let start = value
                            if start <= 0 {
                                netReturns[t] = 0
                                continue
                            }
                            let inverseStart = 1 / start  // one division instead of two
                            let r = returns.baseAddress! + t * n
                            var gross = 0.0
                            var end = 0.0
                            for i in 0..<n {
                                let grown = h[i] * (1 + r[i])
                                gross += grown
                                h[i] = grown * fee[i]
                                end += h[i]
                            }
                            grossGrowth *= gross * inverseStart
                            var costs = 0.0
                            var flow = 0.0
                            if hasFlows {
                                flow = max(cashFlows[t], -end)  // cannot withdraw more than is there
                                if end > 0 {
                                    for i in 0..<n {
                                        let trade = flow * h[i] / end
                                        costs += cost[i] * abs(trade)
                                        h[i] += trade
                                    }
                                }
                                end += flow
                            }
                            let context = PolicyContext(
                                month: t, holdings: UnsafeBufferPointer(h), value: end,
                                pastReturns: UnsafeBufferPointer(rebasing: returns[0..<((t + 1) * n)]),
                                pastRegimes: UnsafeBufferPointer(rebasing: regimes[0...t]))
                            if end > 0 && policy.rebalance(context, target: w) {
                                var traded = 0.0
                                for i in 0..<n {
                                    let trade = abs(w[i] * end - h[i])
                                    traded += trade
                                    costs += cost[i] * trade
                                }
                                turnover += traded / 2 / end
                                let investable = max(end - costs, 0)
                                for i in 0..<n { h[i] = w[i] * investable }
                            } else if costs > 0 && end > 0 {
                                let scale = max(end - costs, 0) / end
                                for i in 0..<n { h[i] *= scale }
                            }
                            value = max(end - costs, 0)
                            if value == 0 { for i in 0..<n { h[i] = 0 } }
                            netReturns[t] = (value - flow) * inverseStart - 1
                        }
                    }
                }
            }
        }
        return AccountOutcome(terminalWealth: value, grossGrowth: grossGrowth, turnover: turnover)
    }
}
