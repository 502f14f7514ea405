import Testing

@testable import CoreSatEngine

/// Stock and industry caps, their feasibility, capacity and turnover, worked by hand.
struct WeightCapsTests {
    /// Caps `weights` over every stock; returns the weights and whether the caps were met.
    static func capped(
        _ weights: [Double], industries: [Int32]? = nil, stockCap: Double? = nil, industryCap: Double? = nil
    ) -> (weights: [Double], met: Bool) {
        var w = weights
        let industries = industries ?? Array(repeating: 0, count: weights.count)
        let met = WeightCaps.apply(
            weights: &w, members: (0..<weights.count).map { Int32($0) }, industries: industries,
            industryCount: Int(industries.max() ?? 0) + 1, stockCap: stockCap, industryCap: industryCap)
        return (w, met)
    }

    /// 0.4, 0.25, 0.15, 0.1, 0.1 under a 25% cap: 0.4 is cut, and the 0.15 it frees, spread in
    /// proportion (x 0.75 / 0.6 = 1.25), lifts 0.25 to 0.3125, so it is cut too; the remaining 0.5
    /// goes to 0.15, 0.1, 0.1 in proportion: 3/14, 1/7, 1/7.
    @Test func stockCapRedistributesInProportion() {
        let result = Self.capped([0.4, 0.25, 0.15, 0.1, 0.1], stockCap: 0.25)
        #expect(result.met)
        #expect(IndexUniverse.matches(result.weights, [0.25, 0.25, 3.0 / 14, 1.0 / 7, 1.0 / 7]))
        #expect(result.weights.allSatisfy { $0 <= 0.25 + WeightCaps.tolerance })
        #expect(abs(result.weights.reduce(0, +) - 1) <= 1e-12)
    }

    /// Weights need not sum to 1 on the way in: 4, 2.5, 1.5, 1, 1 gives the same result.
    @Test func weightsAreShapesOnTheWayIn() {
        let result = Self.capped([4, 2.5, 1.5, 1, 1], stockCap: 0.25)
        #expect(IndexUniverse.matches(result.weights, [0.25, 0.25, 3.0 / 14, 1.0 / 7, 1.0 / 7]))
    }

    /// Industries 0, 0, 1, 2 with weights 0.4, 0.2, 0.25, 0.15 and a 50% industry cap: industry 0
    /// (0.6) is scaled to 0.5 (x 5/6), and the 0.1 spread over the others (x 0.5 / 0.4 = 1.25).
    @Test func industryCapScalesTheIndustryAndSpreadsTheExcess() {
        let result = Self.capped([0.4, 0.2, 0.25, 0.15], industries: [0, 0, 1, 2], industryCap: 0.5)
        #expect(result.met)
        #expect(IndexUniverse.matches(result.weights, [1.0 / 3, 1.0 / 6, 0.3125, 0.1875]))
    }

    /// One industry per stock, 0.45, 0.3, 0.15, 0.1, cap 35%: cutting 0.45 lifts 0.3 to 0.3 x 0.65 /
    /// 0.55 = 0.3545, so it is cut in a second round; 0.3 is left for 0.15 and 0.1 (x 1.2).
    @Test func industryCapCascades() {
        let result = Self.capped([0.45, 0.3, 0.15, 0.1], industries: [0, 1, 2, 3], industryCap: 0.35)
        #expect(result.met)
        #expect(IndexUniverse.matches(result.weights, [0.35, 0.35, 0.18, 0.12]))
    }

    /// Industries 0, 0, 0, 1, 2, 3; weights 0.3, 0.2, 0.1, 0.2, 0.1, 0.1; stock cap 20%, industry
    /// cap 40%. The stock cap alone: 0.3 cut, then 0.2s lifted by 8/7 and cut, the three 0.1s share
    /// 0.4 (0.1333 each), so industry 0 holds 0.5333 and binds. Industry 0 scaled to 0.4: 0.3, 0.2,
    /// 0.1 x 2/3 = 0.2, 0.1333, 0.0667. The other industries share 0.6: 0.2, 0.1, 0.1 x 1.5 lifts
    /// the 0.2 to 0.3, so it is cut, and the 0.1s share 0.4: 0.2 each.
    @Test func bothCapsTogether() {
        let result = Self.capped(
            [0.3, 0.2, 0.1, 0.2, 0.1, 0.1], industries: [0, 0, 0, 1, 2, 3], stockCap: 0.2, industryCap: 0.4)
        #expect(result.met)
        #expect(IndexUniverse.matches(result.weights, [0.2, 2.0 / 15, 1.0 / 15, 0.2, 0.2, 0.2]))
    }

