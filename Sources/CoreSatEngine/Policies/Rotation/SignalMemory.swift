import Foundation

/// What a rotation runner remembers of the path so far, in running windows updated in O(1) a month
/// (O(U^2) with moments): trailing log returns of every asset and of the rule's baskets and, when
/// the rule asks, the rotating satellites' return moments (for volatilities) and total-return
/// levels (for moving averages). Warm-up months count as history like any other month.
public final class SignalMemory {
    /// What a rule reads; the runner keeps the union of its rule's and overlay's needs.
    public struct Needs: Sendable, Equatable {
        /// The longest window read, skipped months included.
        public var months: Int
        /// Portfolios of fixed weights over all assets (rebalanced monthly) whose returns are read.
        public var baskets: [[Double]]
        /// Sums of returns and their products over the rotating satellites.
        public var moments: Bool
        /// Total-return levels of the rotating satellites.
        public var levels: Bool

        public init(months: Int, baskets: [[Double]] = [], moments: Bool = false, levels: Bool = false) {
            self.months = months
            self.baskets = baskets
            self.moments = moments
            self.levels = levels
        }

        public func union(_ other: Needs) -> Needs {
            Needs(
                months: max(months, other.months), baskets: baskets + other.baskets, moments: moments || other.moments,
                levels: levels || other.levels)
        }
    }

    let assetCount: Int
    /// The rotating satellites' asset indices; moments and levels are kept for these, by position.
    let universe: [Int]
    let baskets: [[Double]]
    private let logs: RunningWindow
    private let moments: RunningWindow?
    private let levels: RunningWindow?
    private let row: UnsafeMutablePointer<Double>
    /// False when the rule reads no window at all (a regime map): then nothing is recorded.
    let records: Bool

    init(needs: Needs, assetCount: Int, universe: [Int]) {
        records = needs.months > 0
        self.assetCount = assetCount
        self.universe = universe
        baskets = needs.baskets
        let u = universe.count
        logs = RunningWindow(width: assetCount + baskets.count, capacity: needs.months)
        moments = needs.moments ? RunningWindow(width: u + u * u, capacity: needs.months) : nil
        levels = needs.levels ? RunningWindow(width: u, capacity: needs.months) : nil
        row = .allocate(capacity: max(assetCount + baskets.count, u + u * u))
    }

    deinit { row.deallocate() }

    func reset() {
        logs.reset()
        moments?.reset()
        levels?.reset()
    }

    /// Months recorded so far.
    public var months: Int { logs.count }

    /// Whether `months` months ending `skip` months before the latest are recorded.
    public func has(months: Int, skip: Int = 0) -> Bool { logs.has(months: months, skip: skip) }

    /// Records month `m`, which `view` may read.
    func record(_ view: PolicyView, month m: Int) {
        guard records else { return }
        let x = view.assetLogReturns(month: m)
        for i in 0..<assetCount { row[i] = x[i] }
        if !baskets.isEmpty { recordBaskets(view, month: m) }
        logs.append(row)
        if let moments { recordMoments(moments, view, month: m) }
        if let levels {
            for (a, i) in universe.enumerated() { row[a] = exp(logs.total(i)) }
            levels.append(row)
        }
    }

    private func recordBaskets(_ view: PolicyView, month m: Int) {
        for (b, weights) in baskets.enumerated() {
            var r = 0.0
            for (i, w) in weights.enumerated() where w != 0 { r += w * view.assetReturn(month: m, i) }
            row[assetCount + b] = log1p(r)
        }
    }

    private func recordMoments(_ moments: RunningWindow, _ view: PolicyView, month m: Int) {
        let u = universe.count
        for (a, i) in universe.enumerated() { row[a] = view.assetReturn(month: m, i) }
        for a in 0..<u {
            for b in 0..<u { row[u + a * u + b] = row[a] * row[b] }
        }
        moments.append(row)
    }

    /// Compounded return of `asset` over `months` months ending `skip` months before the latest.
    public func trailingReturn(asset: Int, months: Int, skip: Int = 0) -> Double {
        expm1(logs.sum(asset, months: months, skip: skip))
    }

    /// The log of 1 + the compounded return: sums of log returns over a window, for every asset
    /// (index i) and basket (index assetCount + b), read as `end[j] - start[j]`.
    public func logReturns(months: Int, skip: Int = 0) -> (end: UnsafePointer<Double>, start: UnsafePointer<Double>) {
        logs.ends(months: months, skip: skip)
    }

    /// Compounded return of basket `b` (indexed like `Needs.baskets`).
    public func basketReturn(_ b: Int, months: Int, skip: Int = 0) -> Double {
        expm1(logs.sum(assetCount + b, months: months, skip: skip))
    }

    /// Sample covariance (ddof 1) of monthly simple returns of rotating satellites at positions `a`
    /// and `b` over the latest `months` months (at least 2). From running sums, sum(xy) - sum(x)
    /// sum(y) / n leaves rounding residue where the answer is 0 (a constant series: cash); a
    /// variance within that residue of 0 is 0.
    public func covariance(_ a: Int, _ b: Int, months: Int) -> Double {
        guard let moments else { preconditionFailure("the rule did not ask for moments") }
        let u = universe.count
        let n = Double(months)
        let sa = moments.sum(a, months: months), sb = moments.sum(b, months: months)
        let products = moments.sum(u + a * u + b, months: months)
        let centred = products - sa * sb / n
        if a == b && centred <= 1e-10 * abs(products) { return 0 }
        return centred / (n - 1)
    }

    /// The total-return level of the rotating satellite at position `a` after the latest month
    /// (the level recorded then: no second `exp`).
    public func level(_ a: Int) -> Double {
        guard let levels else { preconditionFailure("the rule did not ask for levels") }
        return levels.sum(a, months: 1)
    }

    /// Mean of the satellite's month-end levels over the latest `months` months (the latest included).
    public func averageLevel(_ a: Int, months: Int) -> Double {
        guard let levels else { preconditionFailure("the rule did not ask for levels") }
        return levels.sum(a, months: months) / Double(months)
    }
}
