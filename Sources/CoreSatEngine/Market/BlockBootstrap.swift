import GSLKit

/// Paths resampled from recorded months in blocks of whole cross-sections, so fat tails,
/// cross-correlations and short-run dependence come from the data.
///
/// Without a chain it is Politis and Romano's stationary bootstrap: a block starts at a uniformly
/// drawn month and runs on (wrapping from the last month to the first) for a geometric number of
/// months with mean `meanBlockMonths`. With a chain the regimes follow it, and each regime's months
/// come from blocks of months recorded in that regime: a block ends when the chain leaves the
/// regime, when the recorded months leave it, or after its geometric length.
public struct BlockBootstrap: ReturnModel {
    public let history: RecordedMonths
    public let meanBlockMonths: Double
    /// The regime chain to follow; nil: the stationary bootstrap, whose regime labels are those of
    /// the months drawn.
    public let chain: RegimeChain?
    /// [regime] the recorded months in that regime.
    let pools: [[Int]]

    public var assetCount: Int { history.assetCount }
    public var regimeNames: [String] { history.regimeNames }

    public init(history: RecordedMonths, meanBlockMonths: Double, chain: RegimeChain? = nil) {
        precondition(meanBlockMonths >= 1, "blocks last at least a month on average")
        self.history = history
        self.meanBlockMonths = meanBlockMonths
        self.chain = chain
        pools = history.regimeNames.indices.map { k in history.labels.indices.filter { history.labels[$0] == Int32(k) } }
        if let chain {
            precondition(chain.regimeCount == history.regimeNames.count, "one chain state per regime")
            // A regime the chain can reach needs months to draw from.
            precondition(pools.indices.allSatisfy { !pools[$0].isEmpty || !chain.reachable($0) }, "every reachable regime has recorded months")
        }
    }

    public func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        if let chain {
            followChain(chain, months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes)
        } else {
            stationary(months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes)
        }
    }

    /// Each block is copied as one or two runs of consecutive months (two when it wraps).
    private func stationary(
        months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        let recorded = history.count
        let p = 1 / meanBlockMonths
        var row = 0
        while row < months {
            var start = random.index(below: recorded)
            var length = min(p < 1 ? random.geometric(p) : 1, months - row)
            while length > 0 {
                let run = min(length, recorded - start)
                history.copy(months: start..<(start + run), toRow: row, returns: returns, logReturns: logReturns, regimes: regimes)
                row += run
                length -= run
                start = 0
            }
        }
    }

    private func followChain(
        _ chain: RegimeChain, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        let p = 1 / meanBlockMonths
        var regime = chain.first(random)
        var month = pools[regime][random.index(below: pools[regime].count)]
        var left = p < 1 ? random.geometric(p) : 1
        for t in 0..<months {
            if t > 0 {
                let next = chain.next(after: regime, random)
                left -= 1
                if next == regime && left > 0 && month + 1 < history.count && history.labels[month + 1] == Int32(regime) {
                    month += 1
                } else {
                    regime = next
                    month = pools[regime][random.index(below: pools[regime].count)]
                    left = p < 1 ? random.geometric(p) : 1
                }
            }
            history.copy(months: month..<(month + 1), toRow: t, returns: returns, logReturns: logReturns, regimes: regimes)
        }
    }
}
