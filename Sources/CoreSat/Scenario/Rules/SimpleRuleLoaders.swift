import CoreSatEngine

/// The rules with a few settings each: `trend-filter`, `factor-tilt`, `volatility-target`.
enum SimpleRuleLoaders {
    static let trendKeys = ["average_months"]
    static let tiltKeys = ["lookback_months", "skip_months", "tilt"]

    static func trendFilter(_ m: YAMLMapping, context: RuleContext) throws(InputError) -> any SleeveRule {
        TrendFilter(months: try context.window(m.required("average_months"), what: "moving average"))
    }

    static func factorTilt(_ m: YAMLMapping, context: RuleContext) throws(InputError) -> any SleeveRule {
        let months = try context.window(m.required("lookback_months"))
        let skip = try context.skip(m, before: months)
        let tilt = try m.optional("tilt")?.double(in: 0...10, "tilt") ?? 1
        return FactorTilt(months: months, skip: skip, tilt: tilt)
    }

    static func volatilityTarget(_ m: YAMLMapping) throws(InputError) -> any SleeveRule {
        guard m.has("volatility_target") else { throw m.owner.error("missing required key 'volatility_target'") }
        return BaseSleeve()
    }
}
