/// Each stock's trailing return windows as ring buffers of cumulative sums: a trailing sum is the
/// difference of two cumulative sums, so momentum and volatility cost O(1) per stock and month
/// whatever the window, and memory is O(stocks x window).
final class TrailingWindows {
    let stocks: Int
    let momentumMonths: Int, momentumSkip: Int, volatilityMonths: Int
    /// Ring length: the cumulative sums after the last `slots` month counts (0 months included).
    let slots: Int
    /// [slot][stock]: cumulative log returns, simple returns and squared simple returns after n
    /// months, at slot n mod `slots`.
    private let logSums, sums, squareSums: UnsafeMutablePointer<Double>
    /// [slot]: the cap-weighted universe's cumulative log return.
    private let universeLogSums: UnsafeMutablePointer<Double>
    /// Months added since `reset`.
    @exclusivity(unchecked) private(set) var months = 0

    init(stocks: Int, momentumMonths: Int, momentumSkip: Int, volatilityMonths: Int) {
        self.stocks = stocks
        self.momentumMonths = momentumMonths
        self.momentumSkip = momentumSkip
        self.volatilityMonths = volatilityMonths
        slots = max(momentumMonths + momentumSkip, volatilityMonths) + 1
        logSums = .allocate(capacity: 3 * slots * stocks)
        logSums.initialize(repeating: 0, count: 3 * slots * stocks)
        sums = logSums + slots * stocks
        squareSums = sums + slots * stocks
        universeLogSums = .allocate(capacity: slots)
        universeLogSums.initialize(repeating: 0, count: slots)
    }

    deinit {
        logSums.deallocate()
        universeLogSums.deallocate()
    }

    var hasMomentum: Bool { months >= momentumMonths + momentumSkip }
    var hasVolatility: Bool { months >= volatilityMonths }

    /// A new path: no months yet, cumulative sums 0.
    func reset() {
        months = 0
        logSums.update(repeating: 0, count: stocks)
        sums.update(repeating: 0, count: stocks)
        squareSums.update(repeating: 0, count: stocks)
        universeLogSums[0] = 0
    }

    /// Adds one month: every stock's log and simple return, and the universe's log return.
    @inline(__always)
    func add(logReturns: UnsafePointer<Double>, returns: UnsafePointer<Double>, universeLogReturn: Double) {
        let from = months % slots, to = (months + 1) % slots
        let (log0, sum0, square0) = (logSums + from * stocks, sums + from * stocks, squareSums + from * stocks)
        let (log1, sum1, square1) = (logSums + to * stocks, sums + to * stocks, squareSums + to * stocks)
        for i in 0..<stocks {
            let r = returns[i]
            log1[i] = log0[i] + logReturns[i]
            sum1[i] = sum0[i] + r
            square1[i] = square0[i] + r * r
        }
        universeLogSums[to] = universeLogSums[from] + universeLogReturn
        months += 1
    }

    /// Writes each stock's momentum (its cumulative log return in excess of the universe's over
    /// `momentumMonths` months ending `momentumSkip` months ago) to `out[stock]`.
    @inline(__always)
    func writeMomentum(_ out: UnsafeMutablePointer<Double>) {
        let end = (months - momentumSkip) % slots, begin = (months - momentumSkip - momentumMonths) % slots
        let (last, first) = (logSums + end * stocks, logSums + begin * stocks)
        let universe = universeLogSums[end] - universeLogSums[begin]
        for i in 0..<stocks { out[i] = (last[i] - first[i]) - universe }
    }

    /// Writes minus each stock's volatility (sample standard deviation) of its last
    /// `volatilityMonths` simple returns to `out[stock]`: higher is calmer.
    @inline(__always)
    func writeLowVolatility(_ out: UnsafeMutablePointer<Double>) {
        let end = months % slots, begin = (months - volatilityMonths) % slots
        let (sum1, sum0) = (sums + end * stocks, sums + begin * stocks)
        let (square1, square0) = (squareSums + end * stocks, squareSums + begin * stocks)
        let n = Double(volatilityMonths)
        let (perMonth, perDegree) = (1 / n, 1 / (n - 1))
        for i in 0..<stocks {
            let s = sum1[i] - sum0[i]
            let variance = (square1[i] - square0[i] - s * s * perMonth) * perDegree
            out[i] = -max(variance, 0).squareRoot()
        }
    }
}
