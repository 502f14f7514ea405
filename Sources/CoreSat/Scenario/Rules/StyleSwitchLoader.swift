import CoreSatEngine

/// `style-switch`: two groups, a lookback, a hysteresis band and the starting side.
enum StyleSwitchLoader {
    static let keys = ["offensive", "defensive", "lookback_months", "band", "start"]

    enum Side: String, CaseIterable {
        case offensive, defensive
    }

    static func read(_ m: YAMLMapping, plan: SleevePlan, context: RuleContext) throws(InputError) -> any SleeveRule {
        let offensive = try RotationLoader.fractions(m.required("offensive"), plan: plan, context: context)
        let defensive = try RotationLoader.fractions(m.required("defensive"), plan: plan, context: context)
        if offensive == defensive { throw try m.required("defensive").error("the defensive group is the offensive group") }
        let months = try context.window(m.required("lookback_months"))
        let band = try m.optional("band")?.double(in: 0...10, "band (a difference of trailing returns)") ?? 0
        let start: StyleSwitch.Side = try m.optional("start")?.choice(Side.self) == .offensive ? .offensive : .defensive
        return StyleSwitch(offensive: offensive, defensive: defensive, months: months, band: band, start: start)
    }
}
