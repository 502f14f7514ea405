import CoreSatEngine
import Optimizer

/// `kind: optimize`: the sleeve split by a portfolio optimizer re-solved at each review from a
/// trailing window of the path's own returns, or from the market's true parameters. Bounds and groups are fractions of the sleeve; annual
/// figures in the file become monthly (returns / 12, volatilities / √12).
enum OptimizeLoader {
    static let keys = [
        "objective", "estimates", "regime", "window_months", "covariance", "half_life_months", "min_weight", "max_weight", "bounds", "groups",
        "turnover", "exposures", "maximize", "neutral", "tolerance",
        "risk_aversion", "target_return", "target_volatility", "tracking_error", "risk_free", "budgets",
    ]

    enum Objective: String, CaseIterable {
        case minimumVariance = "minimum-variance"
        case maximumSharpe = "maximum-sharpe"
        case meanVariance = "mean-variance"
        case targetReturn = "target-return"
        case targetVolatility = "target-volatility"
        case riskParity = "risk-parity"
        case riskBudget = "risk-budget"
        case maximumDiversification = "maximum-diversification"
        case trackingError = "tracking-error"
        case factorExposure = "factor-exposure"

        /// The settings only this objective reads.
        var ownKeys: [String] {
            switch self {
            case .maximumSharpe: ["risk_free"]
            case .meanVariance: ["risk_aversion"]
            case .targetReturn: ["target_return"]
            case .targetVolatility: ["target_volatility"]
            case .riskBudget: ["budgets"]
            case .trackingError: ["tracking_error"]
            case .factorExposure: ["exposures", "maximize", "neutral", "tolerance"]
            default: []
            }
        }
    }

    enum Source: String, CaseIterable {
        case trailing, known
    }

    /// With `estimates: known` in a regime-switching market: which regime the optimizer knows.
    enum KnownRegime: String, CaseIterable {
        case `true`, filtered
    }

    enum Estimator: String, CaseIterable {
        case sample
        case ledoitWolf = "ledoit-wolf"
        case constantCorrelation = "constant-correlation"
        case exponential
    }

    static func read(_ m: YAMLMapping, plan: SleevePlan, context: RuleContext) throws(InputError) -> any SleeveRule {
        let objectiveCursor = try m.required("objective")
        let word = try objectiveCursor.choice(Objective.self)
        for other in Objective.allCases where other != word {
            for key in other.ownKeys where !word.ownKeys.contains(key) {
                if let c = m.optional(key) { throw c.error("\(key) applies only with objective: \(other.rawValue)") }
            }
        }
        let estimates = word == .factorExposure
            ? try noEstimates(m) : try readEstimates(m, context: context, satellites: plan.universe.count)
        let names = plan.universe.map { context.ids[$0] }
        let constraints = try readConstraints(m, plan: plan, context: context)
        let objective = try readObjective(word, m, plan: plan, context: context)
        if constraints.turnover != nil && !objective.takesTurnoverLimit, let c = m.optional("turnover") {
            throw c.error("a turnover limit applies to the quadratic objectives, not to \(word.rawValue)")
        }
        // The constraints do not change along a path: weights that meet them must exist, or every
        // review would fall back.
        var exposures: FactorExposureProblem?
        if case .factorExposure(let problem) = objective { exposures = problem }
        if let conflict = PortfolioOptimizer().conflicts(constraints, names: names, exposures: exposures) {
            throw (m.optional("groups") ?? m.optional("neutral") ?? objectiveCursor).error(
                "no sleeve meets these constraints together: " + conflict.joined(separator: "; "))
        }
        if case .riskBudget = objective, !constraints.isLongOnlyBudgetOnly {
            throw objectiveCursor.error(
                "risk budgeting takes no weight bounds, groups, cap or turnover limit: the budgets alone fix the weights")
        }
        return OptimizedRule(objective: objective, constraints: constraints, estimates: estimates, names: names)
    }

    /// Maximum factor exposure reads exposures, not moments.
    static func noEstimates(_ m: YAMLMapping) throws(InputError) -> OptimizedRule.Estimates {
        for key in ["estimates", "regime", "window_months", "covariance", "half_life_months"] {
            if let c = m.optional(key) { throw c.error("\(key) does not apply to objective: factor-exposure, which reads no estimates") }
        }
        return .none
    }

