import CoreSatEngine

/// How a policy moves its targets: a closed set of rules, each read by its own loader and building
/// its own `Policy`. Adding a rule is one case here and one file with its loader and policy.
public enum PolicyRule: Sendable, Equatable {
    /// The targets never change; the account trades back to them on the review rule.
    case fixed

    enum Kind: String, CaseIterable {
        case fixed
    }

    /// `rule: fixed`, or a mapping `{kind: ..., ...}` with the rule's own keys. No key: fixed.
    static func read(_ cursor: YAMLCursor?) throws(InputError) -> PolicyRule {
        guard let cursor else { return .fixed }
        let kind: Kind
        if case .scalar = cursor.node {
            kind = try cursor.choice(Kind.self)
        } else {
            kind = try cursor.mapping(allowed: ["kind"]).required("kind").choice(Kind.self)
        }
        switch kind {
        case .fixed: return .fixed
        }
    }

    /// The engine's policy for a validated spec.
    func build(_ spec: PolicySpec) -> any Policy {
        switch self {
        case .fixed: StaticPolicy(name: spec.name, targets: spec.targets, review: spec.review)
        }
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
