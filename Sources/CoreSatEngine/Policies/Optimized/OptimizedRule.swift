import Optimizer

/// A rotation rule that splits the satellite sleeve by a portfolio optimizer, re-solved at every
/// review from estimates of the rotating satellites' monthly returns over a trailing window of the
/// path's own past (warm-up months first), so estimation error shows in the outcomes; or from the
/// market's true parameters (`KnownMarket`: the path's own drifts, and with regimes next month's
/// moments given the true regime of the month just ended), the perfect-knowledge upper bound.
///
/// Weights, bounds and groups are fractions of the sleeve. Rates and volatilities are monthly here
/// (the loader converts annual figures: returns / 12, volatilities / √12). A window whose estimate
/// cannot be optimized (a singular covariance for a problem that needs it definite, constraints no
/// weights meet) holds the latest optimized sleeve, or the base sleeve before there is one, and
/// counts as a fallback.
public struct OptimizedRule: SleeveRule {
    public var objective: PortfolioObjective
    public var constraints: PortfolioConstraints
    public var estimates: Estimates
    /// Names of the rotating satellites, for the optimizer's messages.
    public var names: [String]

    /// Where the optimizer's expected returns and covariance come from.
    public enum Estimates: Sendable {
        /// Estimated from the trailing `window` months of the path.
        case trailing(window: Int, estimator: CovarianceEstimator)
        /// The market's true parameters, with the true regime of the month just ended.
        case known(KnownMarket)
        /// The market's true parameters, with the regime probabilities a Hamilton filter reads from
        /// the returns (the market's nominal parameters): perfect knowledge of the model, not of the
        /// regime.
        case knownFiltered(KnownMarket, RegimeFilterModel)
        /// None: the objective reads no moments (maximum factor exposure).
        case none
    }

    public init(objective: PortfolioObjective, constraints: PortfolioConstraints, estimates: Estimates, names: [String]) {
        self.objective = objective
        self.constraints = constraints
        self.estimates = estimates
        self.names = names
    }

    public init(
        objective: PortfolioObjective, constraints: PortfolioConstraints, window: Int, estimator: CovarianceEstimator,
        names: [String]
    ) {
        self.init(
            objective: objective, constraints: constraints, estimates: .trailing(window: window, estimator: estimator),
            names: names)
    }

    public var knowsParameters: Bool {
        switch estimates {
        case .known, .knownFiltered: true
        case .trailing, .none: false
        }
    }

    /// Perfect knowledge of a regime-switching market includes the regime of the month just ended.
    public var regimeAccess: RegimeAccess {
        if case .known(let market) = estimates, market.regimeCount > 1 { return .known(lag: 0) }
        return .none
    }

    /// The selector keeps its own running moments; the shared memory records nothing for it.
    public func needs(_ plan: SleevePlan) -> SignalMemory.Needs { SignalMemory.Needs(months: 0) }

    public func makeSelector(_ plan: SleevePlan) -> any SleeveSelector { OptimizedSelector(rule: self, plan: plan) }
}

final class OptimizedSelector: SleeveSelector {
    let rule: OptimizedRule
    let plan: SleevePlan
    /// The trailing window's running sums, or the known market.
    let moments: RunningMoments?
    let known: KnownMarket?
    /// With a filtered regime: the filter, and next month's regime probabilities.
    let filter: HamiltonFilter?
    let shares: UnsafeMutablePointer<Double>
    let window: Int
    let optimizer = PortfolioOptimizer()
    var inputs: PortfolioInputs
    /// The rule's constraints, with the current sleeve written in when turnover is limited.
    var constraints: PortfolioConstraints
    /// One month of the rotating satellites' returns, and the latest optimized sleeve.
    let row: UnsafeMutablePointer<Double>
    let mean, covariance: UnsafeMutablePointer<Double>
    var latest: [Double]
    var hasOptimized = false