    /// `estimates: trailing` (the default: `window_months` with a `covariance` estimator) or `known`
    /// (the market's true parameters: a parametric market only).
    static func readEstimates(_ m: YAMLMapping, context: RuleContext, satellites: Int) throws(InputError) -> OptimizedRule.Estimates {
        let source = try m.optional("estimates")?.choice(Source.self) ?? .trailing
        if source != .known, let c = m.optional("regime") { throw c.error("regime applies only to estimates: known") }
        guard source == .known else {
            let cursor = try m.required("window_months")
            let window = try context.window(cursor, minimum: 2, what: "estimation window")
            let estimator = try readEstimator(m, context: context)
            // A sample covariance of T months of N assets has rank at most T - 1.
            if window <= satellites, estimator == .sample {
                throw cursor.error(
                    "a sample covariance of \(window) months of \(satellites) satellites is singular; use more than "
                        + "\(satellites) months or covariance: ledoit-wolf")
            }
            return .trailing(window: window, estimator: estimator)
        }
        for key in ["window_months", "covariance", "half_life_months"] {
            if let c = m.optional(key) { throw c.error("\(key) applies only to estimates: trailing") }
        }
        guard case .markov(let spec) = context.market else {
            throw (m.optional("estimates") ?? m.owner).error(
                "a recorded market has no true parameters to know; estimate from a trailing window (window_months)")
        }
        guard let c = m.optional("regime"), try c.choice(KnownRegime.self) == .filtered else { return .known(KnownMarket(spec)) }
        guard spec.regimes.count > 1 else { throw c.error("the market has one regime: there is nothing to filter") }
        do {
            return .knownFiltered(KnownMarket(spec), try RegimeFilterModel(spec))
        } catch {
            throw c.error("the market's parameters cannot be filtered: \(error.description)")
        }
    }

    static func readEstimator(_ m: YAMLMapping, context: RuleContext) throws(InputError) -> CovarianceEstimator {
        let word = try m.optional("covariance")?.choice(Estimator.self) ?? .sample
        let halfLife = m.optional("half_life_months")
        if word != .exponential, let halfLife { throw halfLife.error("half_life_months applies only with covariance: exponential") }
        switch word {
        case .sample: return .sample
        case .ledoitWolf: return .ledoitWolf
        case .constantCorrelation: return .constantCorrelation
        case .exponential:
            guard let halfLife else { throw m.owner.error("covariance: exponential needs half_life_months") }
            return .exponential(halfLife: try halfLife.double(in: 0...1200, excludingLower: true, "half_life_months"))
        }
    }

    static func readConstraints(_ m: YAMLMapping, plan: SleevePlan, context: RuleContext) throws(InputError) -> PortfolioConstraints {
        let u = plan.universe.count
        let low = try m.optional("min_weight")?.double(in: 0...1, "min_weight (a fraction of the sleeve)") ?? 0
        let high = try m.optional("max_weight")?.double(in: 0...1, excludingLower: true, "max_weight (a fraction of the sleeve)") ?? 1
        var constraints = PortfolioConstraints(assets: u, lower: low, upper: min(high, plan.cap ?? 1))
        if let bounds = m.optional("bounds") {
            for (id, (_, value)) in try bounds.entries() {
                let a = try position(id, value, plan: plan, context: context)
                let pair = try value.numbers()
                guard pair.count == 2, pair[0] >= 0, pair[0] <= pair[1], pair[1] <= 1 else {
                    throw value.error("expected [min, max] with 0 <= min <= max <= 1 (fractions of the sleeve)")
                }
                constraints.lower[a] = pair[0]
                constraints.upper[a] = min(pair[1], plan.cap ?? 1)
            }
        }
        if let groups = m.optional("groups") {
            for item in try groups.sequence() {
                let g = try item.mapping(allowed: ["name", "assets", "min", "max"])
                let name = try g.required("name").string()
                var members: [Int] = []
                for c in try g.required("assets").sequence() {
                    let a = try position(try c.string(), c, plan: plan, context: context)
                    if members.contains(a) { throw c.error("asset '\(try c.string())' is listed twice") }
                    members.append(a)
                }
                let lower = try g.optional("min")?.double(in: 0...1, "min") ?? 0
                let upper = try g.optional("max")?.double(in: 0...1, "max") ?? 1
                guard lower <= upper else { throw item.error("group \(name): min \(lower) is above max \(upper)") }
                constraints.groups.append(.init(name: name, members: members, lower: lower, upper: upper))
            }
        }
        if let c = m.optional("turnover") {
            let limit = try c.double(in: 0...2, excludingLower: true, "turnover (a fraction of the sleeve)")
            constraints.turnover = .init(current: plan.baseSleeve, limit: limit)
        }
        if let problem = constraints.problem(names: plan.universe.map { context.ids[$0] }) {
            throw (m.optional("bounds") ?? m.optional("max_weight") ?? m.optional("min_weight") ?? m.owner).error(problem)
        }
        return constraints
    }

