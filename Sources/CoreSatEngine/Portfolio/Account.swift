/// What one policy did on one path, besides its monthly returns.
public struct AccountOutcome: Sendable {
    public var terminalWealth: Double
    /// Product of (1 + return before fees and trading costs) over the active months.
    public var grossGrowth: Double
    /// Sum over rebalances of one-sided traded value / portfolio value.
    public var turnover: Double
    /// Money put in minus money taken out: initial wealth plus contributions, less what
    /// withdrawals actually paid (they stop when the account is empty).
    public var netInvested: Double
    /// Months with a return: all of them, or up to and including the month the account emptied.
    public var activeMonths: Int
    /// The month (0-based) in which withdrawals or losses emptied the account, if they did.
    public var depletedMonth: Int?
    /// Reviews at which the policy's runner was asked, and how many of its answers were fallbacks.
    public var decisions: Int
    public var fallbacks: Int
}

/// One path's market as the account reads it: `warmUpMonths + months` rows of simple returns (and
/// the same as log returns), one column per asset, and a regime label per row. Month t is row
/// `warmUpMonths + t`.
struct PathMarket {
    let returns: UnsafePointer<Double>
    let logReturns: UnsafePointer<Double>
    let regimes: UnsafePointer<Int32>
    /// The path's mean log returns ([regime][asset]) when some policy knows the parameters.
    var logMeans: UnsafePointer<Double>? = nil
    let warmUpMonths: Int
    let months: Int
}

/// Runs one policy over one path: returns and fees accrue, cash flows are traded pro rata, the policy
/// may rebalance, and costs are paid. Owns per-worker scratch space so the loop never allocates.
///
/// Month t: h_i <- h_i (1 + r_i)(1 - er_i/12); V = sum h. Cash flow F is bought or sold in proportion
/// to current holdings, its trading costs paid out of the flow. If the policy trades,
/// cost = sum c_i |w*_i V - h_i| and h_i <- w*_i (V - cost). Net return
/// r_t = (V - rebalancing cost) / V_start - 1, so flows never count as return. Once the account is
/// empty the path ends for this policy: later months have no return.
///
/// A policy without a runner has fixed targets and never holds an asset whose target is zero
/// (returns, flows and rebalances all keep a zero holding at zero), so its run only works on the
/// assets it holds and makes no call into the policy. A policy with a runner sees every month end
/// and answers the reviews; its targets are checked before they are copied.
///
/// Given a `RegimeLedger`, it also adds up each month's returns, turnover, satellite contribution
/// and start weights per regime bucket, and notes the runner's regime belief; without one (a
/// one-regime market) the loop does none of that.
final class Account {
    let rules: AccountRules
    let assetCount: Int
    let assetNames: [String]
    let cashFlows: [Double]
    /// Scratch, `assetCount` long, for the assets the current run works on: their indices,
    /// holdings, targets, tolerance bands, fee factors, cost rates and this month's returns.
    let assets: UnsafeMutablePointer<Int>
    let h, w, band, fee, cost, row: UnsafeMutablePointer<Double>
    /// For a ledger: the satellites the run holds, as places in `h` and among the satellites.
    let satelliteAt, satelliteSlot: UnsafeMutablePointer<Int>
    /// Where a runner writes its targets. (The account belongs to one worker: no exclusivity
    /// checks on a buffer written at every review.)
    @exclusivity(unchecked) var proposed: [Double]

    init(rules: AccountRules, assetNames: [String], months: Int) {
        self.rules = rules
        self.assetNames = assetNames
        assetCount = rules.expenseRatios.count
        cashFlows = (0..<months).map { rules.cashFlow?.amount(month: $0) ?? 0 }
        assets = .allocate(capacity: assetCount)
        h = .allocate(capacity: assetCount)
        w = .allocate(capacity: assetCount)
        band = .allocate(capacity: assetCount)
        fee = .allocate(capacity: assetCount)
        cost = .allocate(capacity: assetCount)
        row = .allocate(capacity: assetCount)
        satelliteAt = .allocate(capacity: assetCount)
        satelliteSlot = .allocate(capacity: assetCount)
        proposed = Array(repeating: 0, count: assetCount)
    }

