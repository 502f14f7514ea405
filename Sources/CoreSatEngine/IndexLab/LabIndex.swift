/// An index lab: the universe and the indices built from it (the scenario's assets, in order).
public struct IndexLabSpec: Sendable, Equatable {
    public var universe: UniverseSpec
    public var indices: [LabIndex]
    /// Months generated before month 0 (the scenario's warm-up): the lab measures after them.
    public var warmUpMonths: Int

    public init(universe: UniverseSpec, indices: [LabIndex], warmUpMonths: Int = 0) {
        self.universe = universe
        self.indices = indices
        self.warmUpMonths = warmUpMonths
    }
}

/// One index the lab builds: its rules, how often it is reviewed, and what holding it costs.
public struct LabIndex: Sendable, Equatable {
    /// The asset id a scenario's policies hold it by.
    public var id: String
    public var rule: IndexRule
    /// Months between reviews: 1 monthly, 3 quarterly, 6 semiannual, 12 annual.
    public var reviewMonths: Int
    /// Cost of trading, per unit of one-way turnover at a review (commission, spread, impact): the
    /// index's return is net of it. A fund's fee is its asset's `expense_ratio`, charged by the account.
    public var tradingCost: Double

    public init(id: String, rule: IndexRule, reviewMonths: Int, tradingCost: Double = 0) {
        self.id = id
        self.rule = rule
        self.reviewMonths = reviewMonths
        self.tradingCost = tradingCost
    }

    /// The cap-weighted index of the rule's whole segment: what the index is measured against.
    public var parentRule: IndexRule {
        IndexRule(segment: rule.segment, selection: .all, weighting: .cap, stockCap: nil, industryCap: nil, buffer: nil)
    }

    /// The name of one of an index's figures among the market's figures: `index[growth].turnover`.
    public static func figureName(index id: String, _ figure: String) -> String { "index[\(id)].\(figure)" }

    /// The index and the figure a market figure's name holds, or nil for a name of another kind.
    public static func parse(figureName name: String) -> (index: String, figure: String)? {
        guard name.hasPrefix("index["), let close = name.firstIndex(of: "]") else { return nil }
        let rest = name[name.index(after: close)...]
        guard rest.first == "." else { return nil }
        return (String(name[name.index(name.startIndex, offsetBy: 6)..<close]), String(rest.dropFirst()))
    }

    /// The figures the lab measures for this index on every path, in record order.
    public static let figureNames = [
        "annual_return", "volatility", "tracking_error", "turnover", "cost", "constituents", "largest_weight", "capacity",
        "shortfall",
    ] + StyleFactor.allCases.map { "exposure." + $0.rawValue }
}
