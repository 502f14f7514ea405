/// Builds an index's target weights from one month's cross-section of a stock universe by an
/// `IndexRule`: the segment's members, the candidates among them with the scores the selection
/// reads, their ranking, the selected constituents (with the buffer rule), their weights and caps.
/// One per worker: it owns every scratch buffer, so a build allocates nothing. A build costs a few
/// linear passes and up to three radix sorts of the candidates (`StockOrder`), plus one of the
/// universe by cap when the caps differ from the previous build's (`CapRanking`).
public final class IndexConstruction {
    public let stockCount: Int
    public let factorCount: Int
    public let industryCount: Int
    /// Whether the last build met its caps (false: some cap could not be met, see `WeightCaps`).
    public private(set) var capsMet = true

    let order: StockOrder
    let capRanking: CapRanking
    /// The segment's members with the scores the selection reads, by ascending stock index.
    let candidates: UnsafeMutablePointer<Int32>
    let constituents: UnsafeMutablePointer<Int32>
    /// Per stock: the selection score (NaN outside the candidates), the pair's second percentile,
    /// and a mark (a current constituent kept by the buffer rule).
    let score: UnsafeMutablePointer<Double>
    let secondPercentile: UnsafeMutablePointer<Double>
    let mark: UnsafeMutablePointer<Bool>
    let capsWorkspace: WeightCaps.Workspace

    public init(stocks: Int, factors: Int, industries: Int) {
        precondition(stocks >= 1 && factors >= 0 && industries >= 1)
        stockCount = stocks
        factorCount = factors
        industryCount = industries
        order = StockOrder(capacity: stocks)
        capRanking = CapRanking(stocks: stocks)
        candidates = .allocate(capacity: stocks)
        constituents = .allocate(capacity: stocks)
        score = .allocate(capacity: stocks)
        score.initialize(repeating: .nan, count: stocks)
        secondPercentile = .allocate(capacity: stocks)
        mark = .allocate(capacity: stocks)
        mark.initialize(repeating: false, count: stocks)
        capsWorkspace = WeightCaps.Workspace(stocks: stocks, industries: industries)
    }

    deinit {
        candidates.deallocate()
        constituents.deallocate()
        score.deallocate()
        secondPercentile.deallocate()
        mark.deallocate()
    }

