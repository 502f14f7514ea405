import Foundation
import GSLKit
import Testing

@testable import CoreSatEngine

/// Index builds over random universes (fixed seeds) against a plain reference: the constituents
/// match a sort-based selection, the weights sum to 1 within 1e-12, and the caps hold exactly when
/// they can be met, at the fixed point of proportional redistribution. These are exact invariants,
/// not statistics: any failure is a bug, so there is no tolerance beyond rounding.
struct IndexConstructionPropertyTests {
    static let factors = 3

    static func universe(_ random: RandomSource) -> IndexUniverse {
        let n = 20 + random.index(below: 280), industries = 1 + random.index(below: 12)
        var normals = Array(repeating: 0.0, count: n * (Self.factors + 1))
        normals.withUnsafeMutableBufferPointer { random.fillNormals($0) }
        // Coarse scores in some universes, so ties are common.
        let coarse = random.uniform() < 0.3
        let scores = (0..<(n * Self.factors)).map { i -> Double in
            if random.uniform() < 0.1 { return .nan }
            return coarse ? (normals[n + i] * 2).rounded() / 2 : normals[n + i]
        }
        return IndexUniverse(
            caps: (0..<n).map { exp(2 * normals[$0]) * 100 }, scores: scores, factorCount: Self.factors,
            industries: (0..<n).map { _ in Int32(random.index(below: industries)) }, industryCount: industries)
    }

    static func rule(_ random: RandomSource) -> IndexRule {
        func pick<T>(_ values: [T]) -> T { values[random.index(below: values.count)] }
        let segment = pick([SizeSegment.all, .large, .mid, .small, .micro, SizeSegment(lower: 0.5, upper: 0.9)])
        let fraction = pick([1.0 / 3, 0.5, 0.2, 1])
        let a = random.index(below: Self.factors), b = (a + 1 + random.index(below: Self.factors - 1)) % Self.factors
        let selection = pick([
            IndexSelection.all, .top(factor: a, fraction: fraction),
            .pair(a, b, fraction: fraction, combination: .product), .pair(a, b, fraction: fraction, combination: .sum),
        ])
        let weighting = selection == .all ? pick([IndexWeighting.cap, .equal]) : pick([.cap, .equal, .score, .tilt])
        return IndexRule(
            segment: segment, selection: selection, weighting: weighting, stockCap: pick([nil, 0.05, 0.10, 0.15]),
            industryCap: pick([nil, 0.3]), buffer: selection == .all ? nil : pick([nil, 0.25]))
    }

    @Test func randomUniversesAgreeWithTheReference() {
        let random = RandomSource(seed: 20_240_612)
        var builds = 0, cappedBuilds = 0, infeasible = 0
        for _ in 0..<300 {
            let universe = Self.universe(random)
            let construction = IndexConstruction(
                stocks: universe.stockCount, factors: Self.factors, industries: universe.industryCount)
            for _ in 0..<4 {
                let rule = Self.rule(random)
                // Current weights for the buffer rule: a random fifth of the universe.
                let previous = rule.buffer == nil
                    ? nil : universe.caps.indices.map { _ in random.uniform() < 0.2 ? 1.0 : 0 }
                let built = universe.build(rule, previous: previous, with: construction)
                let reference = ReferenceIndex(universe: universe, rule: rule, previous: previous)
                #expect(built.constituents == reference.constituents, "\(rule)")
                #expect(built.count == reference.constituents.count)
                #expect(Self.sameScores(built.selectionScores, reference.selectionValues), "\(rule)")
                guard built.count > 0 else {
                    #expect(built.weights.allSatisfy { $0 == 0 })
                    continue
                }
                builds += 1
                #expect(abs(built.weights.reduce(0, +) - 1) <= 1e-12, "\(rule)")
                let feasible = reference.capsFeasible
                #expect(built.capsMet == feasible, "\(rule)")
                if rule.stockCap != nil || rule.industryCap != nil { cappedBuilds += 1 }
                if !feasible { infeasible += 1; continue }
                Self.expectCapsHold(built.weights, universe: universe, rule: rule)
                Self.expectProportionalFixedPoint(
                    built.weights, raw: reference.rawWeights, universe: universe, rule: rule)
            }
        }
        // The draws (1,195 builds, 571 with caps met and 452 with caps that cannot be) must
        // exercise caps, feasible and not.
        #expect(builds > 1100 && cappedBuilds - infeasible > 400 && infeasible > 200)
    }

    /// Equal, NaN where the other is NaN.
    static func sameScores(_ a: [Double], _ b: [Double]) -> Bool {
        zip(a, b).allSatisfy { $0.isNaN ? $1.isNaN : $0 == $1 }
    }

