import Foundation

/// Ranks the rotating satellites by trailing return (a weighted sum over one or several lookbacks,
/// optionally skipping the latest months) and holds the top `top`, equally or inverse-volatility
/// weighted. With an absolute filter (dual momentum) a chosen satellite whose trailing return does
/// not beat the hurdle is dropped and its weight goes to the destination. Ties rank the satellite
/// listed first higher.
public struct RelativeStrength: SleeveRule {
    public struct Lookback: Sendable, Equatable {
        public var months: Int
        public var weight: Double

        public init(months: Int, weight: Double) {
            self.months = months
            self.weight = weight
        }
    }

    public enum Weighting: Sendable, Equatable {
        case equal
        /// 1 / sample volatility of monthly returns over `months` months; equal weights (a fallback)
        /// when a chosen satellite's volatility is zero.
        case inverseVolatility(months: Int)
    }

    /// What a satellite's trailing return must beat to be held.
    public enum Hurdle: Sendable, Equatable {
        /// An asset's trailing return (a cash asset).
        case asset(Int)
        /// A fixed-weight basket (the core at its base weights).
        case basket([Double])
        /// A constant annual rate (the scenario's risk-free rate), compounded over the window.
        case rate(annual: Double)
    }

    public struct AbsoluteFilter: Sendable, Equatable {
        public var months: Int
        public var hurdle: Hurdle

        public init(months: Int, hurdle: Hurdle) {
            self.months = months
            self.hurdle = hurdle
        }
    }

    public var lookbacks: [Lookback]
    public var skip: Int
    public var top: Int
    public var weighting: Weighting
    public var absolute: AbsoluteFilter?

    public init(lookbacks: [Lookback], skip: Int = 0, top: Int, weighting: Weighting = .equal, absolute: AbsoluteFilter? = nil) {
        self.lookbacks = lookbacks
        self.skip = skip
        self.top = top
        self.weighting = weighting
        self.absolute = absolute
    }

    /// Months of history the ranking needs (the filter and volatilities are read once it has them).
    var rankingMonths: Int { lookbacks.map(\.months).max()! + skip }

    public func needs(_ plan: SleevePlan) -> SignalMemory.Needs {
        var months = rankingMonths
        var moments = false
        if case .inverseVolatility(let m) = weighting {
            months = max(months, m)
            moments = true
        }
        var baskets: [[Double]] = []
        if let absolute {
            months = max(months, absolute.months)
            if case .basket(let b) = absolute.hurdle { baskets = [b] }
        }
        return SignalMemory.Needs(months: months, baskets: baskets, moments: moments)
    }

    public func makeSelector(_ plan: SleevePlan) -> any SleeveSelector { Selector(rule: self, plan: plan) }

    /// The ranking's scratch space, so a review allocates nothing.
    final class Selector: SleeveSelector {
        let rule: RelativeStrength
        let plan: SleevePlan
        /// Months of history needed before the first choice.
        let months: Int
        var score: [Double]
        var chosen: [Int]
        var inverse: [Double]

        init(rule: RelativeStrength, plan: SleevePlan) {
            self.rule = rule
            self.plan = plan
            var months = rule.rankingMonths
            if case .inverseVolatility(let m) = rule.weighting { months = max(months, m) }
            if let absolute = rule.absolute { months = max(months, absolute.months) }
            self.months = months
            score = Array(repeating: 0, count: plan.universe.count)
            chosen = Array(repeating: 0, count: rule.top)
            inverse = Array(repeating: 0, count: rule.top)
        }

        func choose(_ view: PolicyView, memory: SignalMemory, sleeve: inout [Double]) -> SleeveChoice {
            guard memory.has(months: months) else { return .wait }
            let universe = plan.universe
            let top = rule.top
            for a in universe.indices {
                var s = 0.0
                for lookback in rule.lookbacks {
                    s += lookback.weight * memory.trailingReturn(asset: universe[a], months: lookback.months, skip: rule.skip)
                }
                score[a] = s
            }
            // The top k by repeated selection (k and the universe are small).
            for k in 0..<top {
                var best = -1
                for a in score.indices where score[a] > -.infinity && (best < 0 || score[a] > score[best]) { best = a }
                chosen[k] = best
                score[best] = -.infinity
            }
            var choice = SleeveChoice.chosen
            switch rule.weighting {
            case .equal:
                for a in chosen { sleeve[a] = 1 / Double(top) }
            case .inverseVolatility(let m):
                var total = 0.0
                for k in 0..<top {
                    inverse[k] = 1 / memory.covariance(chosen[k], chosen[k], months: m).squareRoot()
                    total += inverse[k]
                }
                if total.isFinite {
                    for k in 0..<top { sleeve[chosen[k]] = inverse[k] / total }
                } else {
                    for a in chosen { sleeve[a] = 1 / Double(top) }
                    choice = .fallback
                }
            }
            if let absolute = rule.absolute {
                let hurdle = rule.hurdleReturn(absolute, memory: memory)
                for a in chosen where memory.trailingReturn(asset: universe[a], months: absolute.months) <= hurdle { sleeve[a] = 0 }
            }
            return choice
        }
    }

    func hurdleReturn(_ filter: AbsoluteFilter, memory: SignalMemory) -> Double {
        switch filter.hurdle {
        case .asset(let i): memory.trailingReturn(asset: i, months: filter.months)
        case .basket: memory.basketReturn(0, months: filter.months)
        case .rate(let annual): Foundation.pow(1 + annual, Double(filter.months) / 12) - 1
        }
    }
}
