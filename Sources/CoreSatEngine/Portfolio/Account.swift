/// What one policy did on one path, besides its monthly returns.
public struct AccountOutcome: Sendable {
    public var terminalWealth: Double
    /// Product of (1 + return before fees and trading costs) over the months.
    public var grossGrowth: Double
    /// Sum over rebalances of one-sided traded value / portfolio value.
    public var turnover: Double
    /// Money put in minus money taken out: initial wealth plus contributions, less what
    /// withdrawals actually paid (they stop when the account is empty).
    public var netInvested: Double
}

/// Runs one policy over one path: returns and fees accrue, cash flows are traded pro rata, the policy
/// may rebalance, and costs are paid. Owns per-worker scratch space so the loop never allocates.
///
/// Month t: h_i <- h_i (1 + r_i)(1 - er_i/12); V = sum h. Cash flow F is bought or sold in proportion
/// to current holdings, its trading costs paid out of the flow. If the policy trades,
/// cost = sum c_i |w*_i V - h_i| and h_i <- w*_i (V - cost). Net return
/// r_t = (V - rebalancing cost) / V_start - 1, so flows never count as return.
///
/// A policy with fixed targets never holds an asset whose target is zero (returns, flows and
/// rebalances all keep a zero holding at zero), so its run only works on the assets it holds.
final class Account {
    let rules: AccountRules
    let assetCount: Int
    let cashFlows: [Double]
    /// Scratch, `assetCount` long, for the assets the current run works on: their indices,
    /// holdings, targets, tolerance bands, fee factors, cost rates and this month's returns.
    let assets: UnsafeMutablePointer<Int>
    let h, w, band, fee, cost, row: UnsafeMutablePointer<Double>

    init(rules: AccountRules, months: Int) {
        self.rules = rules
        assetCount = rules.expenseRatios.count
        cashFlows = (0..<months).map { rules.cashFlow?.amount(month: $0) ?? 0 }
        assets = .allocate(capacity: assetCount)
        h = .allocate(capacity: assetCount)
        w = .allocate(capacity: assetCount)
        band = .allocate(capacity: assetCount)
        fee = .allocate(capacity: assetCount)
        cost = .allocate(capacity: assetCount)
        row = .allocate(capacity: assetCount)
    }

    deinit {
        for p in [h, w, band, fee, cost, row] { p.deallocate() }
        assets.deallocate()
    }

    func run(
        _ policy: any Policy, months: Int,
        returns: UnsafeBufferPointer<Double>, regimes: UnsafeBufferPointer<Int32>,
        netReturns: UnsafeMutableBufferPointer<Double>
    ) -> AccountOutcome {
        let all = assetCount
        let initialWeights = policy.initialWeights
        let review = policy.review
        let fixedTargets = policy.hasFixedTargets
        var n = 0
        for i in 0..<all where !fixedTargets || initialWeights[i] != 0 {
            assets[n] = i
            w[n] = initialWeights[i]
            band[n] = review.band(target: w[n])
            h[n] = initialWeights[i] * rules.initialWealth
            fee[n] = 1 - rules.expenseRatios[i] / 12
            cost[n] = rules.costRates[i]
            n += 1
        }
        let dense = n == all
        var value = rules.initialWealth
        var grossGrowth = 1.0
        var turnover = 0.0
        var netInvested = rules.initialWealth
        let hasFlows = rules.cashFlow != nil
        for t in 0..<months {
            let start = value
            if start <= 0 {
                netReturns[t] = 0
                continue
            }
            let inverseStart = 1 / start  // one division instead of two
            var r = returns.baseAddress! + t * all
            if !dense {
                for k in 0..<n { row[k] = r[assets[k]] }
                r = UnsafePointer(row)
            }
            var gross = 0.0
            var end = 0.0
            for k in 0..<n {
                let grown = h[k] * (1 + r[k])
                gross += grown
                h[k] = grown * fee[k]
                end += h[k]
            }
            grossGrowth *= gross * inverseStart
            // Cash flows are traded pro rata and pay their own costs: a contribution invests what
            // is left after costs, a withdrawal hands out what is left after costs. Neither is return.
            var flowIntoPortfolio = 0.0
            if hasFlows && end > 0 {
                let flow = max(cashFlows[t], -end)  // cannot withdraw more than is there
                var flowCosts = 0.0
                for k in 0..<n {
                    let trade = flow * h[k] / end
                    let tradeCost = cost[k] * abs(trade)
                    flowCosts += tradeCost
                    h[k] += flow > 0 ? trade - tradeCost : trade
                }
                flowIntoPortfolio = flow > 0 ? flow - flowCosts : flow
                netInvested += flow > 0 ? flow : flow + flowCosts
                end += flowIntoPortfolio
            }
            var costs = 0.0
            if end > 0 && review.isDue(month: t, holdings: h, targets: w, bands: band, count: n, value: end)
                && (fixedTargets || newTargets(policy, month: t, value: end, returns: returns, regimes: regimes))
            {
                var traded = 0.0
                for k in 0..<n {
                    let trade = abs(w[k] * end - h[k])
                    traded += trade
                    costs += cost[k] * trade
                }
                turnover += traded / 2 / end
                let investable = max(end - costs, 0)
                for k in 0..<n { h[k] = w[k] * investable }
            }
            value = max(end - costs, 0)
            if value == 0 { for k in 0..<n { h[k] = 0 } }
            netReturns[t] = (value - flowIntoPortfolio) * inverseStart - 1
        }
        return AccountOutcome(terminalWealth: value, grossGrowth: grossGrowth, turnover: turnover, netInvested: netInvested)
    }

    /// Asks a policy with moving targets for new ones, and moves the tolerance bands with them.
    private func newTargets(
        _ policy: any Policy, month: Int, value: Double, returns: UnsafeBufferPointer<Double>,
        regimes: UnsafeBufferPointer<Int32>
    ) -> Bool {
        let context = PolicyContext(
            month: month, holdings: UnsafeBufferPointer(start: h, count: assetCount), value: value,
            returns: returns.baseAddress!, regimes: regimes.baseAddress!)
        guard policy.targetWeights(context, into: UnsafeMutableBufferPointer(start: w, count: assetCount)) else {
            return false
        }
        for k in 0..<assetCount { band[k] = policy.review.band(target: w[k]) }
        return true
    }
}
