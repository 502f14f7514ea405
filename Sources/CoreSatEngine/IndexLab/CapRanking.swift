/// Each stock's share of the universe's free-float cap held by the stocks ranked before it (by cap,
/// largest first, equal caps by lower stock index), which is what size segments cut. Kept while the
/// caps stay the same: the indices of one review read one month's caps, so one ranking serves all.
final class CapRanking {
    let stockCount: Int
    /// Per stock.
    let shareBefore: UnsafeMutablePointer<Double>
    /// The caps the shares were computed from.
    private let rankedCaps: UnsafeMutablePointer<Double>
    private var hasRanking = false

    init(stocks: Int) {
        stockCount = stocks
        shareBefore = .allocate(capacity: stocks)
        rankedCaps = .allocate(capacity: stocks)
    }

    deinit {
        shareBefore.deallocate()
        rankedCaps.deallocate()
    }

    /// Ranks `caps` unless they are the caps ranked last (comparing costs a pass, sorting several).
    func update(_ caps: UnsafeBufferPointer<Double>, using order: StockOrder) {
        precondition(caps.count == stockCount)
        if hasRanking && (0..<stockCount).allSatisfy({ caps[$0] == rankedCaps[$0] }) { return }
        for i in 0..<stockCount {
            precondition(caps[i] > 0 && caps[i].isFinite, "free-float caps must be positive")
            rankedCaps[i] = caps[i]
            order.set(i, stock: Int32(i), value: caps[i])
        }
        order.sort(count: stockCount)
        var total = 0.0
        for rank in 0..<stockCount { total += caps[Int(order.stocks[rank])] }
        var before = 0.0
        for rank in 0..<stockCount {
            let stock = Int(order.stocks[rank])
            shareBefore[stock] = before / total
            before += caps[stock]
        }
        hasRanking = true
    }
}