    static func readObjective(
        _ word: Objective, _ m: YAMLMapping, plan: SleevePlan, context: RuleContext
    ) throws(InputError) -> PortfolioObjective {
        let u = plan.universe.count
        switch word {
        case .minimumVariance: return .minimumVariance
        case .maximumDiversification: return .maximumDiversification
        case .maximumSharpe:
            let annual = try m.optional("risk_free")?.double(
                in: Scenario.riskFreeRange, excludingLower: true, "risk_free (annual)") ?? context.riskFreeAnnual
            return .maximumSharpe(riskFree: annual / 12)
        case .meanVariance:
            return .meanVariance(riskAversion: try m.required("risk_aversion").double(in: 0...1e6, excludingLower: true, "risk_aversion"))
        case .targetReturn:
            return .targetReturn(try m.required("target_return").double(in: -1...10, "target_return (annual)") / 12)
        case .targetVolatility:
            let annual = try m.required("target_volatility").double(in: 0...10, excludingLower: true, "target_volatility (annual)")
            return .targetVolatility(annual / 12.0.squareRoot())
        case .trackingError:
            // The whole portfolio's tracking error against the policy's own base weights: the sleeve
            // moves budget x (fractions - base fractions) of the portfolio.
            let annual = try m.required("tracking_error").double(in: 0...10, excludingLower: true, "tracking_error (annual)")
            return .trackingError(benchmark: plan.baseSleeve, limit: annual / 12.0.squareRoot() / plan.budget)
        case .riskParity: return .riskBudget(Array(repeating: 1 / Double(u), count: u))
        case .factorExposure: return .factorExposure(try readExposures(m, plan: plan, context: context))
        case .riskBudget:
            let c = try m.required("budgets")
            var budgets = Array(repeating: 0.0, count: u)
            // `a+b: 0.6` gives a group (a sleeve, a theme) 60% of the risk, split equally among its members.
            for (key, (_, value)) in try c.entries() {
                let members = key.split(separator: "+").map(String.init)
                let share = try value.double(in: 0...1, excludingLower: true, "risk budget")
                for id in members {
                    let a = try position(id, value, plan: plan, context: context)
                    if budgets[a] != 0 { throw value.error("asset '\(id)' has two budgets") }
                    budgets[a] = share / Double(members.count)
                }
            }
            if let missing = budgets.firstIndex(of: 0) {
                throw c.error("give every rotating satellite a positive budget; '\(context.ids[plan.universe[missing]])' has none")
            }
            if let total = SumToOne.shortfall(budgets) { throw c.error("budgets sum to \(total)") }
            return .riskBudget(SumToOne.normalised(budgets))
        }
    }

    /// `exposures: {id: {factor: value}}` for every rotating satellite, `maximize: factor`,
    /// `neutral: [factors]` held at the base sleeve's exposure within `tolerance` (default 0).
    static func readExposures(_ m: YAMLMapping, plan: SleevePlan, context: RuleContext) throws(InputError) -> FactorExposureProblem {
        let u = plan.universe.count
        let table = try m.required("exposures")
        var factors: [String] = []
        var values: [[String: Double]] = Array(repeating: [:], count: u)
        for (id, (_, row)) in try table.entries() {
            let a = try position(id, row, plan: plan, context: context)
            for (factor, (_, value)) in try row.entries() {
                if !factors.contains(factor) { factors.append(factor) }
                values[a][factor] = try value.double()
            }
        }
        for a in 0..<u {
            for factor in factors where values[a][factor] == nil {
                throw table.error("give '\(context.ids[plan.universe[a]])' an exposure to every factor; '\(factor)' is missing")
            }
        }
        let exposures = factors.flatMap { f in (0..<u).map { values[$0][f] ?? 0 } }
        func factor(_ c: YAMLCursor) throws(InputError) -> Int {
            let name = try c.string()
            guard let f = factors.firstIndex(of: name) else {
                throw c.error("'\(name)' is not one of the exposures' factors (\(factors.joined(separator: ", ")))")
            }
            return f
        }
        let target = try factor(try m.required("maximize"))
        let tolerance = try m.optional("tolerance")?.double(in: 0...100, "tolerance") ?? 0
        var neutral: [FactorExposureProblem.Neutrality] = []
        if let list = m.optional("neutral") {
            for c in try list.sequence() {
                let f = try factor(c)
                guard f != target else { throw c.error("'\(factors[f])' is the factor to maximize") }
                let base = (0..<u).reduce(0.0) { $0 + plan.baseSleeve[$1] * exposures[f * u + $1] }
                neutral.append(.init(factor: f, value: base, tolerance: tolerance))
            }
        }
        return FactorExposureProblem(factorNames: factors, exposures: exposures, target: target, neutral: neutral)
    }

    static func position(_ id: String, _ at: YAMLCursor, plan: SleevePlan, context: RuleContext) throws(InputError) -> Int {
        guard let i = context.ids.firstIndex(of: id) else { throw at.error(ScenarioLoader.unknownAsset(id, context.ids)) }
        guard let a = plan.universe.firstIndex(of: i) else {
            let rotating = plan.universe.map { context.ids[$0] }.joined(separator: ", ")
            throw at.error("asset '\(id)' is not one of the optimized satellites (\(rotating))")
        }
        return a
    }
}
