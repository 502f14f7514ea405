import CoreSatEngine

/// Reads the `policies:` list: fixed weights, or a core share with weights inside each sleeve.
enum PolicyLoader {
    static let keys = ["name", "weights", "core", "core_weights", "satellite_weights", "rebalance", "rule"]

    static func read(_ cursor: YAMLCursor, context: RuleContext) throws(InputError) -> [PolicySpec] {
        let assets = context.assets
        var policies: [PolicySpec] = []
        for item in try cursor.sequence() {
            let m = try item.mapping(allowed: keys)
            let nameCursor = try m.required("name")
            let name = try nameCursor.string()
            if policies.contains(where: { $0.name == name }) { throw nameCursor.error("policy name '\(name)' is used twice") }
            let targets: [Double]
            if let weights = m.optional("weights") {
                for key in ["core", "core_weights", "satellite_weights"] where m.has(key) {
                    throw m.optional(key)!.error("give either 'weights' or 'core' with sleeve weights, not both")
                }
                targets = try weightMap(weights, assets: assets, sleeve: nil)
            } else {
                targets = try sleeveTargets(m, assets: assets)
            }
            let review = try m.optional("rebalance").map { (c) throws(InputError) in try readRule(c) } ?? .calendar(months: 1)
            let rule = try PolicyRule.read(m.optional("rule"), targets: targets, context: context)
            if review == .never && !rule.isFixed {
                throw try m.required("rebalance").error("a rotation rule needs reviews: with 'never' it would never be asked for targets")
            }
            policies.append(PolicySpec(name: name, targets: targets, review: review, rule: rule, location: item.error("")))
        }
        if policies.isEmpty { throw cursor.error("at least one policy is needed") }
        return policies
    }

    static func sleeveTargets(_ m: YAMLMapping, assets: [Asset]) throws(InputError) -> [Double] {
        let coreCursor = try m.required("core")
        let core = try coreCursor.double()
        guard (0...1).contains(core) else { throw coreCursor.error("core share must be between 0 and 1, got \(core)") }
        var targets = Array(repeating: 0.0, count: assets.count)
        for (sleeve, share, key) in [(Sleeve.core, core, "core_weights"), (.satellite, 1 - core, "satellite_weights")] {
            // Weights for an empty sleeve are still checked: a typo there must not pass unnoticed.
            if share == 0, let unused = m.optional(key) { _ = try weightsInside(sleeve, unused, assets: assets) }
            guard share > 0 else { continue }
            let inside = try weightsInside(sleeve, m.required(key), assets: assets)
            for i in assets.indices { targets[i] += share * inside[i] }
        }
        return targets
    }

    /// Weights within one sleeve: `equal`, or a mapping that sums to 1.
    static func weightsInside(_ sleeve: Sleeve, _ cursor: YAMLCursor, assets: [Asset]) throws(InputError) -> [Double] {
        if case .scalar = cursor.node {
            guard try cursor.string() == "equal" else { throw cursor.error("expected 'equal' or a mapping of asset weights") }
            let members = assets.filter { $0.sleeve == sleeve }.count
            if members == 0 { throw cursor.error("no asset is in the \(sleeve.rawValue) sleeve") }
            return assets.map { $0.sleeve == sleeve ? 1.0 / Double(members) : 0 }
        }
        return try weightMap(cursor, assets: assets, sleeve: sleeve)
    }

    static func weightMap(_ cursor: YAMLCursor, assets: [Asset], sleeve: Sleeve?) throws(InputError) -> [Double] {
        let ids = assets.map(\.id)
        var weights = Array(repeating: 0.0, count: assets.count)
        for (id, (_, value)) in try cursor.entries() {
            guard let i = ids.firstIndex(of: id) else { throw value.error(ScenarioLoader.unknownAsset(id, ids)) }
            if let sleeve, assets[i].sleeve != sleeve {
                throw value.error("asset '\(id)' is in the \(assets[i].sleeve.rawValue) sleeve, not the \(sleeve.rawValue) sleeve")
            }
            let w = try value.double()
            if w < 0 { throw value.error("weights cannot be negative, got \(w)") }
            weights[i] = w
        }
        if let total = SumToOne.shortfall(weights) { throw cursor.error("weights sum to \(total)") }
        return SumToOne.normalised(weights)
    }

    static func readRule(_ cursor: YAMLCursor) throws(InputError) -> RebalanceRule {
        if case .scalar = cursor.node {
            let calendar = ["monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12]
            let word = try cursor.string()
            if word == "never" { return .never }
            guard let months = calendar[word] else {
                let options = ["monthly", "quarterly", "semiannual", "annual", "never"]
                throw cursor.error(
                    "unknown rebalancing '\(word)'\(NearestName.hint(word, among: options)); expected one of \(options.joined(separator: ", ")) or a mapping with absolute_band / relative_band")
            }
            return .calendar(months: months)
        }
        let m = try cursor.mapping(allowed: ["absolute_band", "relative_band"])
        var bands: [Double?] = []
        for key in ["absolute_band", "relative_band"] {
            let value = try m.optional(key)?.double()
            if let value, value <= 0 { throw m.optional(key)!.error("a band must be positive, got \(value)") }
            bands.append(value)
        }
        if bands.allSatisfy({ $0 == nil }) { throw cursor.error("give absolute_band, relative_band or both") }
        return .bands(absolute: bands[0], relative: bands[1])
    }
}
