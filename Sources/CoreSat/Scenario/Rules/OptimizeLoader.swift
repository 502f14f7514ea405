import CoreSatEngine
import Optimizer

/// `kind: optimize`: the sleeve split by a portfolio optimizer re-solved at each review from a
/// trailing window of the path's own returns, or from the market's true parameters. The problem
/// (`ProblemReader`) is over the rotating satellites: bounds and groups are fractions of the sleeve,
/// annual figures become monthly (returns / 12, volatilities / √12), and the tracking error is the
/// whole portfolio's against the policy's own base weights.
enum OptimizeLoader {
    static let keys = ProblemReader.objectiveKeys + ProblemReader.constraintKeys + [
        "estimates", "regime", "window_months", "covariance", "half_life_months",
    ]

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
        let names = plan.universe.map { context.ids[$0] }
        let reader = ProblemReader(
            names: names, baseline: plan.baseSleeve, budget: plan.budget, cap: plan.cap,
            riskFreeAnnual: context.riskFreeAnnual, periodsPerYear: 12, unit: "a fraction of the sleeve",
            unknown: { id in
                context.ids.contains(id)
                    ? "asset '\(id)' is not one of the optimized satellites (\(names.joined(separator: ", ")))"
                    : ScenarioLoader.unknownAsset(id, context.ids)
            })
        let word = try reader.objectiveWord(m)
        let estimates = word == .factorExposure
            ? try noEstimates(m) : try readEstimates(m, context: context, satellites: plan.universe.count)
        // The turnover limit is from the sleeve as held at each review; the base sleeve stands in here.
        let (objective, constraints) = try reader.problem(m, current: plan.baseSleeve)
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
}
