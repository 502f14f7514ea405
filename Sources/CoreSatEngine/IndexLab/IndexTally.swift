import Foundation

/// What the lab adds up for one index along a path, and the figures it reports from the sums.
struct IndexTally {
    var logGrowth = 0.0
    var sum = 0.0, sumSquares = 0.0
    var activeSum = 0.0, activeSquares = 0.0
    var months = 0
    var reviews = 0, tradedReviews = 0
    var turnover = 0.0
    var constituents = 0.0, largestWeight = 0.0, capacity = 0.0
    /// Reviews where the rule could not be met: no stock to select, or caps out of reach.
    var shortfalls = 0
    var exposures: [Double]

    init(factors: Int) {
        exposures = Array(repeating: 0, count: factors)
    }

    /// A month's return net of trading, and the parent's: tracking error is the index's, as held.
    mutating func month(net: Double, parent: Double) {
        logGrowth += log1p(net)
        sum += net
        sumSquares += net * net
        let active = net - parent
        activeSum += active
        activeSquares += active * active
        months += 1
    }

    mutating func review(
        weights: UnsafeBufferPointer<Double>, constituents count: Int, capsMet: Bool, turnover: Double, counted: Bool,
        universe: StockUniverse
    ) {
        reviews += 1
        if count == 0 || !capsMet { shortfalls += 1 }
        constituents += Double(count)
        if counted {
            tradedReviews += 1
            self.turnover += turnover
        }
        let scores = universe.scores, k = universe.factorCount
        var largest = 0.0
        exposures.withUnsafeMutableBufferPointer { exposure in
            for i in weights.indices where weights[i] > 0 {
                largest = max(largest, weights[i])
                for f in 0..<k where scores[i * k + f].isFinite { exposure[f] += weights[i] * scores[i * k + f] }
            }
        }
        largestWeight += largest
        capacity += IndexCapacity.capacity(weights: weights, caps: universe.caps)
    }

    /// Annualized: return (geometric), volatility and tracking error (sample standard deviations of
    /// monthly figures, times sqrt(12)), trading cost a year; per review: one-way turnover,
    /// constituents, largest weight, capacity, the share of reviews that fell short of the rule,
    /// exposures.
    func write(tradingCost: Double, into figures: UnsafeMutableBufferPointer<Double>, at start: Int) {
        let n = Double(months)
        func sd(_ s: Double, _ s2: Double) -> Double { months > 1 ? (max(0, s2 - s * s / n) / (n - 1)).squareRoot() * 12.0.squareRoot() : .nan }
        let perReview = { (x: Double) in reviews > 0 ? x / Double(reviews) : .nan }
        var values = [
            months > 0 ? exp(logGrowth * 12 / n) - 1 : .nan,
            sd(sum, sumSquares),
            sd(activeSum, activeSquares),
            tradedReviews > 0 ? turnover / Double(tradedReviews) : .nan,
            months > 0 ? turnover * tradingCost * 12 / n : .nan,
            perReview(constituents),
            perReview(largestWeight),
            perReview(capacity),
            perReview(Double(shortfalls)),
        ]
        values += exposures.map(perReview)
        for (k, v) in values.enumerated() { figures[start + k] = v }
    }
}
