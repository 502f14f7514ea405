import GSLKit
import Testing

@testable import CoreSatEngine

/// Index construction rules on small universes worked by hand: segments, selection, weighting,
/// the buffer rule, missing scores and ties.
struct IndexRuleTests {
    // MARK: Segments

    /// Caps 15, 40, 2, 30, 13 (total 100) rank as stocks 1, 3, 0, 4, 2 with cap shares before them
    /// of 0, 0.40, 0.70, 0.85, 0.98: each cut-off falls exactly on a stock, which opens the next segment.
    @Test func segmentMembershipAtTheCutOffs() {
        let universe = IndexUniverse(caps: [15, 40, 2, 30, 13])
        func members(_ segment: SizeSegment) -> [Int] {
            universe.build(IndexRule(segment: segment, selection: .all, weighting: .equal)).constituents
        }
        #expect(members(.large) == [1, 3])
        #expect(members(.mid) == [0])
        #expect(members(.small) == [4])
        #expect(members(.micro) == [2])
        #expect(members(.all) == [0, 1, 2, 3, 4])
        // Just below a cut-off stays in the segment above it: 40 + 29.9 = 69.9% before stock 0.
        let below = IndexUniverse(caps: [15.1, 40, 2, 29.9, 13])
        #expect(below.build(IndexRule(segment: .large, selection: .all, weighting: .equal)).constituents == [0, 1, 3])
    }

    /// Equal caps rank by lower stock index: 50, 25, 25 put 0.5 before stock 1 and 0.75 before stock 2.
    @Test func equalCapsRankByStockIndex() {
        let universe = IndexUniverse(caps: [50, 25, 25])
        #expect(universe.build(IndexRule(segment: .large, selection: .all, weighting: .equal)).constituents == [0, 1])
        #expect(universe.build(IndexRule(segment: .mid, selection: .all, weighting: .equal)).constituents == [2])
    }

    /// One construction over two months: the segment follows the new caps, not the ranking kept
    /// for the old ones.
    @Test func segmentsFollowChangedCaps() {
        let construction = IndexConstruction(stocks: 3, factors: 0, industries: 1)
        let rule = IndexRule(segment: .large, selection: .all, weighting: .equal)
        #expect(IndexUniverse(caps: [50, 30, 20]).build(rule, with: construction).constituents == [0, 1])
        #expect(IndexUniverse(caps: [20, 30, 50]).build(rule, with: construction).constituents == [1, 2])
        #expect(IndexUniverse(caps: [20, 30, 50]).build(rule, with: construction).constituents == [1, 2])
    }

    // MARK: Selection and weighting

    /// Nine stocks, one factor: scores 0.5, 2, -1, 1.5, 0, -0.5, 3, 1, -2. The top third are stocks
    /// 6, 1, 3 with ascending ranks 9, 8, 7 of 9, so percentiles 1, 8/9, 7/9.
    static let nine = IndexUniverse(
        caps: [5, 20, 5, 30, 5, 5, 10, 5, 5], factors: [[0.5, 2, -1, 1.5, 0, -0.5, 3, 1, -2]])
    static func topThird(_ weighting: IndexWeighting) -> IndexRule {
        IndexRule(selection: .top(factor: 0, fraction: 1.0 / 3), weighting: weighting)
    }

    @Test func topThirdSelectsTheThreeHighestScores() {
        let built = Self.nine.build(Self.topThird(.equal))
        #expect(built.count == 3)
        #expect(built.constituents == [1, 3, 6])
        #expect(IndexUniverse.matches(built.weights, [0, 1.0 / 3, 0, 1.0 / 3, 0, 0, 1.0 / 3, 0, 0]))
        // Every candidate has a percentile: stock 2 (-1) ranks 2nd of 9 from the bottom.
        let expected: [Double] = [5, 8, 2, 7, 4, 3, 9, 6, 1].map { $0 / 9 }
        #expect(IndexUniverse.matches(built.selectionScores, expected))
    }

    /// ceil(fraction x n) with binary noise forgiven: a third of 10 is 4, a tenth of 30 is 3.
    @Test func selectedCountRoundsUpButForgivesBinaryNoise() {
        #expect(IndexRule.selectedCount(fraction: 1.0 / 3, of: 10) == 4)
        #expect(IndexRule.selectedCount(fraction: 0.1, of: 30) == 3)
        #expect(IndexRule.selectedCount(fraction: 0.001, of: 30) == 1)
        #expect(IndexRule.selectedCount(fraction: 0.5, of: 0) == 0)
    }

