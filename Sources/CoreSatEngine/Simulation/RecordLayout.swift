/// A per-path number a run keeps, named so that saved results do not depend on the order of cases
/// in the code: `policy[2].cagr`, `regime[0].share_of_months`, `policy[0].wealth_m060`.
public struct ColumnKey: Hashable, Sendable, CustomStringConvertible {
    public enum Owner: Hashable, Sendable {
        case policy(Int)
        case regime(Int)
        /// The path's market, for numbers that belong to no policy (a backtest's regime of each month).
        case market
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
        case .market: "market.\(figure)"
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
///
/// With more than one regime the record goes on, after the columns a one-regime run has (which keep
/// their places): each regime's share of months that are entries (`regime[k].entry_share_of_months`),
/// then for each policy and regime bucket (`regime[k]`, then `entry[k]`, see `RegimeBuckets`) the
/// `RegimeFigure`s and each satellite asset's weight (`policy[p].regime[k].weight.<asset id>`), then
/// the `RecognitionFigure`s of the policies that classify regimes (`policy[p].regime_hit_rate`).
/// A record that keeps monthly returns (a backtest) ends with each policy's weights at every month
/// end (`policy[p].weight_m0001.<asset id>`) and, with more than one regime, each month's regime
/// (`market.regime_m0001`), for the report's charts.
public struct RecordLayout: Sendable, Equatable {
    public let policies: Int
    public let regimes: Int
    /// Months (counted from the start, 1...months) at whose end each policy's wealth is kept, for
    /// charts; empty unless a run asks for it.
    public let wealthGrid: [Int]
    /// Months whose net return each policy's record keeps (1...returnMonths; 0: none), for the
    /// calendar-year and drawdown-date tables of a backtest.
    public let returnMonths: Int
    /// Ids of the satellite assets, whose weights the per-regime figures report (with more than one
    /// regime) and a backtest's weight charts draw.
    public let satelliteAssets: [String]
    /// Ids of every asset, whose weights at each month end a record keeping monthly returns holds
    /// (empty otherwise).
    public let monthlyAssets: [String]
    /// The policies that name the regime they believe in, ascending.
    public let classifiers: [Int]
    /// Figures the market model measures per path (`ReturnModel.pathFigureNames`), the last columns.
    public let marketFigures: [String]
    /// Every column in record order, and where each sits.
    public let columns: [ColumnKey]
    private let index: [ColumnKey: Int]

