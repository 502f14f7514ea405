/// A policy whose satellite sleeve follows a rotation rule while the core keeps its base weights;
/// the sleeve's cap and volatility target, the review rule (calendar or bands), costs and fees
/// apply as to any policy. Until the rule has the history it needs it holds the base targets.
public struct RotationPolicy: Policy {
    public let name: String
    public let plan: SleevePlan
    public let rule: any SleeveRule
    public let review: RebalanceRule

    public init(name: String, plan: SleevePlan, rule: any SleeveRule, review: RebalanceRule) {
        self.name = name
        self.plan = plan
        self.rule = rule
        self.review = review
    }

    public var initialWeights: [Double] { plan.base }
    public var regimeAccess: RegimeAccess { rule.regimeAccess }
    public var classifiesRegimes: Bool { rule.classifiesRegimes }
    public var knowsParameters: Bool { rule.knowsParameters }

    /// Everything the runner keeps of the past.
    public var needs: SignalMemory.Needs {
        let own = rule.needs(plan)
        return plan.volatilityTarget.map { own.union($0.needs) } ?? own
    }

    public func makeRunner(assetCount: Int) -> (any PolicyRunner)? {
        RotationRunner(policy: self, assetCount: assetCount)
    }

    /// The running windows dominate: a slot per month of the longest window, each as wide as
    /// `SignalMemory` makes it.
    public func runnerBytes(assetCount: Int) -> Int {
        let needs = needs
        let u = plan.universe.count
        let width = assetCount + needs.baskets.count + (needs.moments ? u + u * u : 0) + (needs.levels ? u : 0)
        return (needs.months + 1) * width * MemoryLayout<Double>.size
    }
}

final class RotationRunner: PolicyRunner {
    let plan: SleevePlan
    let memory: SignalMemory
    let selector: any SleeveSelector
    /// Fractions of the sleeve, written by the selector at each review.
    let sleeve: UnsafeMutableBufferPointer<Double>
    /// The plan's base targets, destination and rotating satellites, as buffers a monthly review
    /// reads without reference counting.
    let base, destination: UnsafeMutableBufferPointer<Double>
    let universe: UnsafeMutableBufferPointer<Int>

    init(policy: RotationPolicy, assetCount: Int) {
        plan = policy.plan
        memory = SignalMemory(needs: policy.needs, assetCount: assetCount, universe: plan.universe)
        selector = policy.rule.makeSelector(plan)
        sleeve = .allocate(capacity: plan.universe.count)
        sleeve.initialize(repeating: 0)
        base = .allocate(capacity: assetCount)
        _ = base.initialize(from: plan.base)
        destination = .allocate(capacity: assetCount)
        _ = destination.initialize(from: plan.destination)
        universe = .allocate(capacity: plan.universe.count)
        _ = universe.initialize(from: plan.universe)
    }

    deinit {
        for buffer in [sleeve, base, destination] { buffer.deallocate() }
        universe.deallocate()
    }

    func reset(_ view: PolicyView) {
        memory.reset()
        selector.reset()
        for m in -view.warmUpMonths..<0 { see(view, month: m) }
    }

    func observe(_ view: PolicyView) { see(view, month: view.month) }

    private func see(_ view: PolicyView, month: Int) {
        memory.record(view, month: month)
        selector.observe(view, month: month, memory: memory)
    }

    var regimeBelief: Int? { selector.regimeBelief }

    func decide(_ view: PolicyView, targets: inout [Double]) -> Decision {
        for a in sleeve.indices { sleeve[a] = 0 }
        let choice = selector.choose(view, memory: memory, sleeve: sleeve)
        guard choice != .wait else {
            for i in targets.indices { targets[i] = base[i] }
            return .trade
        }
        if let cap = plan.cap { SleevePlan.applyCap(cap, to: sleeve) }
        plan.volatilityTarget?.apply(to: sleeve, memory: memory)
        compose(into: &targets)
        return choice == .fallback ? .fallback(trade: true) : .trade
    }

    /// Targets from the sleeve fractions (sum at most 1): the base targets outside the rotation,
    /// budget x fraction for each rotating satellite, and what the sleeve leaves unplaced to the
    /// destination.
    private func compose(into targets: inout [Double]) {
        let budget = plan.budget
        targets.withUnsafeMutableBufferPointer { t in
            var placed = 0.0
            for i in t.indices { t[i] = base[i] }
            for a in universe.indices {
                t[universe[a]] = budget * sleeve[a]
                placed += sleeve[a]
            }
            let unplaced = budget * max(0, 1 - placed)
            if unplaced > 0 {
                for i in t.indices { t[i] += unplaced * destination[i] }
            }
        }
    }
}
