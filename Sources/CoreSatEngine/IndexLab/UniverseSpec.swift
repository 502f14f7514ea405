import GSLKit

/// A simulated stock universe: how many stocks, their industries, the factor model's regimes and
/// the chain between them, and how the stocks' characteristics and scores evolve.
public struct UniverseSpec: Sendable, Equatable {
    public var stocks: Int
    /// Stocks are spread over the industries in contiguous blocks, by share (largest remainders).
    public var industryNames: [String]
    /// Share of stocks per industry, summing to 1; nil: equal shares.
    public var industryShares: [Double]?
    public var regimes: [UniverseRegime]
    public var chain: RegimeChain
    /// Monthly AR(1) coefficient of each characteristic (`StyleFactor.characteristics` order:
    /// value, growth, quality, dividend).
    public var persistence: [Double]
    /// Initial free-float caps are lognormal: median (in the user's currency) and log standard deviation.
    public var capMedian: Double, capDispersion: Double
    /// Standard deviation of the stocks' market betas around 1.
    public var betaDispersion: Double
    /// Months between updates of the characteristics (1: monthly, 3: with quarterly reports),
    /// counted from the path's month 0: with 3, they update at the end of months 2, 5, 8, ...
    public var characteristicsEvery: Int
    /// Momentum: the cumulative excess return over `momentumMonths`, ending `momentumSkip` months ago.
    public var momentumMonths: Int, momentumSkip: Int
    /// Low volatility: minus the volatility of the last `volatilityMonths` monthly returns.
    public var volatilityMonths: Int
    /// Elasticity of a stock's idiosyncratic volatility to its cap: noise scales as
    /// (cap / typical cap)^(-elasticity), so small stocks are noisier.
    public var noiseSizeElasticity: Double

    public init(
        stocks: Int, industryNames: [String], industryShares: [Double]? = nil, regimes: [UniverseRegime],
        chain: RegimeChain, persistence: [Double], capMedian: Double, capDispersion: Double, betaDispersion: Double,
        characteristicsEvery: Int, momentumMonths: Int = 12, momentumSkip: Int = 1, volatilityMonths: Int = 12,
        noiseSizeElasticity: Double = 0.2
    ) {
        self.stocks = stocks
        self.industryNames = industryNames
        self.industryShares = industryShares
        self.regimes = regimes
        self.chain = chain
        self.persistence = persistence
        self.capMedian = capMedian
        self.capDispersion = capDispersion
        self.betaDispersion = betaDispersion
        self.characteristicsEvery = characteristicsEvery
        self.momentumMonths = momentumMonths
        self.momentumSkip = momentumSkip
        self.volatilityMonths = volatilityMonths
        self.noiseSizeElasticity = noiseSizeElasticity
    }

    /// Months of returns the trailing scores need: a path's warm-up is at least this long.
    public var windowMonths: Int { max(momentumMonths + momentumSkip, volatilityMonths) }

    /// Stocks per industry: each industry's share of `stocks`, rounded by largest remainders (ties
    /// to the earlier industry), so the counts sum to `stocks` and do not depend on anything random.
    public func industryCounts() -> [Int] {
        let k = industryNames.count
        let shares = industryShares ?? Array(repeating: 1 / Double(k), count: k)
        let total = shares.reduce(0, +)
        // Shares `problem` rejects give no stocks rather than a crash.
        guard stocks > 0, shares.count == k, shares.allSatisfy({ $0.isFinite && $0 >= 0 }), total > 0 else {
            return Array(repeating: 0, count: k)
        }
        let exact = shares.map { $0 / total * Double(stocks) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let byRemainder = (0..<k).sorted { a, b in
            let (ra, rb) = (exact[a] - Double(counts[a]), exact[b] - Double(counts[b]))
            return ra != rb ? ra > rb : a < b
        }
        for i in byRemainder.prefix(max(stocks - counts.reduce(0, +), 0)) { counts[i] += 1 }
        return counts
    }

    /// Why the spec is invalid, or nil: the reason a loader reports as an input error.
    public func problem() -> String? {
        if stocks < 2 { return "a universe needs at least 2 stocks, not \(stocks)" }
        if let reason = industryProblem() { return reason }
        if regimes.isEmpty { return "a universe needs at least one regime" }
        if regimes.count != chain.regimeCount {
            return "the universe has \(regimes.count) regimes but its regime chain has \(chain.regimeCount)"
        }
        for regime in regimes { if let reason = regime.problem() { return reason } }
        if Set(regimes.map(\.name)).count != regimes.count { return "regime names must be distinct" }
        if let reason = chainProblem() { return reason }
        if let reason = characteristicProblem() { return reason }
        if !(capMedian.isFinite && capMedian > 0) {
            return "the median cap must be a finite number > 0, not \(capMedian)"
        }
        for (label, value) in [
            ("cap dispersion", capDispersion), ("beta dispersion", betaDispersion),
            ("noise size elasticity", noiseSizeElasticity),
        ] where !(value.isFinite && value >= 0) {
            return "the \(label) must be a finite number >= 0, not \(value)"
        }
        if momentumMonths < 1 { return "momentum needs at least 1 month, not \(momentumMonths)" }
        if momentumSkip < 0 { return "the momentum skip cannot be negative (\(momentumSkip))" }
        if volatilityMonths < 2 { return "volatility needs at least 2 months, not \(volatilityMonths)" }
        return nil
    }

    private func industryProblem() -> String? {
        if industryNames.isEmpty { return "a universe needs at least one industry" }
        if industryNames.contains(where: \.isEmpty) { return "industry names cannot be empty" }
        if Set(industryNames).count != industryNames.count { return "industry names must be distinct" }
        if let shares = industryShares {
            if shares.count != industryNames.count {
                return "give one industry share per industry (\(industryNames.count)), not \(shares.count)"
            }
            if let bad = shares.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
                return "industry '\(industryNames[bad])': its share must be a finite number > 0"
            }
            let total = shares.reduce(0, +)
            if abs(total - 1) > 1e-6 { return "industry shares must sum to 1, not \(total)" }
        }
        if let empty = industryCounts().firstIndex(of: 0) {
            return "industry '\(industryNames[empty])' gets no stock of \(stocks): too few stocks for its share"
        }
        return nil
    }

    private func chainProblem() -> String? {
        let k = chain.regimeCount
        func isDistribution(_ p: [Double]) -> Bool {
            p.allSatisfy { $0.isFinite && $0 >= 0 } && abs(p.reduce(0, +) - 1) <= 1e-9
        }
        if !isDistribution(chain.start) { return "the regime chain's start must be probabilities summing to 1" }
        for i in 0..<k where !isDistribution((0..<k).map { chain.transition[i, $0] }) {
            return "the regime chain's row for '\(regimes[i].name)' must be probabilities summing to 1"
        }
        return nil
    }

    private func characteristicProblem() -> String? {
        let names = StyleFactor.characteristics.map(\.rawValue)
        if persistence.count != names.count {
            let list = names.joined(separator: ", ")
            return "give one persistence per characteristic (\(list)), not \(persistence.count)"
        }
        for (name, phi) in zip(names, persistence) where !(phi >= 0 && phi <= 1) {
            return "the \(name) persistence must lie in [0, 1], not \(phi)"
        }
        if !(1...12).contains(characteristicsEvery) {
            return "characteristics update every 1 to 12 months, not \(characteristicsEvery)"
        }
        return nil
    }
}
