import Foundation
import GSLKit
import Testing

@testable import CoreSatEngine

/// The Markov-switching fit: against statsmodels on the US market series, on a long simulated
/// bivariate series with known parameters, and its bookkeeping (probabilities, threads, BIC,
/// non-convergence, the market spec).
struct RegimeFitTests {
    /// A fixture of scripts/regime_fit_reference.py: statsmodels' fit, regimes by ascending mean.
    struct Fixture: Decodable {
        let regimes: Int
        let returns: [Double]
        let logLikelihood: Double
        let mean, variance: [Double]
        let transition: [[Double]]
        let smoothedProbabilities, filteredProbabilities: [[Double]]

        static func load(_ name: String) throws -> Fixture {
            let url = try #require(Bundle.module.url(forResource: "regime_fit_" + name, withExtension: "json", subdirectory: "Fixtures"))
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Fixture.self, from: Data(contentsOf: url))
        }

        var series: [[Double]] { returns.map { [$0] } }

        var parameters: SwitchingParameters {
            SwitchingParameters(
                regimeCount: regimes, dimension: 1, mean: mean, covariance: variance, transition: transition.flatMap { $0 })
        }
    }

    static func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
    }

    // MARK: statsmodels

    /// The hard requirement: log-likelihood and parameters within 1e-3 of statsmodels' fit.
    @Test func twoRegimesAgreeWithStatsmodels() throws {
        let fixture = try Fixture.load("market_k2")
        let fit = try MarkovSwitchingFit.fit(fixture.series, options: RegimeFitOptions(regimeCount: 2, threads: 2))
        print("k2", fit.logLikelihood - fixture.logLikelihood, fit.means, fit.covariances.map(\.values), fit.transition.values, fit.iterations, fit.polishIterations, fit.polishConverged)
        #expect(abs(fit.logLikelihood - fixture.logLikelihood) < 1e-3)
        #expect(Self.largestDifference(fit.means.map { $0[0] }, fixture.mean) < 1e-3)
        #expect(Self.largestDifference(fit.covariances.map { $0[0, 0] }, fixture.variance) < 1e-3)
        #expect(Self.largestDifference(fit.transition.values, fixture.transition.flatMap { $0 }) < 1e-3)
        #expect(fit.converged && fit.warning == nil)
    }

    @Test func threeRegimesReachStatsmodelsBest() throws {
        let fixture = try Fixture.load("market_k3")
        let fit = try MarkovSwitchingFit.fit(fixture.series, options: RegimeFitOptions(regimeCount: 3, threads: 2))
        print("k3", fit.logLikelihood - fixture.logLikelihood, fit.means, fit.covariances.map(\.values), fit.transition.values, fit.iterations, fit.polishIterations, fit.polishConverged, fit.restartLogLikelihoods)
        #expect(fit.logLikelihood > fixture.logLikelihood - 1e-3)
    }
}