    deinit {
        for p in [h, w, band, fee, cost, row] { p.deallocate() }
        for p in [assets, satelliteAt, satelliteSlot] { p.deallocate() }
    }

    /// - Parameters:
    ///   - wealth: receives the value at the end of each month of `wealthGrid` (months 1...months).
    ///   - path: the global path index, for error messages.
    ///   - ledger: where to add up each month for the per-regime figures; nil: nowhere.
    ///   - monthlyWeights: receives each month's weights after any trade (months x all assets; zero
    ///     once the account is empty); nil: kept nowhere (only a backtest's record keeps them).
    func run(
        _ policy: any Policy, runner: (any PolicyRunner)?, market: PathMarket, path: Int,
        netReturns: UnsafeMutablePointer<Double>, wealthGrid: [Int], wealth: UnsafeMutablePointer<Double>,
        ledger: RegimeLedger? = nil, monthlyWeights: UnsafeMutablePointer<Double>? = nil
    ) throws(PolicyFailure) -> AccountOutcome {
        let all = assetCount
        let initialWeights = policy.initialWeights
        let review = policy.review
        var n = 0
        for i in 0..<all where runner != nil || initialWeights[i] != 0 {
            assets[n] = i
            w[n] = initialWeights[i]
            band[n] = review.band(target: w[n])
            h[n] = initialWeights[i] * rules.initialWealth
            fee[n] = 1 - rules.expenseRatios[i] / 12
            cost[n] = rules.costRates[i]
            n += 1
        }
        // Two copies of the loop, by specialisation: one that records nothing (a one-regime
        // market), and one that adds each month to the ledger.
        guard let ledger else {
            var nothing = NoMonthRecord()
            return try run(policy, runner: runner, market: market, path: path, netReturns: netReturns,
                wealthGrid: wealthGrid, wealth: wealth, monthlyWeights: monthlyWeights, working: n, recording: &nothing)
        }
        var satellites = 0
        for k in 0..<n where ledger.satelliteSlot[assets[k]] >= 0 {
            satelliteAt[satellites] = k
            satelliteSlot[satellites] = ledger.satelliteSlot[assets[k]]
            satellites += 1
        }
        var cursor = RegimeLedger.Cursor(
            ledger, satellites: satellites, at: satelliteAt, slots: satelliteSlot, beliefs: policy.classifiesRegimes)
        return try run(policy, runner: runner, market: market, path: path, netReturns: netReturns,
            wealthGrid: wealthGrid, wealth: wealth, monthlyWeights: monthlyWeights, working: n, recording: &cursor)
    }