    init(rule: OptimizedRule, plan: SleevePlan) {
        self.rule = rule
        self.plan = plan
        let u = plan.universe.count
        switch rule.estimates {
        case .trailing(let window, let estimator):
            moments = RunningMoments(assets: u, window: window, estimator: estimator)
            known = nil
            self.window = window
            filter = nil
        case .known(let market):
            moments = nil
            known = market
            window = 0
            filter = nil
        case .knownFiltered(let market, let model):
            moments = nil
            known = market
            window = 0
            filter = HamiltonFilter(model: model)
        case .none:
            moments = nil
            known = nil
            window = 0
            filter = nil
        }
        let regimes = max(known?.regimeCount ?? 1, 1)
        shares = .allocate(capacity: regimes)
        shares.initialize(repeating: 0, count: regimes)
        inputs = PortfolioInputs(
            names: rule.names, mean: Array(repeating: 0, count: u), covariance: Array(repeating: 0, count: u * u))
        row = .allocate(capacity: u)
        row.initialize(repeating: 0, count: u)
        mean = .allocate(capacity: u)
        mean.initialize(repeating: 0, count: u)
        covariance = .allocate(capacity: u * u)
        covariance.initialize(repeating: 0, count: u * u)
        latest = plan.baseSleeve
        constraints = rule.constraints
    }

    deinit {
        row.deallocate()
        shares.deallocate()
        mean.deallocate()
        covariance.deallocate()
    }

    func reset() {
        moments?.reset()
        filter?.reset()
        latest = plan.baseSleeve
        hasOptimized = false
    }

    func observe(_ view: PolicyView, month: Int, memory: SignalMemory) {
        filter?.update(logReturns: view.assetLogReturns(month: month))
        guard let moments else { return }
        for (a, i) in plan.universe.enumerated() { row[a] = view.assetReturn(month: month, i) }
        moments.append(row)
    }

    func choose(_ view: PolicyView, memory: SignalMemory, sleeve: UnsafeMutableBufferPointer<Double>) -> SleeveChoice {
        if case .none = rule.estimates, hasOptimized {
            // Nothing the answer depends on has changed (maximum factor exposure reads no estimates).
            for a in sleeve.indices { sleeve[a] = latest[a] }
            return .chosen
        }
        if let moments {
            guard moments.count >= window else { return .wait }
            moments.estimate(mean: mean, covariance: covariance)
        } else if let known, let filter {
            known.predictiveMoments(
                logMeans: view.pathLogMeans, belief: filter.probabilities, universe: plan.universe, mean: mean,
                covariance: covariance, scratch: row, shares: shares)
        } else if let known {
            let regime = known.regimeCount > 1 ? view.regime(month: view.month) : 0
            known.predictiveMoments(
                logMeans: view.pathLogMeans, regime: regime, universe: plan.universe, mean: mean, covariance: covariance,
                scratch: row)
        }
        let u = plan.universe.count
        inputs.mean.withUnsafeMutableBufferPointer { $0.baseAddress?.update(from: mean, count: u) }
        inputs.covariance.withUnsafeMutableBufferPointer { $0.baseAddress?.update(from: covariance, count: u * u) }
        if constraints.turnover != nil { holdCurrentSleeve(view) }
        let status = optimizer.solve(rule.objective, inputs: inputs, constraints: constraints, warmStart: hasOptimized)
        if status == .optimal {
            let w = optimizer.weights
            for a in latest.indices { latest[a] = max(w[a], 0) }
            hasOptimized = true
        }
        for a in sleeve.indices { sleeve[a] = latest[a] }
        return status == .optimal ? .chosen : .fallback
    }

    /// The sleeve as held now, as fractions of itself: drift or a volatility target may have left it
    /// summing to other than 1, and the turnover limit is on how the sleeve is split.
    private func holdCurrentSleeve(_ view: PolicyView) {
        var total = 0.0
        for i in plan.universe { total += view.weight(i) }
        for (a, i) in plan.universe.enumerated() {
            constraints.turnover?.current[a] = total > 0 ? view.weight(i) / total : plan.baseSleeve[a]
        }
    }
}
