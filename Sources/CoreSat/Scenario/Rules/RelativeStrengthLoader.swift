import CoreSatEngine

/// `relative-strength` and `dual-momentum` (relative strength plus an absolute filter).
enum RelativeStrengthLoader {
    static let keys = ["lookback_months", "lookbacks", "skip_months", "top", "weighting", "volatility_months"]
    static let dualKeys = keys + ["versus", "absolute_months"]

    enum Weighting: String, CaseIterable {
        case equal
        case inverseVolatility = "inverse-volatility"
    }

    enum Versus: String, CaseIterable {
        case cash, core
    }

    static func read(_ m: YAMLMapping, plan: SleevePlan, context: RuleContext, dual: Bool) throws(InputError) -> any SleeveRule {
        let lookbacks = try readLookbacks(m, context: context)
        let longest = lookbacks.reduce(0) { max($0, $1.months) }
        let skip = try context.skip(m, before: longest)
        let topCursor = try m.required("top")
        let top = try topCursor.int()
        let count = plan.universe.count
        guard (1...count).contains(top) else {
            throw topCursor.error("top must be between 1 and the \(count) rotating satellite\(count == 1 ? "" : "s"), got \(top)")
        }
        var weighting = RelativeStrength.Weighting.equal
        if try m.optional("weighting")?.choice(Weighting.self) == .inverseVolatility {
            let months = try m.optional("volatility_months").map { (c) throws(InputError) in
                try context.window(c, minimum: 2, what: "volatility window")
            } ?? min(12, context.months + context.warmUpMonths)
            guard months >= 2 else { throw (m.optional("weighting") ?? m.owner).error("a volatility needs at least 2 months of history") }
            weighting = .inverseVolatility(months: months)
        } else if let c = m.optional("volatility_months") {
            throw c.error("volatility_months applies only with weighting: inverse-volatility")
        }
        var absolute: RelativeStrength.AbsoluteFilter?
        if dual {
            let months = try m.optional("absolute_months").map { (c) throws(InputError) in try context.window(c) } ?? longest
            let versus = try m.optional("versus")?.choice(Versus.self) ?? .cash
            let hurdle: RelativeStrength.Hurdle
            switch versus {
            case .core:
                let core = plan.base.indices.map { context.assets[$0].sleeve == .core ? plan.base[$0] : 0 }
                let share = core.reduce(0, +)
                guard share > 0 else { throw (m.optional("versus") ?? m.owner).error("the policy holds no core to compare with") }
                hurdle = .basket(core.map { $0 / share })
            case .cash:
                // The cash asset `to` names, or the scenario's risk-free rate.
                hurdle = plan.destinationAsset.map { .asset($0) } ?? .rate(annual: context.riskFreeAnnual)
            }
            absolute = RelativeStrength.AbsoluteFilter(months: months, hurdle: hurdle)
        }
        return RelativeStrength(lookbacks: lookbacks, skip: skip, top: top, weighting: weighting, absolute: absolute)
    }

    /// `lookback_months: 6`, or `lookbacks: [{months: 3, weight: 0.5}, {months: 12, weight: 0.5}]`.
    static func readLookbacks(_ m: YAMLMapping, context: RuleContext) throws(InputError) -> [RelativeStrength.Lookback] {
        if let single = m.optional("lookback_months") {
            if let both = m.optional("lookbacks") { throw both.error("give lookback_months or lookbacks, not both") }
            return [RelativeStrength.Lookback(months: try context.window(single), weight: 1)]
        }
        guard let list = m.optional("lookbacks") else { throw m.owner.error("missing required key 'lookback_months' (or 'lookbacks')") }
        var lookbacks: [RelativeStrength.Lookback] = []
        for item in try list.sequence() {
            let e = try item.mapping(allowed: ["months", "weight"])
            let weight = try e.optional("weight")?.double(in: 0...100, excludingLower: true, "weight") ?? 1
            lookbacks.append(RelativeStrength.Lookback(months: try context.window(e.required("months")), weight: weight))
        }
        if lookbacks.isEmpty { throw list.error("list at least one lookback") }
        return lookbacks
    }
}
