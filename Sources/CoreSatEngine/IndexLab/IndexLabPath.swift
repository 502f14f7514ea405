import Foundation
import GSLKit

/// One path of an index lab: the universe, every index's and parent's holdings, and what is
/// measured along the way. Made per path (its buffers are a few hundred kilobytes, small beside a
/// path's work), so the model itself stays immutable and shared by all workers.
final class IndexLabPath {
    /// Parents (the cap-weighted segments indices are measured against) are reviewed quarterly,
    /// as index providers review their size indices, not every month.
    static let parentReviewMonths = 3

    let model: IndexLabModel
    let universe: StockUniverse
    let construction: IndexConstruction
    let stocks: Int
    /// Books: the indices first, then the parents. `weights` holds each book's drifting weights
    /// over all stocks ([book * stocks + stock]); `members` the stocks it holds, so a month's
    /// return and drift touch constituents only.
    var weights: [Double]
    var members: [[Int32]]
    var target: [Double]
    var tallies: [IndexTally]

    init(model: IndexLabModel) {
        self.model = model
        universe = StockUniverse(spec: model.universe)
        stocks = universe.stocks
        construction = IndexConstruction(stocks: stocks, factors: universe.factorCount, industries: universe.industryCount)
        let books = model.indices.count + model.parents.count
        weights = Array(repeating: 0, count: books * stocks)
        members = Array(repeating: [], count: books)
        for b in members.indices { members[b].reserveCapacity(stocks) }
        target = Array(repeating: 0, count: stocks)
        tallies = Array(repeating: IndexTally(factors: universe.factorCount), count: model.indices.count)
    }

    var bookCount: Int { members.count }

    func rule(ofBook b: Int) -> IndexRule {
        b < model.indices.count ? model.indices[b].rule : model.parents[b - model.indices.count]
    }

    func run(
        months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        let indexCount = model.indices.count
        universe.start(random: random)
        // What the lab measures starts at month 0, after the warm-up, as the policies' figures do.
        let warmUp = model.warmUpMonths
        for b in 0..<bookCount { review(book: b, first: true, measured: warmUp == 0) }
        var gross = [Double](repeating: 0, count: bookCount)
        for month in 0..<months {
            universe.step(random: random)
            regimes[month] = Int32(universe.regime)
            for b in 0..<bookCount { gross[b] = earn(book: b) }
            for j in 0..<indexCount {
                let index = model.indices[j]
                var net = gross[j]
                if (month + 1) % index.reviewMonths == 0 {
                    net -= review(book: j, first: false, measured: month >= warmUp) * index.tradingCost
                }
                if month >= warmUp { tallies[j].month(net: net, parent: gross[indexCount + model.parentOf[j]]) }
                returns[month * indexCount + j] = net
                logReturns[month * indexCount + j] = log1p(net)
            }
            if (month + 1) % Self.parentReviewMonths == 0 {
                for b in indexCount..<bookCount { review(book: b, first: false, measured: false) }
            }
        }
    }

    /// The book's return this month; its weights drift with its constituents' returns.
    func earn(book b: Int) -> Double {
        let r = universe.returns
        return weights.withUnsafeMutableBufferPointer { all in
            let w = all.baseAddress! + b * stocks
            return members[b].withUnsafeBufferPointer { held in
                var total = 0.0
                for i in held { total += w[Int(i)] * r[Int(i)] }
                let growth = 1 + total
                guard growth > 0 else { return total }
                let scale = 1 / growth
                for i in held { w[Int(i)] *= (1 + r[Int(i)]) * scale }
                return total
            }
        }
    }

    /// Rebuilds the book by its rule from this month's cross-section; returns the one-way turnover.
    @discardableResult
    func review(book b: Int, first: Bool, measured: Bool) -> Double {
        let n = stocks
        let rule = rule(ofBook: b)
        return weights.withUnsafeMutableBufferPointer { all in
            let current = UnsafeMutableBufferPointer(rebasing: all[(b * n)..<((b + 1) * n)])
            return target.withUnsafeMutableBufferPointer { next in
                let count = construction.build(
                    rule: rule, caps: universe.caps, scores: universe.scores, industries: universe.industries,
                    previous: first ? nil : UnsafeBufferPointer(current), weights: next)
                let turnover = first ? 0 : IndexTurnover.oneWay(target: UnsafeBufferPointer(next), drifted: UnsafeBufferPointer(current))
                if measured && b < model.indices.count {
                    tallies[b].review(
                        weights: UnsafeBufferPointer(next), constituents: count, capsMet: construction.capsMet, turnover: turnover,
                        counted: !first, universe: universe)
                }
                members[b].removeAll(keepingCapacity: true)
                for i in 0..<n {
                    current[i] = next[i]
                    if next[i] > 0 { members[b].append(Int32(i)) }
                }
                return turnover
            }
        }
    }

    func writeFigures(months: Int, into figures: UnsafeMutableBufferPointer<Double>) {
        let perIndex = LabIndex.figureNames.count
        for (j, index) in model.indices.enumerated() {
            tallies[j].write(tradingCost: index.tradingCost, into: figures, at: j * perIndex)
        }
    }
}
