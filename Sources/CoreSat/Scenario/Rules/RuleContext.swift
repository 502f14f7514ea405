import CoreSatEngine

/// What a rule's loader checks its settings against: the assets, the horizon and warm-up (no
/// window may be longer than both together), the market (its regimes) and the risk-free rate.
struct RuleContext {
    let assets: [Asset]
    let months: Int
    let warmUpMonths: Int
    let market: MarketModelSpec
    let riskFreeAnnual: Double

    var ids: [String] { assets.map(\.id) }
    var regimeNames: [String] { market.regimeNames }

    /// A window length in months: at least `minimum`, at most the horizon plus warm-up.
    func window(_ c: YAMLCursor, minimum: Int = 1, what: String = "lookback") throws(InputError) -> Int {
        let n = try c.int()
        if n < minimum { throw c.error("\(what) must be at least \(minimum) month\(minimum == 1 ? "" : "s"), got \(n)") }
        if n > months + warmUpMonths {
            throw c.error(
                "\(what) of \(n) months is longer than the horizon plus warm-up (\(months) + \(warmUpMonths) months); "
                    + "shorten it or raise warm_up_months")
        }
        return n
    }

    /// `skip_months` (default 0): months skipped before a window of `longest` months, which both
    /// must fit in the horizon plus warm-up.
    func skip(_ m: YAMLMapping, before longest: Int) throws(InputError) -> Int {
        guard let c = m.optional("skip_months") else { return 0 }
        let s = try c.int()
        guard s >= 0 else { throw c.error("skip_months cannot be negative, got \(s)") }
        if longest + s > months + warmUpMonths {
            throw c.error(
                "the lookback of \(longest) months plus \(s) skipped is longer than the horizon plus warm-up (\(months) + \(warmUpMonths) months)")
        }
        return s
    }
}
