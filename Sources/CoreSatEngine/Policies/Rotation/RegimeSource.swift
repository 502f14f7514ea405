/// Where a regime-dependent rule's regime comes from.
public enum RegimeSource: Sendable, Equatable {
    /// The true regime of the month that just ended, known `lag` months late (0: the oracle).
    case known(lag: Int)

    func makeReader() -> RegimeReader {
        switch self {
        case .known(let lag): KnownRegimeReader(lag: lag)
        }
    }
}

/// The regime a runner believes in, updated month by month.
protocol RegimeReader: AnyObject {
    func reset()
    /// Month `month` has ended (warm-up months included).
    func observe(_ view: PolicyView, month: Int)
    /// The regime believed for the latest observed month; nil before there is one.
    var belief: Int? { get }
}

/// The true regime, `lag` months late: at the end of month t, the regime of month t - lag.
final class KnownRegimeReader: RegimeReader {
    let lag: Int
    var belief: Int?

    init(lag: Int) { self.lag = lag }

    func reset() { belief = nil }

    func observe(_ view: PolicyView, month: Int) {
        let known = month - lag
        // During the warm-up the view's month is -1, so a lagged month is readable only if it is
        // also at most -1 - lag.
        belief = known >= -view.warmUpMonths && known <= view.month - lag ? view.regime(month: known) : belief
    }
}