    /// The selection scores in (0, 1] of the last build, per stock: the factor's percentile or the
    /// pair's combination; NaN outside the candidates, and everywhere for a rule selecting all
    /// members. Valid until the next build.
    public var selectionScores: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: score, count: stockCount) }

    /// Target weights (sum 1, zero outside the index) written into `weights` (count = stocks).
    /// `caps`: free-float caps, > 0; `scores`: [stock * factors + factor], NaN for no score;
    /// `industries`: 0..<industries per stock; `previous`: the index's current weights (for the
    /// buffer rule), or nil. Returns the number of constituents; 0 when nothing can be selected
    /// (then weights are all zero). The rule must be valid (`IndexRule.problem(factorCount:)`).
    public func build(
        rule: IndexRule, caps: UnsafeBufferPointer<Double>, scores: UnsafeBufferPointer<Double>,
        industries: UnsafeBufferPointer<Int32>, previous: UnsafeBufferPointer<Double>?,
        weights: UnsafeMutableBufferPointer<Double>
    ) -> Int {
        precondition(caps.count == stockCount && industries.count == stockCount && weights.count == stockCount)
        precondition(scores.count == stockCount * factorCount && (previous?.count ?? stockCount) == stockCount)
        precondition(rule.problem(factorCount: factorCount) == nil, "invalid index rule")
        weights.update(repeating: 0)
        score.update(repeating: .nan, count: stockCount)
        capsMet = true
        let members = collectMembers(of: rule.segment, caps: caps)
        let n = keepScored(members, selection: rule.selection, scores: scores)
        guard n > 0 else { return 0 }

        let count: Int
        switch rule.selection {
        case .all:
            constituents.update(from: candidates, count: n)
            count = n
        case .top(let factor, let fraction):
            rankPercentiles(of: factor, count: n, scores: scores, into: score)
            count = choose(fraction: fraction, buffer: rule.buffer, from: n, previous: previous)
        case .pair(let a, let b, let fraction, let combination):
            rankPercentiles(of: a, count: n, scores: scores, into: score)
            rankPercentiles(of: b, count: n, scores: scores, into: secondPercentile)
            rankCombination(combination, count: n)
            count = choose(fraction: fraction, buffer: rule.buffer, from: n, previous: previous)
        }
        weigh(count: count, by: rule.weighting, caps: caps, into: weights)
        let chosen = UnsafeBufferPointer(start: constituents, count: count)
        if rule.stockCap != nil || rule.industryCap != nil {
            capsMet = WeightCaps.apply(
                weights: weights, members: chosen, industries: industries, stockCap: rule.stockCap,
                industryCap: rule.industryCap, workspace: capsWorkspace)
        } else {
            var total = 0.0
            for stock in chosen { total += weights[Int(stock)] }
            for stock in chosen { weights[Int(stock)] /= total }
        }
        return count
    }

    /// Writes the segment's members into `candidates` by ascending stock index; returns how many.
    private func collectMembers(of segment: SizeSegment, caps: UnsafeBufferPointer<Double>) -> Int {
        if segment.isWholeUniverse {
            for i in 0..<stockCount { candidates[i] = Int32(i) }
            return stockCount
        }
        capRanking.update(caps, using: order)
        var count = 0
        for i in 0..<stockCount where segment.contains(shareBefore: capRanking.shareBefore[i]) {
            candidates[count] = Int32(i)
            count += 1
        }
        return count
    }

    /// Drops the members without a score in a factor the selection reads; returns how many remain.
    private func keepScored(_ members: Int, selection: IndexSelection, scores: UnsafeBufferPointer<Double>) -> Int {
        let (a, b): (Int?, Int?)
        switch selection {
        case .all: return members
        case .top(let factor, _): (a, b) = (factor, nil)
        case .pair(let first, let second, _, _): (a, b) = (first, second)
        }
        var kept = 0
        for i in 0..<members {
            let row = Int(candidates[i]) * factorCount
            if let a, scores[row + a].isNaN { continue }
            if let b, scores[row + b].isNaN { continue }
            candidates[kept] = candidates[i]
            kept += 1
        }
        return kept
    }

    /// Each candidate's percentile rank in the factor, into `percentile`: the ascending rank
    /// (1...n, ties averaged) over n, as pandas' rank(pct=True). Leaves `order` ranking the
    /// candidates by the factor's score, highest first, ties by lower stock index.
    private func rankPercentiles(
        of factor: Int, count n: Int, scores: UnsafeBufferPointer<Double>, into percentile: UnsafeMutablePointer<Double>
    ) {
        for i in 0..<n {
            let stock = candidates[i]
            order.set(i, stock: stock, value: scores[Int(stock) * factorCount + factor])
        }
        order.sort(count: n)
        // Positions p0...p1 (highest first) share one score: their ascending ranks n - p average
        // to n - (p0 + p1) / 2.
        var first = 0
        while first < n {
            var last = first
            while last + 1 < n && order.keys[last + 1] == order.keys[first] { last += 1 }
            let value = Double(2 * n - first - last) / Double(2 * n)
            for p in first...last { percentile[Int(order.stocks[p])] = value }
            first = last + 1
        }
    }

    /// Combines the pair's percentiles (`score`, `secondPercentile`) into `score`, and leaves
    /// `order` ranking the candidates by it.
    private func rankCombination(_ combination: ScoreCombination, count n: Int) {
        for i in 0..<n {
            let stock = Int(candidates[i])
            let value = switch combination {
            case .product: score[stock] * secondPercentile[stock]
            case .sum: (score[stock] + secondPercentile[stock]) / 2
            }
            score[stock] = value
            order.set(i, stock: Int32(stock), value: value)
        }
        order.sort(count: n)
    }

    /// Picks the constituents from `order`'s ranking of n candidates into `constituents`; returns
    /// how many. With a buffer and current weights, the current constituents ranked within
    /// ceil(fraction x (1 + buffer) x n) are kept first (best ranked first), then the best ranked
    /// others fill up to ceil(fraction x n).
    private func choose(fraction: Double, buffer: Double?, from n: Int, previous: UnsafeBufferPointer<Double>?) -> Int {
        let target = IndexRule.selectedCount(fraction: fraction, of: n)
        var count = 0
        if let buffer, let previous {
            for i in 0..<n { mark[Int(candidates[i])] = false }
            let keepWithin = IndexRule.selectedCount(fraction: min(1, fraction * (1 + buffer)), of: n)
            for p in 0..<keepWithin where count < target {
                let stock = order.stocks[p]
                guard previous[Int(stock)] > 0 else { continue }
                mark[Int(stock)] = true
                constituents[count] = stock
                count += 1
            }
            for p in 0..<n where count < target && !mark[Int(order.stocks[p])] {
                constituents[count] = order.stocks[p]
                count += 1
            }
        } else {
            constituents.update(from: order.stocks, count: target)
            count = target
        }
        return count
    }

    /// Raw weights of the constituents by the weighting, unnormalized.
    private func weigh(
        count: Int, by weighting: IndexWeighting, caps: UnsafeBufferPointer<Double>,
        into weights: UnsafeMutableBufferPointer<Double>
    ) {
        for i in 0..<count {
            let stock = Int(constituents[i])
            weights[stock] = switch weighting {
            case .cap: caps[stock]
            case .equal: 1
            case .score: score[stock]
            case .tilt: caps[stock] * score[stock]
            }
            precondition(weights[stock] > 0, "free-float caps must be positive")
        }
    }
}