    /// Caps that cannot be met: fewer stocks than 1 / cap, fewer industries than 1 / cap, or (with
    /// enough of both) industries whose stocks cannot hold their share under the stock cap.
    @Test func infeasibleCapsAreReported() {
        let stock = Self.capped([0.5, 0.3, 0.2], stockCap: 0.25)
        #expect(!stock.met)
        #expect(IndexUniverse.matches(stock.weights, [1.0 / 3, 1.0 / 3, 1.0 / 3]))
        let industry = Self.capped([0.5, 0.3, 0.2], industries: [0, 1, 2], industryCap: 0.3)
        #expect(!industry.met)
        #expect(abs(industry.weights.reduce(0, +) - 1) <= 1e-12)
        // 5 stocks in 3 industries pass both counts (4 stocks, 3 industries), but industries 1 and
        // 2 hold one stock each (at most 25%) and industry 0 at most 35%: 85% in all.
        let both = Self.capped(
            [0.2, 0.2, 0.2, 0.2, 0.2], industries: [0, 0, 0, 1, 2], stockCap: 0.25, industryCap: 0.35)
        #expect(!both.met)
        #expect(abs(both.weights.reduce(0, +) - 1) <= 1e-12)

        let rule = IndexRule(selection: .all, weighting: .cap, stockCap: 0.05, industryCap: 0.3)
        #expect(rule.capsProblem(constituents: 19, industries: 4)
            == "a 5% stock cap needs at least 20 constituents, the index has 19")
        #expect(rule.capsProblem(constituents: 20, industries: 3)
            == "a 30% industry cap needs constituents in at least 4 industries, they are in 3")
        #expect(rule.capsProblem(constituents: 20, industries: 4) == nil)
        let fifteen = IndexRule(selection: .all, weighting: .cap, stockCap: 0.15)
        #expect(fifteen.capsProblem(constituents: 6, industries: 1)?.contains("at least 7 constituents") == true)
        #expect(IndexRule(selection: .all, weighting: .cap).capsProblem(constituents: 1, industries: 1) == nil)
    }

    /// A build whose caps cannot be met still sums to 1 and says so.
    @Test func buildReportsCapsItCouldNotMeet() {
        let universe = IndexUniverse(caps: [3, 2, 1])
        let built = universe.build(IndexRule(selection: .all, weighting: .cap, stockCap: 0.1))
        #expect(!built.capsMet)
        #expect(built.count == 3)
        #expect(IndexUniverse.matches(built.weights, [1.0 / 3, 1.0 / 3, 1.0 / 3]))
        let feasible = universe.build(IndexRule(selection: .all, weighting: .cap, stockCap: 0.4))
        #expect(feasible.capsMet)
        // 3, 2, 1 of 6: 0.5 cut to 0.4, 0.6 left for 2 and 1: 0.4 and 0.2.
        #expect(IndexUniverse.matches(feasible.weights, [0.4, 0.4, 0.2]))
    }

    /// Capacity: free-float cap x 5% / weight is 100 x 0.05 / 0.5 = 10, 30 x 0.05 / 0.3 = 5 and
    /// 50 x 0.05 / 0.2 = 12.5; stock 3 is not held. The index can hold 5.
    @Test func capacityByHand() {
        let weights: [Double] = [0.5, 0.3, 0.2, 0], caps: [Double] = [100, 30, 50, 1]
        weights.withUnsafeBufferPointer { w in
            caps.withUnsafeBufferPointer { c in
                #expect(abs(IndexCapacity.capacity(weights: w, caps: c) - 5) <= 1e-12)
                #expect(abs(IndexCapacity.capacity(weights: w, caps: c, participation: 0.1) - 10) <= 1e-12)
            }
        }
        [0.0, 0.0].withUnsafeBufferPointer { w in
            [1.0, 2.0].withUnsafeBufferPointer { c in #expect(IndexCapacity.capacity(weights: w, caps: c) == 0) }
        }
    }

    /// Target 0.5, 0.5, 0 from drifted 0.4, 0.35, 0.25: |0.1| + |0.15| + |0.25| = 0.5, half is 0.25.
    @Test func turnoverByHand() {
        [0.5, 0.5, 0].withUnsafeBufferPointer { target in
            [0.4, 0.35, 0.25].withUnsafeBufferPointer { drifted in
                #expect(abs(IndexTurnover.oneWay(target: target, drifted: drifted) - 0.25) <= 1e-15)
                #expect(IndexTurnover.oneWay(target: target, drifted: target) == 0)
            }
        }
    }
}
