/// Sleeve weights per regime (the OMFL table, say), applied to the regime the policy believes the
/// market is in. Where that belief comes from is the point of comparing them: the true regime (an
/// upper bound nobody can trade), the true regime known some months late, or a Hamilton filter's
/// reading of the returns (`RegimeSource`).
public struct RegimeMap: SleeveRule {
    /// [regime][rotating satellite] fractions of the sleeve (each row sums to 1).
    public var weights: [[Double]]
    public var source: RegimeSource

    public init(weights: [[Double]], source: RegimeSource) {
        self.weights = weights
        self.source = source
    }

    public func needs(_ plan: SleevePlan) -> SignalMemory.Needs { SignalMemory.Needs(months: 0) }

    public var regimeAccess: RegimeAccess {
        if case .known(let lag) = source { return .known(lag: lag) }
        return .none
    }

    public var classifiesRegimes: Bool { true }

    public func makeSelector(_ plan: SleevePlan) -> any SleeveSelector { Selector(rule: self) }

    final class Selector: SleeveSelector {
        let rule: RegimeMap
        let reader: RegimeReader

        init(rule: RegimeMap) {
            self.rule = rule
            reader = rule.source.makeReader()
        }

        func reset() { reader.reset() }

        func observe(_ view: PolicyView, month: Int, memory: SignalMemory) { reader.observe(view, month: month) }

        var regimeBelief: Int? { reader.belief }

        func choose(_ view: PolicyView, memory: SignalMemory, sleeve: UnsafeMutableBufferPointer<Double>) -> SleeveChoice {
            guard let regime = reader.belief else { return .wait }
            for a in sleeve.indices { sleeve[a] = rule.weights[regime][a] }
            return .chosen
        }
    }
}
