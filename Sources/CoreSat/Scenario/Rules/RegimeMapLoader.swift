import CoreSatEngine

/// `regime-map`: sleeve weights for every regime of the market, and where the regime comes from.
enum RegimeMapLoader {
    static let keys = ["weights", "source", "lag_months", "threshold", "minimum_months"]

    enum Source: String, CaseIterable {
        case oracle, lagged, filtered
    }

    static func read(_ m: YAMLMapping, plan: SleevePlan, context: RuleContext) throws(InputError) -> any SleeveRule {
        let names = context.regimeNames
        let sourceCursor = try m.required("source")
        let source = try sourceCursor.choice(Source.self)
        if names.count < 2 {
            throw sourceCursor.error("the market has one regime; a regime map needs a regime-switching market")
        }
        let weightsCursor = try m.required("weights")
        var rows = [[Double]?](repeating: nil, count: names.count)
        for (name, (_, value)) in try weightsCursor.entries() {
            guard let k = names.firstIndex(of: name) else {
                throw value.error("unknown regime '\(name)'\(NearestName.hint(name, among: names)); the market's regimes are \(names.joined(separator: ", "))")
            }
            rows[k] = try RotationLoader.fractions(value, plan: plan, context: context)
        }
        if let missing = rows.indices.first(where: { rows[$0] == nil }) {
            throw weightsCursor.error("regime '\(names[missing])' has no weights; give every regime its sleeve")
        }
        let weights = rows.compactMap { $0 }
        for (key, wanted) in [("lag_months", Source.lagged), ("threshold", .filtered), ("minimum_months", .filtered)] where source != wanted {
            if let c = m.optional(key) { throw c.error("\(key) applies only with source: \(wanted.rawValue)") }
        }
        let regimeSource: RegimeSource
        switch source {
        case .oracle:
            regimeSource = .known(lag: 0)
        case .lagged:
            let lag = try m.optional("lag_months").map { (c) throws(InputError) in
                let lag = try context.window(c, what: "lag")
                // The regime of month t - lag is known at the end of month t >= 0 only if t - lag
                // is at least the first generated month.
                guard lag < context.months + context.warmUpMonths else {
                    throw c.error("a lag of \(lag) months leaves no month with a known regime; it must be under the horizon plus warm-up (\(context.months) + \(context.warmUpMonths) months)")
                }
                return lag
            } ?? 1
            regimeSource = .known(lag: lag)
        case .filtered:
            var threshold = 0.5
            if let c = m.optional("threshold") {
                threshold = try c.double()
                guard threshold > 0 && threshold < 1 else {
                    throw c.error("threshold must be a probability strictly between 0 and 1, got \(YAMLCursor.show(threshold))")
                }
            }
            let minimum = try m.optional("minimum_months").map { (c) throws(InputError) in try context.window(c, what: "minimum holding time") } ?? 1
            guard case .markov(let spec) = context.market else {
                throw sourceCursor.error("a filtered regime needs a regime-switching market model")
            }
            do {
                regimeSource = .filtered(try RegimeFilterModel(spec), threshold: threshold, minimumMonths: minimum)
            } catch {
                throw sourceCursor.error("the market's parameters cannot be filtered: \(error.description)")
            }
        }
        return RegimeMap(weights: weights, source: regimeSource)
    }
}
