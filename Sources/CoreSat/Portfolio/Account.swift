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
        let review = policy.review
        let fixedTargets = policy.hasFixedTargets
        var value = rules.initialWealth
        for i in 0..<n {
            holdings[i] = initialWeights[i] * value
            target[i] = initialWeights[i]
        }
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
                            let (gross, grown) = Self.grow(h, returns: r, fees: fee)
                            var end = grown
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
                            if end > 0 && review.isDue(month: t, holdings: h, value: end, targets: w)
                                && (fixedTargets || policy.targetWeights(
                                    PolicyContext(
                                        month: t, holdings: UnsafeBufferPointer(h), value: end,
                                        returns: returns.baseAddress!, regimes: regimes.baseAddress!),
                                    into: w))
                            {
                                let (traded, tradeCost) = Self.trades(from: h, to: w, value: end, costs: cost)
                                costs += tradeCost
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

    // The two loops below run for every asset, month, policy and path. Each keeps two partial sums
    // so that consecutive adds do not wait on each other.

    /// h_i <- h_i (1 + r_i) fee_i; returns sum h_i (1 + r_i) (before fees) and the new sum h_i.
    @inline(__always) static func grow(
        _ h: UnsafeMutableBufferPointer<Double>, returns r: UnsafePointer<Double>, fees: UnsafeBufferPointer<Double>
    ) -> (gross: Double, net: Double) {
        var gross = (0.0, 0.0), net = (0.0, 0.0)
        var i = 0
        while i + 1 < h.count {
            let a = h[i] * (1 + r[i]), b = h[i + 1] * (1 + r[i + 1])
            gross.0 += a
            gross.1 += b
            h[i] = a * fees[i]
            h[i + 1] = b * fees[i + 1]
            net.0 += h[i]
            net.1 += h[i + 1]
            i += 2
        }
        if i < h.count {
            let a = h[i] * (1 + r[i])
            gross.0 += a
            h[i] = a * fees[i]
            net.0 += h[i]
        }
        return (gross.0 + gross.1, net.0 + net.1)
    }

    /// Trading from h to w x value: sum |trade_i| and sum cost_i |trade_i|.
    @inline(__always) static func trades(
        from h: UnsafeMutableBufferPointer<Double>, to w: UnsafeMutableBufferPointer<Double>, value: Double,
        costs c: UnsafeBufferPointer<Double>
    ) -> (traded: Double, cost: Double) {
        var traded = (0.0, 0.0), cost = (0.0, 0.0)
        var i = 0
        while i + 1 < h.count {
            let a = abs(w[i] * value - h[i]), b = abs(w[i + 1] * value - h[i + 1])
            traded.0 += a
            traded.1 += b
            cost.0 += a * c[i]
            cost.1 += b * c[i + 1]
            i += 2
        }
        if i < h.count {
            let a = abs(w[i] * value - h[i])
            traded.0 += a
            cost.0 += a * c[i]
        }
        return (traded.0 + traded.1, cost.0 + cost.1)
    }
}
