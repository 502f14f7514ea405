import CoreSatEngine

/// Reads the keys every rotation rule shares — which satellites rotate (`among`), where unplaced
/// weight goes (`to`), the per-satellite `cap` and the sleeve's `volatility_target` — and builds the
/// `SleevePlan` from the policy's base targets.
enum RotationLoader {
    static let sharedKeys = ["kind", "among", "to", "cap", "volatility_target"]

    /// The sleeve plan for a policy with base weights `targets`.
    static func plan(_ m: YAMLMapping, targets: [Double], context: RuleContext) throws(InputError) -> SleevePlan {
        let assets = context.assets
        let ids = context.ids
        var universe: [Int]
        if let among = m.optional("among") {
            universe = []
            for c in try among.sequence() {
                let id = try c.string()
                guard let i = ids.firstIndex(of: id) else { throw c.error(ScenarioLoader.unknownAsset(id, ids)) }
                guard assets[i].sleeve == .satellite else { throw c.error("asset '\(id)' is in the core sleeve; only satellites rotate") }
                if universe.contains(i) { throw c.error("asset '\(id)' is listed twice") }
                universe.append(i)
            }
            if universe.isEmpty { throw among.error("list at least one satellite") }
        } else {
            universe = assets.indices.filter { assets[$0].sleeve == .satellite && assets[$0].kind != .cash }
            if universe.isEmpty { throw m.owner.error("the scenario has no satellite to rotate (cash assets do not rotate)") }
        }
        var destination = SleevePlan.Destination.core
        if let to = m.optional("to") {
            let word = try to.string()
            if word != "core" {
                guard let i = ids.firstIndex(of: word) else {
                    throw to.error("expected 'core' or a cash asset's id; " + ScenarioLoader.unknownAsset(word, ids))
                }
                guard assets[i].kind == .cash else { throw to.error("asset '\(word)' is not a cash asset (kind: cash)") }
                guard !universe.contains(i) else { throw to.error("asset '\(word)' rotates itself; leave it out of 'among'") }
                destination = .asset(i)
            }
        }
        // A cap too low to place the whole sleeve is allowed: the rest goes to the destination.
        let cap = try m.optional("cap")?.double(in: 0...1, excludingLower: true, "cap (a fraction of the sleeve)")
        let target = try m.optional("volatility_target").map { (c) throws(InputError) in try volatilityTarget(c, context: context) }
        let coreAssets = assets.indices.filter { assets[$0].sleeve == .core }
        guard let plan = SleevePlan(
            base: targets, universe: universe, coreAssets: coreAssets, destination: destination, cap: cap,
            volatilityTarget: target)
        else {
            if universe.reduce(0.0, { $0 + targets[$1] }) == 0 {
                throw m.owner.error("the policy's weights put nothing in the rotating satellites, so there is no sleeve to rotate")
            }
            throw (m.optional("to") ?? m.owner).error("the core has no weight to receive what the rule leaves unplaced; name a cash asset with 'to'")
        }
        return plan
    }

    static func volatilityTarget(_ c: YAMLCursor, context: RuleContext) throws(InputError) -> VolatilityTarget {
        let m = try c.mapping(allowed: ["annual", "lookback_months"])
        let annual = try m.required("annual").double(in: 0...10, excludingLower: true, "annual volatility target")
        let months = try m.optional("lookback_months").map { (c) throws(InputError) in
            try context.window(c, minimum: 2)
        } ?? min(12, context.months + context.warmUpMonths)
        guard months >= 2 else { throw c.error("a volatility needs a window of at least 2 months; the horizon plus warm-up is shorter") }
        return VolatilityTarget(annual: annual, months: months)
    }

    /// Fractions of the sleeve over the rotating satellites: a list (equal weights) or a mapping
    /// of weights summing to 1.
    static func fractions(_ c: YAMLCursor, plan: SleevePlan, context: RuleContext) throws(InputError) -> [Double] {
        let ids = context.ids
        var weights = Array(repeating: 0.0, count: plan.universe.count)
        func position(_ id: String, _ at: YAMLCursor) throws(InputError) -> Int {
            guard let i = ids.firstIndex(of: id) else { throw at.error(ScenarioLoader.unknownAsset(id, ids)) }
            guard let a = plan.universe.firstIndex(of: i) else {
                let rotating = plan.universe.map { ids[$0] }.joined(separator: ", ")
                throw at.error("asset '\(id)' is not one of the rotating satellites (\(rotating))")
            }
            return a
        }
        if case .sequence = c.node {
            let items = try c.sequence()
            if items.isEmpty { throw c.error("list at least one satellite") }
            for item in items {
                let a = try position(try item.string(), item)
                if weights[a] != 0 { throw item.error("asset '\(ids[plan.universe[a]])' is listed twice") }
                weights[a] = 1 / Double(items.count)
            }
            return weights
        }
        for (id, (_, value)) in try c.entries() {
            let a = try position(id, value)
            let w = try value.double()
            if w < 0 { throw value.error("weights cannot be negative, got \(YAMLCursor.show(w))") }
            weights[a] = w
        }
        if let total = SumToOne.shortfall(weights) { throw c.error("weights sum to \(total); they must fill the sleeve") }
        return SumToOne.normalised(weights)
    }
}