    public init(
        policies: Int, regimes: Int, wealthGrid: [Int] = [], returnMonths: Int = 0, satelliteAssets: [String] = [],
        classifiers: [Int] = [], monthlyAssets: [String] = [], marketFigures: [String] = []
    ) {
        self.policies = policies
        self.regimes = regimes
        self.wealthGrid = wealthGrid
        self.returnMonths = returnMonths
        // The per-regime figures report satellite weights, and a backtest's charts draw them.
        self.satelliteAssets = regimes > 1 || returnMonths > 0 ? satelliteAssets : []
        self.classifiers = regimes > 1 ? classifiers.sorted() : []
        self.monthlyAssets = returnMonths > 0 ? monthlyAssets : []
        columns = Self.columns(policies: policies, regimes: regimes, wealthGrid: wealthGrid, returnMonths: returnMonths,
            satelliteAssets: self.satelliteAssets, classifiers: self.classifiers)
            + Self.monthlyColumns(policies: policies, regimes: regimes, months: returnMonths, assets: self.monthlyAssets)
            + marketFigures.map { ColumnKey(.market, $0) }
        self.marketFigures = marketFigures
        index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static func == (a: RecordLayout, b: RecordLayout) -> Bool {
        a.policies == b.policies && a.regimes == b.regimes && a.wealthGrid == b.wealthGrid && a.returnMonths == b.returnMonths
            && a.satelliteAssets == b.satelliteAssets && a.classifiers == b.classifiers && a.monthlyAssets == b.monthlyAssets
            && a.marketFigures == b.marketFigures
    }

    /// At most `points` months spread evenly over the horizon, ending at the last month.
    public static func wealthGrid(months: Int, points: Int = 60) -> [Int] {
        let n = min(points, months)
        return (1...n).map { ($0 * months + n - 1) / n }
    }

    /// Whether the record has per-regime figures: only with more than one regime.
    public var hasRegimeFigures: Bool { regimes > 1 }
    /// Regime buckets per policy: each regime, then the first months after entering each.
    public var bucketCount: Int { hasRegimeFigures ? 2 * regimes : 0 }
    var perBucket: Int { RegimeFigure.count + satelliteAssets.count }

    var perPolicy: Int { PathFigure.count + RelativeFigure.count + PolicyTally.allCases.count + wealthGrid.count + returnMonths }
    var regimeBase: Int { policies * perPolicy + regimes }
    var bucketBase: Int { regimeBase + (hasRegimeFigures ? regimes : 0) }
    var recognitionBase: Int { bucketBase + policies * bucketCount * perBucket }
    var monthlyBase: Int { recognitionBase + classifiers.count * RecognitionFigure.count }
    /// Whether the record ends with each month's regime (see `monthlyAssets`).
    public var keepsMonthlyRegimes: Bool { !monthlyAssets.isEmpty && regimes > 1 }
    public var stride: Int { offsetOfMarketFigures + marketFigures.count }
    /// Where the market model's per-path figures start: after everything else.
    var offsetOfMarketFigures: Int {
        monthlyBase + policies * returnMonths * monthlyAssets.count + (keepsMonthlyRegimes ? returnMonths : 0)
    }

    func offset(policy: Int, _ figure: PathFigure) -> Int { policy * perPolicy + figure.rawValue }
    func offset(policy: Int, _ figure: RelativeFigure) -> Int { policy * perPolicy + PathFigure.count + figure.rawValue }
    func offset(policy: Int, _ tally: PolicyTally) -> Int {
        policy * perPolicy + PathFigure.count + RelativeFigure.count + tally.rawValue
    }
    func offsetOfWealth(policy: Int) -> Int { policy * perPolicy + PathFigure.count + RelativeFigure.count + PolicyTally.allCases.count }
    func offsetOfReturns(policy: Int) -> Int { offsetOfWealth(policy: policy) + wealthGrid.count }
    func offset(regime: Int) -> Int { policies * perPolicy + regime }
    func offset(entryShare regime: Int) -> Int { regimeBase + regime }
    /// The first of a bucket's numbers: its `RegimeFigure`s, then the satellite weights.
    func offset(policy: Int, bucket: Int) -> Int { bucketBase + (policy * bucketCount + bucket) * perBucket }
    /// The first recognition figure of a policy that classifies regimes; nil for the others.
    func offsetOfRecognition(policy: Int) -> Int? {
        classifiers.firstIndex(of: policy).map { recognitionBase + $0 * RecognitionFigure.count }
    }

    /// A policy's weights at the end of month 1: `returnMonths` rows of `monthlyAssets.count`.
    func offsetOfMonthlyWeights(policy: Int) -> Int { monthlyBase + policy * returnMonths * monthlyAssets.count }
    /// The regime of month 1, then of each month after it.
    var offsetOfMonthlyRegimes: Int { monthlyBase + policies * returnMonths * monthlyAssets.count }

    public static let shareOfMonths = "share_of_months"
    public static let entryShareOfMonths = "entry_share_of_months"

    /// A bucket's name in column and figure names: `regime[k]` for bucket k < K, `entry[k]` after.
    public func bucketName(_ bucket: Int) -> String { Self.bucketName(bucket, regimes: regimes) }

    static func bucketName(_ bucket: Int, regimes: Int) -> String {
        bucket < regimes ? "regime[\(bucket)]" : "entry[\(bucket - regimes)]"
    }

    /// The figure name of a number of a policy's regime bucket: `regime[1].excess_return`,
    /// `entry[0].weight.qqq`.
    public func bucketFigure(_ bucket: Int, _ figure: RegimeFigure) -> String { "\(bucketName(bucket)).\(figure.key)" }
    public func bucketWeight(_ bucket: Int, satellite s: Int) -> String {
        "\(bucketName(bucket)).\(RegimeFigure.weightPrefix).\(satelliteAssets[s])"
    }

    private static func columns(
        policies: Int, regimes: Int, wealthGrid: [Int], returnMonths: Int, satelliteAssets: [String], classifiers: [Int]
    ) -> [ColumnKey] {
        var keys: [ColumnKey] = []
        for p in 0..<policies {
            keys += PathFigure.allCases.map { ColumnKey(.policy(p), $0.key) }
            keys += RelativeFigure.allCases.map { ColumnKey(.policy(p), $0.key) }
            keys += PolicyTally.allCases.map { ColumnKey(.policy(p), $0.key) }
            keys += wealthGrid.map { ColumnKey(.policy(p), Self.wealthKey(month: $0)) }
            keys += (0..<returnMonths).map { ColumnKey(.policy(p), Self.returnKey(month: $0 + 1)) }
        }
        keys += (0..<regimes).map { ColumnKey(.regime($0), Self.shareOfMonths) }
        guard regimes > 1 else { return keys }
        keys += (0..<regimes).map { ColumnKey(.regime($0), Self.entryShareOfMonths) }
        for p in 0..<policies {
            for name in (0..<(2 * regimes)).map({ bucketName($0, regimes: regimes) }) {
                keys += RegimeFigure.allCases.map { ColumnKey(.policy(p), "\(name).\($0.key)") }
                keys += satelliteAssets.map { ColumnKey(.policy(p), "\(name).\(RegimeFigure.weightPrefix).\($0)") }
            }
        }
        for p in classifiers {
            keys += RecognitionFigure.allCases.map { ColumnKey(.policy(p), $0.key) }
        }
        return keys
    }

    private static func monthlyColumns(policies: Int, regimes: Int, months: Int, assets: [String]) -> [ColumnKey] {
        guard !assets.isEmpty else { return [] }
        var keys: [ColumnKey] = []
        for p in 0..<policies {
            for m in 1...months { keys += assets.map { ColumnKey(.policy(p), weightKey(month: m, asset: $0)) } }
        }
        if regimes > 1 { keys += (1...months).map { ColumnKey(.market, regimeKey(month: $0)) } }
        return keys
    }

    public static func wealthKey(month: Int) -> String { "wealth_m" + fourDigits(month) }
    /// A policy's weight of an asset at the end of month `month` (1...months), after any trade.
    public static func weightKey(month: Int, asset: String) -> String { "weight_m" + fourDigits(month) + "." + asset }
    /// The regime (its index) the market was in during month `month` (1...months).
    public static func regimeKey(month: Int) -> String { "regime_m" + fourDigits(month) }
    /// The net return of month `month` (1...months).
    public static func returnKey(month: Int) -> String { "return_m" + fourDigits(month) }

    static func fourDigits(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }

    /// The offset of a named column, or nil when this layout has no such column.
    public func offset(_ key: ColumnKey) -> Int? {
        index[key]
    }
}

extension PathFigure {
    static let count = allCases.count
}

extension RelativeFigure {
    static let count = allCases.count
}
