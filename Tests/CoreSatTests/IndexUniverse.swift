@testable import CoreSatEngine

/// A small stock universe for the index-rule tests: free-float caps, row-major factor scores
/// [stock * factors + factor] and industries, built by `IndexConstruction`.
struct IndexUniverse {
    var caps: [Double]
    var scores: [Double]
    var industries: [Int32]
    var factorCount: Int
    var industryCount: Int

    init(
        caps: [Double], scores: [Double] = [], factorCount: Int = 0, industries: [Int32]? = nil,
        industryCount: Int = 1
    ) {
        self.caps = caps
        self.scores = scores
        self.factorCount = factorCount
        self.industries = industries ?? Array(repeating: 0, count: caps.count)
        self.industryCount = industryCount
    }

    /// One factor's scores as columns: factors[f][stock].
    init(caps: [Double], factors: [[Double]], industries: [Int32]? = nil, industryCount: Int = 1) {
        let n = caps.count
        self.init(
            caps: caps, scores: (0..<n).flatMap { stock in factors.map { $0[stock] } }, factorCount: factors.count,
            industries: industries, industryCount: industryCount)
    }

    var stockCount: Int { caps.count }

    struct Built {
        var weights: [Double]
        var count: Int
        var selectionScores: [Double]
        var capsMet: Bool
        /// The constituents by ascending stock index.
        var constituents: [Int] { weights.indices.filter { weights[$0] > 0 } }
    }

    func build(_ rule: IndexRule, previous: [Double]? = nil, with construction: IndexConstruction? = nil) -> Built {
        let construction = construction
            ?? IndexConstruction(stocks: stockCount, factors: factorCount, industries: industryCount)
        var weights = Array(repeating: Double.nan, count: stockCount)
        let count = caps.withUnsafeBufferPointer { caps in
            scores.withUnsafeBufferPointer { scores in
                industries.withUnsafeBufferPointer { industries in
                    weights.withUnsafeMutableBufferPointer { weights in
                        if let previous {
                            previous.withUnsafeBufferPointer {
                                construction.build(
                                    rule: rule, caps: caps, scores: scores, industries: industries, previous: $0,
                                    weights: weights)
                            }
                        } else {
                            construction.build(
                                rule: rule, caps: caps, scores: scores, industries: industries, previous: nil,
                                weights: weights)
                        }
                    }
                }
            }
        }
        return Built(
            weights: weights, count: count, selectionScores: Array(construction.selectionScores),
            capsMet: construction.capsMet)
    }

    /// Elementwise closeness, for hand-worked weights.
    static func matches(_ a: [Double], _ b: [Double], within tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }
}
