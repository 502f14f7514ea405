import Foundation

/// How a two-factor selection combines the factors' percentile ranks.
public enum ScoreCombination: String, CaseIterable, Sendable, Equatable {
    /// pA x pB: high in A and high in B (the seed's purer two-factor index).
    case product
    /// (pA + pB) / 2: high in either, which behaves like a union.
    case sum
}

/// Which members of the segment an index selects. Only stocks with a score in every factor the
/// selection reads are candidates; n is their number.
public enum IndexSelection: Sendable, Equatable {
    /// Every member of the segment.
    case all
    /// The top ceil(fraction x n) by the factor's score.
    case top(factor: Int, fraction: Double)
    /// Each score mapped to (0, 1] by its percentile rank among the candidates (ties averaged),
    /// combined, and the top ceil(fraction x n) by the combination.
    case pair(Int, Int, fraction: Double, combination: ScoreCombination)

    var fraction: Double? {
        switch self {
        case .all: nil
        case .top(_, let fraction), .pair(_, _, let fraction, _): fraction
        }
    }
}

/// How the selected stocks are weighted before the caps.
public enum IndexWeighting: String, CaseIterable, Sendable, Equatable {
    /// Free-float cap.
    case cap
    /// 1 / constituents.
    case equal
    /// The selection score in (0, 1]: the factor's percentile, or the pair's combination.
    case score
    /// Free-float cap x selection score (the seed's factor-tilt).
    case tilt
}

/// The rule an index provider applies at each review.
public struct IndexRule: Sendable, Equatable {
    public var segment: SizeSegment
    public var selection: IndexSelection
    public var weighting: IndexWeighting
    /// Largest weight of one stock, e.g. 0.05, 0.10, 0.15.
    public var stockCap: Double?
    /// Largest weight of one industry, e.g. 0.30.
    public var industryCap: Double?
    /// A current constituent stays while ranked within ceil(fraction x (1 + buffer) x n).
    public var buffer: Double?

    public init(
        segment: SizeSegment = .all, selection: IndexSelection, weighting: IndexWeighting,
        stockCap: Double? = nil, industryCap: Double? = nil, buffer: Double? = nil
    ) {
        self.segment = segment
        self.selection = selection
        self.weighting = weighting
        self.stockCap = stockCap
        self.industryCap = industryCap
        self.buffer = buffer
    }

    /// Why the rule cannot be built over `factorCount` factors (nil if it can).
    public func problem(factorCount: Int) -> String? {
        if let reason = SizeSegment.problem(lower: segment.lower, upper: segment.upper) { return reason }
        switch selection {
        case .all:
            if weighting == .score || weighting == .tilt {
                return "\(weighting) weighting needs a selection by factor score"
            }
            if buffer != nil { return "a buffer needs a selection by factor score" }
        case .top(let factor, let fraction):
            if let reason = Self.factorProblem(factor, factorCount) { return reason }
            if let reason = Self.fractionProblem(fraction) { return reason }
        case .pair(let a, let b, let fraction, _):
            if let reason = Self.factorProblem(a, factorCount) ?? Self.factorProblem(b, factorCount) { return reason }
            if a == b { return "a two-factor selection needs two different factors, got \(a) twice" }
            if let reason = Self.fractionProblem(fraction) { return reason }
        }
        if let cap = stockCap, !(cap > 0 && cap <= 1) { return "stock cap must lie in (0, 1], got \(cap)" }
        if let cap = industryCap, !(cap > 0 && cap <= 1) { return "industry cap must lie in (0, 1], got \(cap)" }
        if let buffer, !(buffer >= 0 && buffer.isFinite) { return "buffer must be a finite number >= 0, got \(buffer)" }
        return nil
    }

    /// Why the caps cannot be met with `constituents` stocks in `industries` industries (nil if
    /// they can): a stock cap c needs ceil(1 / c) constituents, an industry cap c needs ceil(1 / c)
    /// industries. (Necessary, not sufficient: with both caps an industry holds at most
    /// min(industry cap, its constituents x stock cap); `WeightCaps.apply` checks that.)
    public func capsProblem(constituents: Int, industries: Int) -> String? {
        if let cap = stockCap {
            let needed = Self.wholeCount(1 / cap)
            if constituents < needed {
                return "a \(Self.percent(cap)) stock cap needs at least \(needed) constituents, "
                    + "the index has \(constituents)"
            }
        }
        if let cap = industryCap {
            let needed = Self.wholeCount(1 / cap)
            if industries < needed {
                return "a \(Self.percent(cap)) industry cap needs constituents in at least \(needed) industries, "
                    + "they are in \(industries)"
            }
        }
        return nil
    }

    /// ceil(x), where x within 1e-9 of a whole number counts as that number: 0.1 x 30 is
    /// 3.0000000000000004 in binary and must select 3 stocks, 1 / 0.05 must ask for 20.
    static func wholeCount(_ x: Double) -> Int {
        let nearest = x.rounded()
        return Int(abs(x - nearest) <= 1e-9 ? nearest : x.rounded(.up))
    }

    /// How many of n candidates a selection fraction takes: at least 1 (when n > 0), at most n.
    static func selectedCount(fraction: Double, of n: Int) -> Int {
        min(n, max(1, wholeCount(fraction * Double(n))))
    }

    private static func factorProblem(_ factor: Int, _ factorCount: Int) -> String? {
        (0..<factorCount).contains(factor) ? nil : "unknown factor \(factor): the universe has \(factorCount) factors"
    }

    private static func fractionProblem(_ fraction: Double) -> String? {
        fraction > 0 && fraction <= 1 ? nil : "selection fraction must lie in (0, 1], got \(fraction)"
    }

    /// 0.05 as "5%", 0.125 as "12.5%".
    static func percent(_ x: Double) -> String {
        let p = x * 100
        let whole = p.rounded()
        return abs(p - whole) <= 1e-9 ? "\(Int(whole))%" : String(format: "%.4g%%", p)
    }
}
