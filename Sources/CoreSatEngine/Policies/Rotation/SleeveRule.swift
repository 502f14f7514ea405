/// How a rotation rule splits the satellite sleeve: an immutable spec shared by all workers, which
/// makes one `SleeveSelector` (with the rule's state along a path) per runner.
public protocol SleeveRule: Sendable {
    /// What the rule reads of the past (given the plan, whose satellites it rotates).
    func needs(_ plan: SleevePlan) -> SignalMemory.Needs
    var regimeAccess: RegimeAccess { get }
    /// Whether the selector names the regime it believes in.
    var classifiesRegimes: Bool { get }
    /// Whether the selector reads the market's true parameters.
    var knowsParameters: Bool { get }
    func makeSelector(_ plan: SleevePlan) -> any SleeveSelector
}

extension SleeveRule {
    public var regimeAccess: RegimeAccess { .none }
    public var classifiesRegimes: Bool { false }
    public var knowsParameters: Bool { false }
}

/// A rule's answer: fractions of the sleeve, or why there are none.
public enum SleeveChoice: Sendable, Equatable {
    /// The fractions were written.
    case chosen
    /// Written, but by the rule's documented fallback (a degenerate estimate, say).
    case fallback
    /// Too little history (or no regime belief) yet: hold the base targets.
    case wait
}

/// One rule's state along a path. `observe` sees every month in order, warm-up months included
/// (`month` may be below `view.month` only during the warm-up, when `view.month` is -1); `choose`
/// writes one fraction per rotating satellite (sum at most 1; the rest goes to the destination).
public protocol SleeveSelector: AnyObject {
    func reset()
    func observe(_ view: PolicyView, month: Int, memory: SignalMemory)
    func choose(_ view: PolicyView, memory: SignalMemory, sleeve: UnsafeMutableBufferPointer<Double>) -> SleeveChoice
    var regimeBelief: Int? { get }
}

extension SleeveSelector {
    public func reset() {}
    public func observe(_ view: PolicyView, month: Int, memory: SignalMemory) {}
    public var regimeBelief: Int? { nil }
}

/// A rule whose choice depends only on the memory and the view: its selector has no state.
public protocol StatelessSleeveRule: SleeveRule {
    func choose(_ view: PolicyView, memory: SignalMemory, plan: SleevePlan, sleeve: UnsafeMutableBufferPointer<Double>) -> SleeveChoice
}

extension StatelessSleeveRule {
    public func makeSelector(_ plan: SleevePlan) -> any SleeveSelector { StatelessSelector(rule: self, plan: plan) }
}

final class StatelessSelector<Rule: StatelessSleeveRule>: SleeveSelector {
    let rule: Rule
    let plan: SleevePlan

    init(rule: Rule, plan: SleevePlan) {
        self.rule = rule
        self.plan = plan
    }

    func choose(_ view: PolicyView, memory: SignalMemory, sleeve: UnsafeMutableBufferPointer<Double>) -> SleeveChoice {
        rule.choose(view, memory: memory, plan: plan, sleeve: sleeve)
    }
}
