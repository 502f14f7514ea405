import Foundation

/// Regimes read off recorded returns by rules, with hindsight where the rule says so: they
/// describe history, for per-regime figures and for policies told the regime.
public enum RegimeLabels {
    /// Bear (0) and bull (1) markets, dated ex post as by Lunde and Timmermann (2004): a bear market
    /// runs from a peak to the trough after a fall of at least `fall`, a bull market from a trough to
    /// the peak after a rise of at least `rise`. Month t is labelled by the move its return belongs
    /// to; months before the first such move take the state that move ends, and months after the
    /// last confirmed turn the state then under way.
    public static func bullBear(returns: [Double], fall: Double, rise: Double) -> [Int32] {
        let bear: Int32 = 0, bull: Int32 = 1
        var labels = [Int32](repeating: bull, count: returns.count)
        // Wealth after month t is w; extremes are kept with the month they were reached (-1: the start).
        var w = 1.0
        var high = (value: 1.0, month: -1), low = (value: 1.0, month: -1)
        var state: Int32? = nil
        var turn = -1  // the last month of the previous state
        for (t, r) in returns.enumerated() {
            w *= 1 + r
            switch state {
            case nil:
                if w > high.value { high = (w, t) }
                if w < low.value { low = (w, t) }
                if w <= high.value * (1 - fall) {
                    if high.month >= 0 { for m in 0...high.month { labels[m] = bull } }
                    state = bear
                    turn = high.month
                    low = (w, t)
                } else if w >= low.value * (1 + rise) {
                    if low.month >= 0 { for m in 0...low.month { labels[m] = bear } }
                    state = bull
                    turn = low.month
                    high = (w, t)
                }
            case bull?:
                if w > high.value { high = (w, t) }
                if w <= high.value * (1 - fall) {
                    for m in (turn + 1)...high.month { labels[m] = bull }
                    state = bear
                    turn = high.month
                    low = (w, t)
                }
            case _?:
                if w < low.value { low = (w, t) }
                if w >= low.value * (1 + rise) {
                    for m in (turn + 1)...low.month { labels[m] = bear }
                    state = bull
                    turn = low.month
                    high = (w, t)
                }
            }
        }
        if let state { for m in (turn + 1)..<returns.count { labels[m] = state } }
        return labels
    }

    /// 0 while the first series leads: its log return over the trailing `months` months, less the
    /// second's, is above the median of that difference over the trailing `medianMonths` months;
    /// otherwise 1. Month t's label uses months up to t. The first `months + medianMonths - 2`
    /// months have no label (nil): the caller supplies that much history.
    public static func relativeStrength(_ a: [Double], _ b: [Double], months: Int, medianMonths: Int) -> [Int32?] {
        precondition(a.count == b.count && months >= 1 && medianMonths >= 1)
        var sum = 0.0
        var strength = [Double?](repeating: nil, count: a.count)
        let d = zip(a, b).map { log1p($0) - log1p($1) }
        for t in d.indices {
            sum += d[t]
            if t >= months { sum -= d[t - months] }
            if t >= months - 1 { strength[t] = sum }
        }
        return d.indices.map { t in
            let first = t - medianMonths + 1
            guard first >= months - 1, let now = strength[t] else { return nil }
            let trailing = strength[first...t].compactMap { $0 }.sorted()
            let n = trailing.count
            let median = n % 2 == 1 ? trailing[n / 2] : (trailing[n / 2 - 1] + trailing[n / 2]) / 2
            return now > median ? 0 : 1
        }
    }
}
