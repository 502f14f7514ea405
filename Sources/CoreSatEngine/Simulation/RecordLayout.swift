/// A per-path number a run keeps, named so that saved results do not depend on the order of cases
/// in the code: `policy[2].cagr`, `regime[0].share_of_months`, `policy[0].wealth_m060`.
public struct ColumnKey: Hashable, Sendable, CustomStringConvertible {
    public enum Owner: Hashable, Sendable {
        case policy(Int)
        case regime(Int)
    }

    public var owner: Owner
    public var figure: String

    public init(_ owner: Owner, _ figure: String) {
        self.owner = owner
        self.figure = figure
    }

    public var description: String {
        switch owner {
        case .policy(let p): "policy[\(p)].\(figure)"
        case .regime(let k): "regime[\(k)].\(figure)"
        }
    }
}

/// Counts and amounts kept per path and policy besides the figures.
public enum PolicyTally: Int, CaseIterable, Sendable {
    /// Money put in minus money taken out (see `AccountOutcome.netInvested`).
    case netInvested
    /// Reviews at which the policy's runner was asked for targets, and those it answered with a fallback.
    case decisions, fallbacks

    public var key: String {
        switch self {
        case .netInvested: "net_invested"
        case .decisions: "decisions"
        case .fallbacks: "fallbacks"
        }
    }
}

/// Where each number of a path's record sits. A path's numbers are stored together (one contiguous
/// record per path), so a worker writes one block of memory per path.
public struct RecordLayout: Sendable, Equatable {
    public let policies: Int
    public let regimes: Int
    /// Months (counted from the start, 1...months) at whose end each policy's wealth is kept, for
    /// charts; empty unless a run asks for it.
    public let wealthGrid: [Int]

    public init(policies: Int, regimes: Int, wealthGrid: [Int] = []) {
        self.policies = policies
        self.regimes = regimes
        self.wealthGrid = wealthGrid
    }

    /// At most `points` months spread evenly over the horizon, ending at the last month.
    public static func wealthGrid(months: Int, points: Int = 60) -> [Int] {
        let n = min(points, months)
        return (1...n).map { ($0 * months + n - 1) / n }
    }

    var perPolicy: Int { PathFigure.count + RelativeFigure.count + PolicyTally.allCases.count + wealthGrid.count }
    public var stride: Int { policies * perPolicy + regimes }

    func offset(policy: Int, _ figure: PathFigure) -> Int { policy * perPolicy + figure.rawValue }
    func offset(policy: Int, _ figure: RelativeFigure) -> Int { policy * perPolicy + PathFigure.count + figure.rawValue }
    func offset(policy: Int, _ tally: PolicyTally) -> Int {
        policy * perPolicy + PathFigure.count + RelativeFigure.count + tally.rawValue
    }
    func offsetOfWealth(policy: Int) -> Int { policy * perPolicy + PathFigure.count + RelativeFigure.count + PolicyTally.allCases.count }
    func offset(regime: Int) -> Int { policies * perPolicy + regime }

    public static let shareOfMonths = "share_of_months"

    /// Every column in record order.
    public var columns: [ColumnKey] {
        var keys: [ColumnKey] = []
        for p in 0..<policies {
            keys += PathFigure.allCases.map { ColumnKey(.policy(p), $0.key) }
            keys += RelativeFigure.allCases.map { ColumnKey(.policy(p), $0.key) }
            keys += PolicyTally.allCases.map { ColumnKey(.policy(p), $0.key) }
            keys += wealthGrid.map { ColumnKey(.policy(p), Self.wealthKey(month: $0)) }
        }
        keys += (0..<regimes).map { ColumnKey(.regime($0), Self.shareOfMonths) }
        return keys
    }

    public static func wealthKey(month: Int) -> String {
        "wealth_m" + String(repeating: "0", count: max(0, 4 - String(month).count)) + String(month)
    }

    /// The offset of a named column, or nil when this layout has no such column.
    public func offset(_ key: ColumnKey) -> Int? {
        columns.firstIndex(of: key)
    }
}

extension PathFigure {
    static let count = allCases.count
}

extension RelativeFigure {
    static let count = allCases.count
}
