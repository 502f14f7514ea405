import Foundation

/// Ranks the rotating satellites by trailing return (a weighted sum over one or several lookbacks,
/// optionally skipping the latest months) and holds the top `top`, equally or inverse-volatility
/// weighted. With an absolute filter (dual momentum) a chosen satellite whose trailing return does
/// not beat the hurdle is dropped and its weight goes to the destination. Ties rank the satellite
/// listed first higher.
public struct RelativeStrength: StatelessSleeveRule {
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

    public func choose(_ view: PolicyView, memory: SignalMemory, plan: SleevePlan, sleeve: inout [Double]) -> SleeveChoice {
        var months = rankingMonths
        if case .inverseVolatility(let m) = weighting { months = max(months, m) }
        if let absolute { months = max(months, absolute.months) }
        guard memory.has(months: months) else { return .wait }
        let universe = plan.universe
        // Scores, then the top k by selection (k and the universe are small).
        var chosen: [Int] = []
        chosen.reserveCapacity(top)
        var score = universe.indices.map { a in
            lookbacks.reduce(0.0) { $0 + $1.weight * memory.trailingReturn(asset: universe[a], months: $1.months, skip: skip) }
        }
        for _ in 0..<top {
            var best = -1
            for a in score.indices where score[a] > -.infinity && (best < 0 || score[a] > score[best]) { best = a }
            chosen.append(best)
            score[best] = -.infinity
        }
        var choice = SleeveChoice.chosen
        switch weighting {
        case .equal:
            for a in chosen { sleeve[a] = 1 / Double(top) }
        case .inverseVolatility(let m):
            let inverse = chosen.map { 1 / memory.covariance($0, $0, months: m).squareRoot() }
            if inverse.allSatisfy({ $0.isFinite }) {
                let total = inverse.reduce(0, +)
                for (a, x) in zip(chosen, inverse) { sleeve[a] = x / total }
            } else {
                for a in chosen { sleeve[a] = 1 / Double(top) }
                choice = .fallback
            }
        }
        if let absolute {
            let hurdle = hurdleReturn(absolute, memory: memory)
            for a in chosen where memory.trailingReturn(asset: universe[a], months: absolute.months) <= hurdle { sleeve[a] = 0 }
        }
        return choice
    }

    func hurdleReturn(_ filter: AbsoluteFilter, memory: SignalMemory) -> Double {
        switch filter.hurdle {
        case .asset(let i): memory.trailingReturn(asset: i, months: filter.months)
        case .basket: memory.basketReturn(0, months: filter.months)
        case .rate(let annual): Foundation.pow(1 + annual, Double(filter.months) / 12) - 1
        }
    }
}
