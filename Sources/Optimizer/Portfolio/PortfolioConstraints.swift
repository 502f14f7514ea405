/// The constraints every portfolio problem shares: weights sum to 1 (the budget), each weight within
/// its bounds, and each named group's total within its bounds.
public struct PortfolioConstraints: Sendable, Equatable {
    public var lower: [Double]
    public var upper: [Double]
    public var groups: [AssetGroup]
    /// At most `limit` of one-way-and-back turnover, Σ|w_i - current_i|, from the current weights.
    public var turnover: TurnoverLimit?

    public struct TurnoverLimit: Sendable, Equatable {
        public var current: [Double]
        public var limit: Double

        public init(current: [Double], limit: Double) {
            self.current = current
            self.limit = limit
        }
    }

    /// A named set of assets (a sleeve, a theme) whose total weight is bounded.
    public struct AssetGroup: Sendable, Equatable {
        public var name: String
        public var members: [Int]
        public var lower: Double
        public var upper: Double

        public init(name: String, members: [Int], lower: Double, upper: Double) {
            self.name = name
            self.members = members
            self.lower = lower
            self.upper = upper
        }
    }

    /// Long-only by default: every weight in [lower, upper].
    public init(assets n: Int, lower: Double = 0, upper: Double = 1, groups: [AssetGroup] = []) {
        self.lower = Array(repeating: lower, count: n)
        self.upper = Array(repeating: upper, count: n)
        self.groups = groups
    }

    public var isLongOnlyBudgetOnly: Bool {
        groups.isEmpty && turnover == nil && lower.allSatisfy { $0 == 0 } && upper.allSatisfy { $0 >= 1 }
    }

    /// Why no weights can satisfy these bounds on their own, or nil: a lower bound above its upper
    /// bound, or bounds that cannot sum to 1. Conflicts that involve groups are found by the solver.
    public func problem(names: [String]) -> String? {
        for i in lower.indices where !(lower[i] <= upper[i]) {
            return "the bounds of \(names[i]) are empty: lower \(lower[i]) is above upper \(upper[i])"
        }
        for g in groups where !(g.lower <= g.upper) {
            return "the bounds of group \(g.name) are empty: lower \(g.lower) is above upper \(g.upper)"
        }
        if let turnover {
            guard turnover.limit >= 0, turnover.limit.isFinite else { return "the turnover limit must be 0 or more" }
            guard turnover.current.count == lower.count, turnover.current.allSatisfy(\.isFinite) else {
                return "give a finite current weight for every asset"
            }
        }
        let low = lower.reduce(0, +), high = upper.reduce(0, +)
        if low > 1 + 1e-12 { return "the weights' lower bounds sum to \(low), above 1" }
        if high < 1 - 1e-12 { return "the weights' upper bounds sum to \(high), below 1" }
        return nil
    }
}