    static func expectCapsHold(_ weights: [Double], universe: IndexUniverse, rule: IndexRule) {
        if let cap = rule.stockCap { #expect(weights.allSatisfy { $0 <= cap + 1e-12 }, "\(rule)") }
        if let cap = rule.industryCap {
            var totals = Array(repeating: 0.0, count: universe.industryCount)
            for (stock, w) in weights.enumerated() { totals[Int(universe.industries[stock])] += w }
            #expect(totals.allSatisfy { $0 <= cap + 1e-12 }, "\(rule)")
        }
    }

    /// Proportional redistribution settles where the stocks below the stock cap keep their raw
    /// proportions within their group (each industry at its cap on its own, all others together),
    /// a stock at the cap would have exceeded it at its group's scale, and an industry held at its
    /// cap is scaled no more than the others.
    static func expectProportionalFixedPoint(
        _ weights: [Double], raw: [Double], universe: IndexUniverse, rule: IndexRule
    ) {
        let stockCap = rule.stockCap ?? .infinity, industryCap = rule.industryCap ?? .infinity
        var totals = Array(repeating: 0.0, count: universe.industryCount)
        for (stock, w) in weights.enumerated() { totals[Int(universe.industries[stock])] += w }
        let common = universe.industryCount
        func group(_ stock: Int) -> Int {
            let industry = Int(universe.industries[stock])
            return totals[industry] >= industryCap - 1e-9 ? industry : common
        }
        var scale = Array(repeating: Double.nan, count: common + 1)
        for stock in weights.indices where weights[stock] > 0 && weights[stock] < stockCap - 1e-9 {
            let g = group(stock), ratio = weights[stock] / raw[stock]
            if scale[g].isNaN { scale[g] = ratio }
            #expect(abs(ratio / scale[g] - 1) <= 1e-9, "\(rule)")
        }
        for stock in weights.indices where weights[stock] >= stockCap - 1e-9 {
            let s = scale[group(stock)]
            if !s.isNaN { #expect(raw[stock] * s >= stockCap * (1 - 1e-9), "\(rule)") }
        }
        if !scale[common].isNaN {
            for g in 0..<common where !scale[g].isNaN { #expect(scale[g] <= scale[common] * (1 + 1e-9), "\(rule)") }
        }
    }
}

/// The index a rule selects, by plain sorting and counting: what `IndexConstruction` must match.
struct ReferenceIndex {
    let universe: IndexUniverse
    let rule: IndexRule
    var constituents: [Int] = []
    /// The selection score of each candidate (the percentile or the pair's combination), NaN elsewhere.
    var selectionValues: [Double]

    init(universe: IndexUniverse, rule: IndexRule, previous: [Double]?) {
        self.universe = universe
        self.rule = rule
        let n = universe.stockCount
        selectionValues = Array(repeating: .nan, count: n)
        let caps = universe.caps
        let byCap = (0..<n).sorted { caps[$0] != caps[$1] ? caps[$0] > caps[$1] : $0 < $1 }
        let total = byCap.reduce(0.0) { $0 + universe.caps[$1] }
        var members: [Int] = [], before = 0.0
        for stock in byCap {
            if before / total >= rule.segment.lower && before / total < rule.segment.upper { members.append(stock) }
            before += universe.caps[stock]
        }
        members.sort()
        let value: (Int) -> Double
        let fraction: Double
        switch rule.selection {
        case .all:
            constituents = members
            return
        case .top(let f, let x):
            let candidates = members.filter { !score($0, f).isNaN }
            value = { Self.percentile(of: $0, factor: f, among: candidates, universe) }
            fraction = x
            members = candidates
        case .pair(let a, let b, let x, let combination):
            let candidates = members.filter { !score($0, a).isNaN && !score($0, b).isNaN }
            value = { stock in
                let pa = Self.percentile(of: stock, factor: a, among: candidates, universe)
                let pb = Self.percentile(of: stock, factor: b, among: candidates, universe)
                return combination == .product ? pa * pb : (pa + pb) / 2
            }
            fraction = x
            members = candidates
        }
        for stock in members { selectionValues[stock] = value(stock) }
        let values = selectionValues
        let ranked = members.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        func selected(_ fraction: Double) -> Int {
            min(ranked.count, max(1, Int((fraction * Double(ranked.count) - 1e-9).rounded(.up))))
        }
        let count = selected(fraction)
        var chosen: [Int] = []
        if let buffer = rule.buffer, let previous {
            let within = selected(min(1, fraction * (1 + buffer)))
            chosen = Array(ranked.prefix(within).filter { previous[$0] > 0 }.prefix(count))
            for stock in ranked where chosen.count < count && !chosen.contains(stock) { chosen.append(stock) }
        } else {
            chosen = Array(ranked.prefix(count))
        }
        constituents = chosen.sorted()
    }

    func score(_ stock: Int, _ factor: Int) -> Double { universe.scores[stock * universe.factorCount + factor] }

    /// Ascending rank with ties averaged, over n.
    static func percentile(of stock: Int, factor: Int, among candidates: [Int], _ universe: IndexUniverse) -> Double {
        let s = universe.scores[stock * universe.factorCount + factor]
        let others = candidates.map { universe.scores[$0 * universe.factorCount + factor] }
        let less = others.filter { $0 < s }.count, equal = others.filter { $0 == s }.count
        return (Double(less) + Double(equal + 1) / 2) / Double(candidates.count)
    }

    /// Whether both caps can be met: enough stocks for the stock cap, and every industry holding
    /// at most min(industry cap, its stocks x stock cap), enough in all.
    var capsFeasible: Bool {
        let stockCap = rule.stockCap ?? .infinity, industryCap = rule.industryCap ?? .infinity
        var counts = Array(repeating: 0, count: universe.industryCount)
        for stock in constituents { counts[Int(universe.industries[stock])] += 1 }
        let room = counts.reduce(0.0) { $0 + ($1 == 0 ? 0 : min(industryCap, Double($1) * stockCap)) }
        return room >= 1 - 1e-12
    }

    /// The weights before caps, unnormalized.
    var rawWeights: [Double] {
        universe.caps.indices.map { stock in
            switch rule.weighting {
            case .cap: universe.caps[stock]
            case .equal: 1
            case .score: selectionValues[stock]
            case .tilt: universe.caps[stock] * selectionValues[stock]
            }
        }
    }
}