    /// Caps of stocks 6, 1, 3 are 10, 20, 30 and their percentiles 9/9, 8/9, 7/9.
    @Test func eachWeightingByHand() {
        func weights(_ weighting: IndexWeighting) -> [Double] {
            let w = Self.nine.build(Self.topThird(weighting)).weights
            return [w[6], w[1], w[3]]
        }
        #expect(IndexUniverse.matches(weights(.cap), [10.0 / 60, 20.0 / 60, 30.0 / 60]))
        #expect(IndexUniverse.matches(weights(.equal), [1.0 / 3, 1.0 / 3, 1.0 / 3]))
        #expect(IndexUniverse.matches(weights(.score), [9.0 / 24, 8.0 / 24, 7.0 / 24]))
        // Factor-tilt: cap x percentile = 10 x 9/9, 20 x 8/9, 30 x 7/9, in ninths 90, 160, 210 of 460.
        #expect(IndexUniverse.matches(weights(.tilt), [90.0 / 460, 160.0 / 460, 210.0 / 460]))
    }

    /// Ranks (1 = lowest of 9) in factor A are 9, 8, ..., 1 and in B 3, 8, 7, 5, 4, 6, 1, 2, 9.
    /// Rank sums: 12, 16, 14, 11, 9, 10, 4, 4, 10, so the sum's top third is stocks 1, 2 and 0,
    /// which is high only in A. Rank products: 27, 64, 49, 30, 20, 24, 3, 4, 9, so the product's
    /// is stocks 1, 2, 3. (No tie at either cut.)
    @Test func productDemandsBothFactorsWhereTheSumTakesEither() {
        let a: [Double] = [9, 8, 7, 6, 5, 4, 3, 2, 1], b: [Double] = [3, 8, 7, 5, 4, 6, 1, 2, 9]
        // Standardized-looking scores with the same order as the ranks.
        let universe = IndexUniverse(
            caps: Array(repeating: 1, count: 9), factors: [a.map { ($0 - 5) / 2.6 }, b.map { ($0 - 5) / 2.6 }])
        func rule(_ combination: ScoreCombination) -> IndexRule {
            IndexRule(selection: .pair(0, 1, fraction: 1.0 / 3, combination: combination), weighting: .equal)
        }
        let sum = universe.build(rule(.sum)), product = universe.build(rule(.product))
        #expect(sum.constituents == [0, 1, 2])
        #expect(product.constituents == [1, 2, 3])
        #expect(IndexUniverse.matches([product.selectionScores[1]], [64.0 / 81]))
        #expect(IndexUniverse.matches([sum.selectionScores[0]], [12.0 / 18]))

        // Purity: the average percentile in the weaker factor. Sum: A 24/27, B 18/27;
        // product: A 21/27, B 20/27.
        func weakerAverage(_ stocks: [Int]) -> Double {
            let meanA = stocks.map { a[$0] / 9 }.reduce(0, +) / Double(stocks.count)
            let meanB = stocks.map { b[$0] / 9 }.reduce(0, +) / Double(stocks.count)
            return min(meanA, meanB)
        }
        #expect(IndexUniverse.matches([weakerAverage(sum.constituents)], [18.0 / 27]))
        #expect(IndexUniverse.matches([weakerAverage(product.constituents)], [20.0 / 27]))
        #expect(weakerAverage(product.constituents) > weakerAverage(sum.constituents))
    }

    // MARK: Buffer rule

    /// Ten stocks scored 10, 9, ..., 1: the top 30% are stocks 0, 1, 2; a 50% buffer keeps current
    /// constituents ranked within ceil(0.45 x 10) = 5, that is stocks 0...4.
    @Test func bufferKeepsAConstituentJustBelowTheCutAndDropsOneFarBelow() {
        let universe = IndexUniverse(caps: Array(repeating: 1, count: 10), factors: [(0..<10).map { Double(10 - $0) }])
        var rule = IndexRule(selection: .top(factor: 0, fraction: 0.3), weighting: .equal, buffer: 0.5)
        var previous = Array(repeating: 0.0, count: 10)
        previous[3] = 0.5  // ranked 4th: just below the cut, inside the buffer
        previous[8] = 0.5  // ranked 9th: far below
        // Stock 3 stays; stocks 0 and 1, the best ranked others, fill up to three; 2 waits outside.
        #expect(universe.build(rule, previous: previous).constituents == [0, 1, 3])
        // Without current weights, or without a buffer, the plain top three.
        #expect(universe.build(rule).constituents == [0, 1, 2])
        rule.buffer = nil
        #expect(universe.build(rule, previous: previous).constituents == [0, 1, 2])
        // Current constituents inside the buffer fill the index before any newcomer.
        rule.buffer = 0.5
        var held = Array(repeating: 0.0, count: 10)
        for stock in [2, 3, 4] { held[stock] = 1.0 / 3 }
        #expect(universe.build(rule, previous: held).constituents == [2, 3, 4])
    }

    // MARK: Missing scores and ties

