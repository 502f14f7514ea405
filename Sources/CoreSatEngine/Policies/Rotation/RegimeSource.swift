/// Where a regime-dependent rule's regime comes from.
public enum RegimeSource: Sendable {
    /// The true regime of the month that just ended, known `lag` months late (0: the oracle).
    case known(lag: Int)
    /// A Hamilton filter on the observed returns with the market's nominal parameters: the belief
    /// moves to another regime when that regime's filtered probability is the highest and at least
    /// `threshold`, and the current belief has been held `minimumMonths` months.
    case filtered(RegimeFilterModel, threshold: Double, minimumMonths: Int)

    func makeReader() -> RegimeReader {
        switch self {
        case .known(let lag): KnownRegimeReader(lag: lag)
        case .filtered(let model, let threshold, let minimumMonths):
            FilteredRegimeReader(model: model, threshold: threshold, minimumMonths: minimumMonths)
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
    @exclusivity(unchecked) var belief: Int?

    init(lag: Int) { self.lag = lag }

    func reset() { belief = nil }

    func observe(_ view: PolicyView, month: Int) {
        // Month `month` is at most the view's, so month - lag is always late enough to read; it
        // only has to be generated at all.
        let known = month - lag
        if known >= -view.warmUpMonths { belief = view.regime(month: known) }
    }
}

/// The regime a Hamilton filter reads from the returns, with a threshold and a minimum holding time
/// against switching back and forth. The first belief is the most likely regime after the first
/// month filtered.
final class FilteredRegimeReader: RegimeReader {
    let filter: HamiltonFilter
    let threshold: Double
    let minimumMonths: Int
    // A reader belongs to one worker's runner: no exclusivity checks on its per-month state.
    @exclusivity(unchecked) private(set) var belief: Int?
    /// Months the current belief has been held, the month it was taken counting as 1.
    @exclusivity(unchecked) private var held = 0

    init(model: RegimeFilterModel, threshold: Double, minimumMonths: Int) {
        filter = HamiltonFilter(model: model)
        self.threshold = threshold
        self.minimumMonths = minimumMonths
    }

    func reset() {
        filter.reset()
        belief = nil
        held = 0
    }

    func observe(_ view: PolicyView, month: Int) {
        filter.update(logReturns: view.assetLogReturns(month: month))
        let likeliest = filter.mostLikelyRegime
        guard let current = belief else {
            belief = likeliest
            held = 1
            return
        }
        if likeliest != current && held >= minimumMonths && filter.probability(likeliest) >= threshold {
            belief = likeliest
            held = 1
        } else {
            held += 1
        }
    }
}
