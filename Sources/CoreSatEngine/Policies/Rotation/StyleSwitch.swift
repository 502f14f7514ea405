/// Switches the sleeve between two groups of satellites (offensive and defensive, say) by the
/// groups' relative strength: the difference of their baskets' trailing returns over `months`
/// months. A hysteresis band keeps it from whipsawing: it moves to the offensive group only when
/// the difference exceeds +`band`, and back only when it falls below -`band`. The side is updated
/// every month (warm-up included), so it depends on the path so far, not on review dates.
public struct StyleSwitch: SleeveRule {
    public enum Side: Int, Sendable, Equatable {
        case offensive = 0
        case defensive = 1
    }

    /// Fractions of the sleeve per rotating satellite for each side (each sums to 1).
    public var offensive: [Double]
    public var defensive: [Double]
    public var months: Int
    public var band: Double
    /// The side held before the first signal.
    public var start: Side

    public init(offensive: [Double], defensive: [Double], months: Int, band: Double, start: Side) {
        self.offensive = offensive
        self.defensive = defensive
        self.months = months
        self.band = band
        self.start = start
    }

    /// The two groups as baskets over all assets.
    func baskets(_ plan: SleevePlan) -> [[Double]] {
        [offensive, defensive].map { fractions in
            var weights = Array(repeating: 0.0, count: plan.base.count)
            for (a, i) in plan.universe.enumerated() { weights[i] = fractions[a] }
            return weights
        }
    }

    public func needs(_ plan: SleevePlan) -> SignalMemory.Needs {
        SignalMemory.Needs(months: months, baskets: baskets(plan))
    }

    public func makeSelector(_ plan: SleevePlan) -> any SleeveSelector { Selector(rule: self) }

    final class Selector: SleeveSelector {
        let rule: StyleSwitch
        @exclusivity(unchecked) var side: Side
        /// Whether the signal has been read at least once on this path.
        @exclusivity(unchecked) var started = false

        init(rule: StyleSwitch) {
            self.rule = rule
            side = rule.start
        }

        func reset() {
            side = rule.start
            started = false
        }

        func observe(_ view: PolicyView, month: Int, memory: SignalMemory) {
            guard memory.has(months: rule.months) else { return }
            started = true
            // Baskets 0 and 1 are the rule's own (a volatility target adds none).
            let spread = memory.basketReturn(0, months: rule.months) - memory.basketReturn(1, months: rule.months)
            if side == .defensive && spread > rule.band {
                side = .offensive
            } else if side == .offensive && spread < -rule.band {
                side = .defensive
            }
        }

        func choose(_ view: PolicyView, memory: SignalMemory, sleeve: UnsafeMutableBufferPointer<Double>) -> SleeveChoice {
            guard started else { return .wait }
            let fractions = side == .offensive ? rule.offensive : rule.defensive
            for a in sleeve.indices { sleeve[a] = fractions[a] }
            return .chosen
        }
    }
}