    /// The months of a run, on the `n` assets set up in the scratch space.
    private func run<Record: MonthRecord>(
        _ policy: any Policy, runner: (any PolicyRunner)?, market: PathMarket, path: Int,
        netReturns: UnsafeMutablePointer<Double>, wealthGrid: [Int], wealth: UnsafeMutablePointer<Double>,
        monthlyWeights: UnsafeMutablePointer<Double>?, working n: Int, recording: inout Record
    ) throws(PolicyFailure) -> AccountOutcome {
        let all = assetCount
        let months = market.months
        let review = policy.review
        let dense = n == all
        var value = rules.initialWealth
        var outcome = AccountOutcome(
            terminalWealth: value, grossGrowth: 1, turnover: 0, netInvested: value, activeMonths: months,
            depletedMonth: nil, decisions: 0, fallbacks: 0)
        let hasFlows = rules.cashFlow != nil
        var nextGrid = 0
        var nextGridMonth = wealthGrid.first ?? 0  // month 0 never comes: no grid, no work
        let access = policy.regimeAccess
        let bounds = policy.bounds
        let logMeans = policy.knowsParameters ? market.logMeans : nil
        func view(_ t: Int, _ value: Double) -> PolicyView {
            PolicyView(
                month: t, warmUpMonths: market.warmUpMonths, assetCount: all, value: value, returns: market.returns,
                logReturns: market.logReturns, regimes: market.regimes, access: access, holdings: h, netReturns: netReturns,
                logMeans: logMeans)
        }
        runner?.reset(view(-1, value))
        monthlyWeights?.update(repeating: 0, count: months * all)
        for t in 0..<months {
            let start = value
            let inverseStart = 1 / start  // one division instead of two
            var r = market.returns + (market.warmUpMonths + t) * all
            if !dense {
                for k in 0..<n { row[k] = r[assets[k]] }
                r = UnsafePointer(row)
            }
            var gross = 0.0
            var end = 0.0
            let satelliteGain = recording.begin(month: t, h: h, r: r, inverseStart: inverseStart)
            for k in 0..<n {
                let grown = h[k] * (1 + r[k])
                gross += grown
                h[k] = grown * fee[k]
                end += h[k]
            }
            outcome.grossGrowth *= gross * inverseStart
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
                outcome.netInvested += flow > 0 ? flow : flow + flowCosts
                end += flowIntoPortfolio
            }
            var trades = false
            if let runner {
                netReturns[t] = (end - flowIntoPortfolio) * inverseStart - 1  // before the trade
                let now = view(t, end)
                runner.observe(now)
                if recording.notesBeliefs { recording.note(belief: runner.regimeBelief, month: t) }
                if end > 0 && review.isDue(month: t, holdings: h, targets: w, bands: band, count: n, value: end) {
                    trades = try decide(policy, runner, now, review: review, bounds: bounds, path: path, &outcome)
                }
            } else {
                trades = end > 0 && review.isDue(month: t, holdings: h, targets: w, bands: band, count: n, value: end)
            }
            var costs = 0.0
            var turnover = 0.0
            if trades {
                var traded = 0.0
                for k in 0..<n {
                    let trade = abs(w[k] * end - h[k])
                    traded += trade
                    costs += cost[k] * trade
                }
                turnover = traded / 2 / end
                outcome.turnover += turnover
                let investable = max(end - costs, 0)
                for k in 0..<n { h[k] = w[k] * investable }
            }
            value = max(end - costs, 0)
            netReturns[t] = (value - flowIntoPortfolio) * inverseStart - 1
            recording.end(netReturn: netReturns[t], grossReturn: gross * inverseStart - 1, turnover: turnover, satellite: satelliteGain)
            if let monthlyWeights, value > 0 {
                let row = monthlyWeights + t * all
                for k in 0..<n { row[assets[k]] = h[k] / value }
            }
            if t + 1 == nextGridMonth {
                wealth[nextGrid] = value
                nextGrid += 1
                nextGridMonth = nextGrid < wealthGrid.count ? wealthGrid[nextGrid] : 0
            }
            if value == 0 {
                outcome.activeMonths = t + 1
                outcome.depletedMonth = t
                break
            }
        }
        recording.finish()
        while nextGrid < wealthGrid.count {  // an emptied account stays empty
            wealth[nextGrid] = 0
            nextGrid += 1
        }
        outcome.terminalWealth = value
        return outcome
    }

    /// Asks a runner for targets; checks and copies them, and moves the tolerance bands with them.
    /// `review` and `bounds` are the policy's, read once per path.
    private func decide(
        _ policy: any Policy, _ runner: any PolicyRunner, _ view: PolicyView, review: RebalanceRule, bounds: WeightBounds,
        path: Int, _ outcome: inout AccountOutcome
    ) throws(PolicyFailure) -> Bool {
        let decision = runner.decide(view, targets: &proposed)
        outcome.decisions += 1
        if decision.isFallback { outcome.fallbacks += 1 }
        guard decision.trade else { return false }
        if proposed.count != assetCount {
            throw PolicyFailure(policy: policy.name, path: path, month: view.month,
                reason: "\(proposed.count) weights for \(assetCount) assets")
        }
        let problem = proposed.withUnsafeBufferPointer { (targets) -> String? in
            if let problem = bounds.problem(targets, name: { assetNames[$0] }) { return problem }
            for k in 0..<targets.count {
                w[k] = targets[k]
                band[k] = review.band(target: w[k])
            }
            return nil
        }
        if let problem { throw PolicyFailure(policy: policy.name, path: path, month: view.month, reason: problem) }
        return true
    }
}
