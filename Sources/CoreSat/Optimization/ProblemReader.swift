import CoreSatEngine
import Optimizer

/// Reads a portfolio problem's objective and constraints from a YAML mapping, over a list of
/// assets: the `optimize` rule of a policy (the weights are fractions of the sleeve) and
/// `coresat optimize --problem FILE` (a whole portfolio). Annual figures become per-period ones
/// (returns / periods, volatilities / √periods).
struct ProblemReader {
    /// The assets the weights are over.
    let names: [String]
    /// What the tracking error is measured against and neutral exposures are held at; nil: none
    /// (tracking error is then an error, and neutral exposures are held at 0).
    let baseline: [Double]?
    /// The share of the portfolio the weights make up (a sleeve's budget; 1 for a portfolio).
    let budget: Double
    /// The largest weight allowed whatever the bounds say (a rotation's `cap`).
    let cap: Double?
    let riskFreeAnnual: Double
    let periodsPerYear: Double
    /// How weights are called in messages: "a fraction of the sleeve", "a weight".
    let unit: String
    /// The reason given for a name that is not one of `names`.
    let unknown: (String) -> String

    static let objectiveKeys = [
        "objective", "risk_aversion", "target_return", "target_volatility", "tracking_error", "risk_free", "budgets",
        "exposures", "maximize", "neutral", "tolerance",
    ]
    static let constraintKeys = ["min_weight", "max_weight", "bounds", "groups", "turnover"]

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

    /// The objective's word, refusing settings that belong to another objective.
    func objectiveWord(_ m: YAMLMapping) throws(InputError) -> Objective {
        let word = try m.required("objective").choice(Objective.self)
        for other in Objective.allCases where other != word {
            for key in other.ownKeys where !word.ownKeys.contains(key) {
                if let c = m.optional(key) { throw c.error("\(key) applies only with objective: \(other.rawValue)") }
            }
        }
        return word
    }

    /// The objective and constraints, checked together: a turnover limit only with an objective
    /// that takes one, risk budgets without other constraints, and constraints some weights meet.
    func problem(_ m: YAMLMapping, current: [Double]?) throws(InputError) -> (PortfolioObjective, PortfolioConstraints) {
        let word = try objectiveWord(m)
        let constraints = try constraints(m, current: current)
        let objective = try objective(word, m)
        if constraints.turnover != nil && !objective.takesTurnoverLimit, let c = m.optional("turnover") {
            throw c.error("a turnover limit applies to the quadratic objectives, not to \(word.rawValue)")
        }
        var exposures: FactorExposureProblem?
        if case .factorExposure(let problem) = objective { exposures = problem }
        if let conflict = PortfolioOptimizer().conflicts(constraints, names: names, exposures: exposures) {
            throw (m.optional("groups") ?? m.optional("neutral") ?? m.optional("objective") ?? m.owner).error(
                "no weights meet these constraints together: " + conflict.joined(separator: "; "))
        }
        if case .riskBudget = objective, !constraints.isLongOnlyBudgetOnly, let c = m.optional("objective") {
            throw c.error("risk budgeting takes no weight bounds, groups, cap or turnover limit: the budgets alone fix the weights")
        }
        return (objective, constraints)
    }

    /// Bounds, groups and a turnover limit from `current` weights (required with `turnover`).
    func constraints(_ m: YAMLMapping, current: [Double]?) throws(InputError) -> PortfolioConstraints {
        let low = try m.optional("min_weight")?.double(in: 0...1, "min_weight (\(unit))") ?? 0
        let high = try m.optional("max_weight")?.double(in: 0...1, excludingLower: true, "max_weight (\(unit))") ?? 1
        var constraints = PortfolioConstraints(assets: names.count, lower: low, upper: min(high, cap ?? 1))
        if let bounds = m.optional("bounds") {
            for (id, (_, value)) in try bounds.entries() {
                let a = try position(id, value)
                let pair = try value.numbers()
                guard pair.count == 2, pair[0] >= 0, pair[0] <= pair[1], pair[1] <= 1 else {
                    throw value.error("expected [min, max] with 0 <= min <= max <= 1 (\(unit))")
                }
                constraints.lower[a] = pair[0]
                constraints.upper[a] = min(pair[1], cap ?? 1)
            }
        }
        if let groups = m.optional("groups") {
            for item in try groups.sequence() {
                let g = try item.mapping(allowed: ["name", "assets", "min", "max"])
                let name = try g.required("name").string()
                var members: [Int] = []
                for c in try g.required("assets").sequence() {
                    let a = try position(try c.string(), c)
                    if members.contains(a) { throw c.error("asset '\(try c.string())' is listed twice") }
                    members.append(a)
                }
                if members.isEmpty { throw item.error("group \(name) lists no assets") }
                let lower = try g.optional("min")?.double(in: 0...1, "min") ?? 0
                let upper = try g.optional("max")?.double(in: 0...1, "max") ?? 1
                guard lower <= upper else { throw item.error("group \(name): min \(lower) is above max \(upper)") }
                constraints.groups.append(.init(name: name, members: members, lower: lower, upper: upper))
            }
        }
        if let c = m.optional("turnover") {
            let limit = try c.double(in: 0...2, excludingLower: true, "turnover (\(unit))")
            guard let current else { throw c.error("a turnover limit needs the current weights (current:)") }
            constraints.turnover = .init(current: current, limit: limit)
        }
        if let problem = constraints.problem(names: names) {
            throw (m.optional("bounds") ?? m.optional("max_weight") ?? m.optional("min_weight") ?? m.owner).error(problem)
        }
        return constraints
    }

