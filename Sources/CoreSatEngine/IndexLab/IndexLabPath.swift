import Foundation
import GSLKit

/// One path of an index lab: the universe, every index's and parent's holdings, and what is
/// measured along the way. Made per path (its buffers are a few hundred kilobytes, small beside a
/// path's work), so the model itself stays immutable and shared by all workers.
final class IndexLabPath {
    let model: IndexLabModel
    let universe: StockUniverse
    let construction: IndexConstruction
    /// Books: the indices first, then the parents; each holds drifting weights over all stocks and
    /// the list of stocks it holds, so a month's return sums over constituents only.
    var weights: [[Double]]
    var members: [[Int]]
    var target: [Double]
    var tallies: [IndexTally]

    init(model: IndexLabModel) {
        self.model = model
        universe = StockUniverse(spec: model.universe)
        construction = IndexConstruction(stocks: universe.stocks, factors: universe.factorCount, industries: universe.industryCount)
        let books = model.indices.count + model.parents.count
        weights = Array(repeating: Array(repeating: 0, count: universe.stocks), count: books)
        members = Array(repeating: [], count: books)
        target = Array(repeating: 0, count: universe.stocks)
        tallies = Array(repeating: IndexTally(factors: universe.factorCount), count: model.indices.count)
    }

    func rule(ofBook b: Int) -> IndexRule {
        b < model.indices.count ? model.indices[b].rule : model.parents[b - model.indices.count]
    }

    func run(
        months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        let indexCount = model.indices.count
        universe.start(random: random)
        for b in weights.indices { review(book: b, first: true) }
        var gross = [Double](repeating: 0, count: weights.count)
        for month in 0..<months {
            universe.step(random: random)
            regimes[month] = Int32(universe.regime)
            for b in weights.indices { gross[b] = earn(book: b) }
            for j in 0..<indexCount {
                let index = model.indices[j]
                var net = gross[j]
                if (month + 1) % index.reviewMonths == 0 {
                    net -= review(book: j, first: false) * index.tradingCost
                }
                tallies[j].month(net: net, gross: gross[j], parent: gross[indexCount + model.parentOf[j]])
                returns[month * indexCount + j] = net
                logReturns[month * indexCount + j] = log1p(net)
            }
            // Parents are cap-weighted over whole segments: rebuilt monthly, with no cost, as the
            // segment's members change.
            for b in indexCount..<weights.count { _ = review(book: b, first: false) }
        }
    }

    /// The book's return this month; its weights drift with its constituents' returns.
    func earn(book b: Int) -> Double {
        let r = universe.returns
        var total = 0.0
        for i in members[b] { total += weights[b][i] * r[i] }
        let growth = 1 + total
        guard growth > 0 else { return total }
        for i in members[b] { weights[b][i] *= (1 + r[i]) / growth }
        return total
    }

    /// Rebuilds the book by its rule from this month's cross-section; returns the one-way turnover.
    @discardableResult
    func review(book b: Int, first: Bool) -> Double {
        let count = target.withUnsafeMutableBufferPointer { out in
            weights[b].withUnsafeBufferPointer { previous in
                construction.build(
                    rule: rule(ofBook: b), caps: universe.caps, scores: universe.scores, industries: universe.industries,
                    previous: first ? nil : previous, weights: out)
            }
        }
        let turnover = first ? 0 : target.withUnsafeBufferPointer { t in
            weights[b].withUnsafeBufferPointer { IndexTurnover.oneWay(target: t, drifted: $0) }
        }
        if b < model.indices.count {
            tallies[b].review(weights: target, constituents: count, turnover: turnover, counted: !first, universe: universe)
        }
        swap(&weights[b], &target)
        members[b].removeAll(keepingCapacity: true)
        for i in weights[b].indices where weights[b][i] > 0 { members[b].append(i) }
        return turnover
    }

    func writeFigures(months: Int, into figures: UnsafeMutableBufferPointer<Double>) {
        let perIndex = LabIndex.figureNames.count
        for (j, index) in model.indices.enumerated() {
            tallies[j].write(months: months, tradingCost: index.tradingCost, into: figures, at: j * perIndex)
        }
    }
}
