import CoreSatEngine

/// How a policy moves its targets: a closed set of rules, each read by its own loader and building
/// its own `Policy`. Adding a rule is one case here and one file with its loader (rotation rules
/// share `RotationLoader` and the engine's `RotationPolicy`).
public enum PolicyRule: Sendable {
    /// The targets never change; the account trades back to them on the review rule.
    case fixed
    /// The satellite sleeve follows a rotation rule; the core keeps its base weights.
    case rotation(SleevePlan, any SleeveRule)

    enum Kind: String, CaseIterable {
        case fixed
        case relativeStrength = "relative-strength"
        case dualMomentum = "dual-momentum"
        case trendFilter = "trend-filter"
        case styleSwitch = "style-switch"
        case regimeMap = "regime-map"
        case factorTilt = "factor-tilt"
        case volatilityTarget = "volatility-target"
        case optimize

        /// The rule's own keys, besides `kind` and the rotation keys every rotation rule shares.
        var keys: [String] {
            switch self {
            case .fixed: []
            case .relativeStrength: RelativeStrengthLoader.keys
            case .dualMomentum: RelativeStrengthLoader.dualKeys
            case .trendFilter: SimpleRuleLoaders.trendKeys
            case .styleSwitch: StyleSwitchLoader.keys
            case .regimeMap: RegimeMapLoader.keys
            case .factorTilt: SimpleRuleLoaders.tiltKeys
            case .volatilityTarget: []
            case .optimize: OptimizeLoader.keys
            }
        }
    }

    /// `rule: fixed`, or a mapping `{kind: ..., ...}` with the rule's own keys. No key: fixed.
    /// `targets` are the policy's base weights.
    static func read(_ cursor: YAMLCursor?, targets: [Double], context: RuleContext) throws(InputError) -> PolicyRule {
        guard let cursor else { return .fixed }
        let kind: Kind
        let m: YAMLMapping
        if case .scalar = cursor.node {
            kind = try cursor.choice(Kind.self)
            m = YAMLMapping(owner: cursor, entries: [])
        } else {
            let kindCursor = try cursor.entries().first { $0.0 == "kind" }?.1.value
            guard let kindCursor else { throw cursor.error("missing required key 'kind'") }
            kind = try kindCursor.choice(Kind.self)
            m = try cursor.mapping(allowed: kind == .fixed ? ["kind"] : RotationLoader.sharedKeys + kind.keys)
        }
        if kind == .fixed { return .fixed }
        let plan = try RotationLoader.plan(m, targets: targets, context: context)
        let rule: any SleeveRule
        switch kind {
        case .fixed: return .fixed
        case .relativeStrength: rule = try RelativeStrengthLoader.read(m, plan: plan, context: context, dual: false)
        case .dualMomentum: rule = try RelativeStrengthLoader.read(m, plan: plan, context: context, dual: true)
        case .trendFilter: rule = try SimpleRuleLoaders.trendFilter(m, context: context)
        case .styleSwitch: rule = try StyleSwitchLoader.read(m, plan: plan, context: context)
        case .regimeMap: rule = try RegimeMapLoader.read(m, plan: plan, context: context)
        case .factorTilt: rule = try SimpleRuleLoaders.factorTilt(m, context: context)
        case .volatilityTarget: rule = try SimpleRuleLoaders.volatilityTarget(m)
        case .optimize: rule = try OptimizeLoader.read(m, plan: plan, context: context)
        }
        return .rotation(plan, rule)
    }

    /// The engine's policy for a validated spec.
    func build(_ spec: PolicySpec) -> any Policy {
        switch self {
        case .fixed: StaticPolicy(name: spec.name, targets: spec.targets, review: spec.review)
        case .rotation(let plan, let rule): RotationPolicy(name: spec.name, plan: plan, rule: rule, review: spec.review)
        }
    }

    var isFixed: Bool {
        if case .fixed = self { return true }
        return false
    }

    /// The word the scenario used for the rule's kind.
    var kindName: String {
        guard case .rotation(_, let rule) = self else { return Kind.fixed.rawValue }
        let kind: Kind
        switch rule {
        case let r as RelativeStrength: kind = r.absolute == nil ? .relativeStrength : .dualMomentum
        case is TrendFilter: kind = .trendFilter
        case is StyleSwitch: kind = .styleSwitch
        case is RegimeMap: kind = .regimeMap
        case is FactorTilt: kind = .factorTilt
        case is OptimizedRule: kind = .optimize
        default: kind = .volatilityTarget
        }
        return kind.rawValue
    }
}

/// A policy as the scenario file states it.
public struct PolicySpec: Sendable {
    public var name: String
    /// Indexed like the scenario's assets; sums to 1. The targets of a fixed policy, and the
    /// starting and base weights of a moving one.
    public var targets: [Double]
    public var review: RebalanceRule
    public var rule: PolicyRule
    /// Where the policy is defined, for errors found when the plan is built.
    public var location: InputError
}