    func objective(_ word: Objective, _ m: YAMLMapping) throws(InputError) -> PortfolioObjective {
        let n = names.count
        let root = periodsPerYear.squareRoot()
        switch word {
        case .minimumVariance: return .minimumVariance
        case .maximumDiversification: return .maximumDiversification
        case .maximumSharpe:
            let annual = try m.optional("risk_free")?.double(
                in: Scenario.riskFreeRange, excludingLower: true, "risk_free (annual)") ?? riskFreeAnnual
            return .maximumSharpe(riskFree: annual / periodsPerYear)
        case .meanVariance:
            return .meanVariance(riskAversion: try m.required("risk_aversion").double(in: 0...1e6, excludingLower: true, "risk_aversion"))
        case .targetReturn:
            return .targetReturn(try m.required("target_return").double(in: -1...10, "target_return (annual)") / periodsPerYear)
        case .targetVolatility:
            let annual = try m.required("target_volatility").double(in: 0...10, excludingLower: true, "target_volatility (annual)")
            return .targetVolatility(annual / root)
        case .trackingError:
            // The whole portfolio's tracking error: the weights move budget x (w - baseline) of it.
            let c = try m.required("tracking_error")
            let annual = try c.double(in: 0...10, excludingLower: true, "tracking_error (annual)")
            guard let baseline else { throw c.error("a tracking error needs benchmark weights (benchmark:)") }
            return .trackingError(benchmark: baseline, limit: annual / root / budget)
        case .riskParity: return .riskBudget(Array(repeating: 1 / Double(n), count: n))
        case .factorExposure: return .factorExposure(try exposures(m))
        case .riskBudget: return .riskBudget(try riskBudgets(m))
        }
    }

    /// `{id: share}`, or `{a+b: share}` for a group (a sleeve, a theme) whose share is split
    /// equally among its members; every asset positive, summing to 1.
    func riskBudgets(_ m: YAMLMapping) throws(InputError) -> [Double] {
        let c = try m.required("budgets")
        var budgets = Array(repeating: 0.0, count: names.count)
        for (key, (_, value)) in try c.entries() {
            let members = key.split(separator: "+").map(String.init)
            let share = try value.double(in: 0...1, excludingLower: true, "risk budget")
            for id in members {
                let a = try position(id, value)
                if budgets[a] != 0 { throw value.error("asset '\(id)' has two budgets") }
                budgets[a] = share / Double(members.count)
            }
        }
        if let missing = budgets.firstIndex(of: 0) {
            throw c.error("give every asset a positive budget; '\(names[missing])' has none")
        }
        if let total = SumToOne.shortfall(budgets) { throw c.error("budgets sum to \(total)") }
        return SumToOne.normalised(budgets)
    }

    /// `exposures: {id: {factor: value}}` for every asset, `maximize: factor`, `neutral: [factors]`
    /// held at the baseline's exposure (0 without one) within `tolerance` (default 0).
    func exposures(_ m: YAMLMapping) throws(InputError) -> FactorExposureProblem {
        let n = names.count
        let table = try m.required("exposures")
        var factors: [String] = []
        var values: [[String: Double]] = Array(repeating: [:], count: n)
        for (id, (_, row)) in try table.entries() {
            let a = try position(id, row)
            for (factor, (_, value)) in try row.entries() {
                if !factors.contains(factor) { factors.append(factor) }
                values[a][factor] = try value.double()
            }
        }
        for a in 0..<n {
            for factor in factors where values[a][factor] == nil {
                throw table.error("give '\(names[a])' an exposure to every factor; '\(factor)' is missing")
            }
        }
        let exposures = factors.flatMap { f in (0..<n).map { values[$0][f] ?? 0 } }
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
                let held = baseline.map { b in (0..<n).reduce(0.0) { $0 + b[$1] * exposures[f * n + $1] } } ?? 0
                neutral.append(.init(factor: f, value: held, tolerance: tolerance))
            }
        }
        return FactorExposureProblem(factorNames: factors, exposures: exposures, target: target, neutral: neutral)
    }

    func position(_ id: String, _ at: YAMLCursor) throws(InputError) -> Int {
        guard let a = names.firstIndex(of: id) else { throw at.error(unknown(id)) }
        return a
    }

    /// `{id: weight}` over the assets, summing to 1.
    func weights(_ c: YAMLCursor, what: String) throws(InputError) -> [Double] {
        var weights = Array(repeating: 0.0, count: names.count)
        for (id, (_, value)) in try c.entries() {
            let a = try position(id, value)
            weights[a] = try value.double(in: -10...10, what)
        }
        if let total = SumToOne.shortfall(weights) { throw c.error("\(what) weights sum to \(total)") }
        return weights
    }
}
