import Foundation
import Testing

/// One case of Fixtures/estimators_reference.json (scripts/estimator_reference.py): a seeded sample
/// of monthly returns and what numpy, scikit-learn, PyPortfolioOpt and pandas estimate from it.
struct EstimatorReference: Decodable, Sendable {
    let name: String
    let months: Int
    let assets: Int
    let halfLife: Double
    let returns: [Double]
    let sampleMean: [Double]
    let sampleCovariance: [Double]
    let ledoitWolfCovariance: [Double]
    let ledoitWolfShrinkage: Double
    let constantCorrelationCovariance: [Double]
    let constantCorrelationShrinkage: Double
    let exponentialMean: [Double]
    let exponentialCovariance: [Double]

    static let names = ["T60N5", "T36N10", "T24N30", "T48N6constantColumn"]

    static func load(_ name: String) throws -> EstimatorReference {
        struct Document: Decodable { let cases: [EstimatorReference] }
        let url = try #require(
            Bundle.module.url(forResource: "estimators_reference", withExtension: "json", subdirectory: "Fixtures"))
        let document = try JSONDecoder().decode(Document.self, from: Data(contentsOf: url))
        return try #require(document.cases.first { $0.name == name })
    }
}

/// The largest |a_k - b_k|.
func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// The largest |a_k - b_k| over the largest |b_k|.
func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    largestDifference(a, b) / (b.map(abs).max() ?? 1)
}