    /// Stocks 0 and 3 have no score: five candidates, so the top third is ceil(5/3) = 2 stocks.
    @Test func stocksWithoutAScoreAreNeverCandidates() {
        let nan = Double.nan
        let universe = IndexUniverse(caps: Array(repeating: 1, count: 7), factors: [[nan, 5, 4, nan, 3, 2, 1]])
        let built = universe.build(Self.topThird(.score))
        #expect(built.constituents == [1, 2])
        #expect(built.selectionScores[0].isNaN && built.selectionScores[3].isNaN)
        #expect(IndexUniverse.matches([built.selectionScores[1], built.selectionScores[6]], [1, 0.2]))
        // A pair needs both scores: stock 1 lacks the second.
        let pair = IndexUniverse(caps: [1, 1, 1], factors: [[3, 2, 1], [1, nan, 2]])
        let rule = IndexRule(selection: .pair(0, 1, fraction: 1, combination: .product), weighting: .equal)
        #expect(pair.build(rule).constituents == [0, 2])
        // Nothing to select: zero weights and no constituent.
        let empty = IndexUniverse(caps: [1, 1], factors: [[nan, nan]]).build(Self.topThird(.equal))
        #expect(empty.count == 0 && empty.weights == [0, 0])
    }

    /// Scores 1, 2, 2, 2, 0: the top 40% (two) are the lowest-indexed of the tied stocks, which
    /// share the average of ranks 3, 4, 5 of 5; the same build repeated gives the same weights.
    @Test func tiesGoToTheLowerStockIndex() {
        let universe = IndexUniverse(caps: [1, 2, 3, 4, 5], factors: [[1, 2, 2, 2, 0]])
        let rule = IndexRule(selection: .top(factor: 0, fraction: 0.4), weighting: .tilt)
        let construction = IndexConstruction(stocks: 5, factors: 1, industries: 1)
        let first = universe.build(rule, with: construction)
        #expect(first.constituents == [1, 2])
        #expect(IndexUniverse.matches(first.selectionScores, [0.4, 0.8, 0.8, 0.8, 0.2]))
        #expect(IndexUniverse.matches(first.weights, [0, 0.4, 0.6, 0, 0]))
        let again = universe.build(rule, with: construction)
        #expect(again.weights == first.weights)
    }

    /// The radix order: descending, -0 equal to +0, infinities at the ends, ties by input position.
    @Test func stockOrderSortsDescendingAndStably() {
        let values: [Double] = [0.0, -0.0, -1, 2, -3.5, 2, .infinity, -.infinity, 1e-300, -1e-300]
        #expect(Self.radixOrder(values) == [6, 3, 5, 8, 0, 1, 9, 2, 4, 7])
    }

    /// Against a comparison sort, on values that differ in their high bits, coarse values with many
    /// ties, and values so close that only their low 32 bits tell them apart (long and short runs).
    @Test func stockOrderAgreesWithAComparisonSort() {
        let random = RandomSource(seed: 41)
        for size in [1, 2, 5, 24, 25, 26, 100, 333] {
            for kind in 0..<4 {
                let values = (0..<size).map { _ -> Double in
                    let u = random.uniform()
                    switch kind {
                    case 0: return (u - 0.5) * 1e6
                    case 1: return (u * 6).rounded(.down) - 3
                    case 2: return 1 + (u * 1000).rounded(.down) * 1e-15
                    default: return u < 0.5 ? 7 + u * 1e-12 : -u
                    }
                }
                let expected = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
                #expect(Self.radixOrder(values) == expected.map { Int32($0) }, "size \(size), kind \(kind)")
            }
        }
    }

    static func radixOrder(_ values: [Double]) -> [Int32] {
        let order = StockOrder(capacity: values.count)
        for (i, value) in values.enumerated() { order.set(i, stock: Int32(i), value: value) }
        order.sort(count: values.count)
        return (0..<values.count).map { order.stocks[$0] }
    }

    // MARK: Rule problems

    @Test func invalidRulesSayWhy() {
        func problem(_ rule: IndexRule) -> String? { rule.problem(factorCount: 2) }
        #expect(problem(IndexRule(selection: .top(factor: 0, fraction: 0.5), weighting: .tilt)) == nil)
        let zero = problem(IndexRule(selection: .top(factor: 0, fraction: 0), weighting: .cap))
        #expect(zero == "selection fraction must lie in (0, 1], got 0.0")
        #expect(problem(IndexRule(selection: .top(factor: 0, fraction: 1.5), weighting: .cap)) != nil)
        let unknown = problem(IndexRule(selection: .top(factor: 2, fraction: 0.5), weighting: .cap))
        #expect(unknown == "unknown factor 2: the universe has 2 factors")
        #expect(problem(IndexRule(selection: .pair(1, 1, fraction: 0.5, combination: .sum), weighting: .cap)) != nil)
        #expect(problem(IndexRule(selection: .all, weighting: .score)) != nil)
        #expect(problem(IndexRule(selection: .all, weighting: .cap, stockCap: 0)) != nil)
        #expect(problem(IndexRule(selection: .all, weighting: .cap, industryCap: 1.2)) != nil)
        #expect(SizeSegment.problem(lower: 0.7, upper: 0.7) != nil)
        #expect(SizeSegment.problem(lower: -0.1, upper: 0.5) != nil)
    }
}
