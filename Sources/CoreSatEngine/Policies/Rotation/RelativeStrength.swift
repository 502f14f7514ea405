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
        precondition(!lookbacks.isEmpty, "relative strength needs a lookback")
        self.lookbacks = lookbacks
        self.skip = skip
        self.top = top
        self.weighting = weighting
        self.absolute = absolute
    }

    /// Months of history the ranking reads (the longest lookback, skipped months included).
    var rankingMonths: Int { lookbacks.reduce(0) { max($0, $1.months) } + skip }

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
        let universe: UnsafeMutableBufferPointer<Int>
        /// Months of history needed before the first choice.
        let months: Int
        let score, inverse: UnsafeMutableBufferPointer<Double>
        /// `slot[r]` is the satellite ranked r (0 first); the chosen are the first `top`.
        let slot: UnsafeMutableBufferPointer<Int>
        let chosen: UnsafeMutableBufferPointer<Int>

        init(rule: RelativeStrength, plan: SleevePlan) {
            self.rule = rule
            months = rule.needs(plan).months
            universe = .allocate(capacity: plan.universe.count)
            _ = universe.initialize(from: plan.universe)
            score = .allocate(capacity: plan.universe.count)
            inverse = .allocate(capacity: rule.top)
            slot = .allocate(capacity: plan.universe.count)
            chosen = UnsafeMutableBufferPointer(rebasing: slot[0..<rule.top])
        }

        deinit {
            universe.deallocate()
            score.deallocate()
            inverse.deallocate()
            slot.deallocate()
        }

        func choose(_ view: PolicyView, memory: SignalMemory, sleeve: UnsafeMutableBufferPointer<Double>) -> SleeveChoice {
            guard memory.has(months: months) else { return .wait }
            let top = rule.top
            if rule.lookbacks.count == 1 {
                // One lookback: log returns rank as the returns do, without an expm1 each.
                let (end, start) = memory.logReturns(months: rule.lookbacks[0].months, skip: rule.skip)
                for a in universe.indices { score[a] = end[universe[a]] - start[universe[a]] }
            } else {
                for a in universe.indices { score[a] = 0 }
                for lookback in rule.lookbacks {
                    let (end, start) = memory.logReturns(months: lookback.months, skip: rule.skip)
                    for a in universe.indices { score[a] += lookback.weight * expm1(end[universe[a]] - start[universe[a]]) }
                }
            }
            // Each satellite's rank is the number ranked above it: listed earlier with a score at
            // least as high, or later with a higher one. Both are sign bits of differences (x - x
            // is +0), so the n^2 steps have no branch to mispredict, which ranking random scores
            // otherwise does half the time. Ranks are a permutation, so every slot gets written.
            let n = score.count
            let p = score.baseAddress!
            for a in 0..<n {
                let s = p[a]
                var rank = 0
                for b in 0..<a { rank &+= 1 &- Int(truncatingIfNeeded: (p[b] - s).bitPattern >> 63) }
                for b in (a + 1)..<max(n, a + 1) { rank &+= Int(truncatingIfNeeded: (s - p[b]).bitPattern >> 63) }
                slot[rank] = a
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
                // Compared in logs: log(1 + r) <= log(1 + hurdle).
                let (end, start) = memory.logReturns(months: absolute.months)
                let hurdle = rule.hurdleLogReturn(absolute, end: end, start: start, assetCount: memory.assetCount)
                for a in chosen where end[universe[a]] - start[universe[a]] <= hurdle { sleeve[a] = 0 }
            }
            return choice
        }
    }

    /// log(1 + the hurdle's return) over the filter's window, from the window's cumulative sums.
    func hurdleLogReturn(_ filter: AbsoluteFilter, end: UnsafePointer<Double>, start: UnsafePointer<Double>, assetCount: Int) -> Double {
        switch filter.hurdle {
        case .asset(let i): end[i] - start[i]
        case .basket: end[assetCount] - start[assetCount]  // the rule's only basket
        case .rate(let annual): Double(filter.months) / 12 * Foundation.log1p(annual)
        }
    }
}
