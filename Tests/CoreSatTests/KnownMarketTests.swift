import Foundation
import GSLKit
import Testing

@testable import CoreSatEngine

/// The moments a perfect-knowledge policy uses, against the simulated returns themselves: fixed
/// seeds, tolerances of four standard errors.
struct KnownMarketTests {
    let calm = RegimeSpec(
        name: "calm", parameters: [.init(mu: 0.008, sigma: 0.04), .init(mu: 0.01, sigma: 0.06)],
        correlation: SquareMatrix(rows: [[1, 0.5], [0.5, 1]]))
    let stressed = RegimeSpec(
        name: "stressed", parameters: [.init(mu: -0.015, sigma: 0.08), .init(mu: -0.02, sigma: 0.11)],
        correlation: SquareMatrix(rows: [[1, 0.85], [0.85, 1]]))

    /// Paths of two months starting in `regime`: the second month's simple returns are next month's
    /// draw given the regime of the month just ended.
    @Test(arguments: [0, 1])
    func predictiveMomentsAreThoseOfNextMonthsReturns(regime: Int) throws {
        let start = regime == 0 ? [1.0, 0] : [0, 1.0]
        let spec = MarketSpec(
            regimes: [calm, stressed], transition: SquareMatrix(rows: [[0.9, 0.1], [0.3, 0.7]]), start: start,
            innovations: .normal)
        let model = try MarkovSwitchingModel(spec)
        let known = try #require(model.knownMarket)
        let draws = 200_000
        let random = RandomSource(seed: 5)
        var sums = [0.0, 0.0], products = [0.0, 0.0, 0.0, 0.0]
        var r = [Double](repeating: 0, count: 4), x = r
        var g = [Int32](repeating: 0, count: 2)
        var logMeans = [Double](repeating: .nan, count: 4)
        for _ in 0..<draws {
            r.withUnsafeMutableBufferPointer { rb in
                x.withUnsafeMutableBufferPointer { xb in
                    g.withUnsafeMutableBufferPointer { gb in
                        logMeans.withUnsafeMutableBufferPointer {
                            model.generatePath(path: 0, months: 2, random: random, returns: rb, logReturns: xb, regimes: gb, logMeans: $0)
                        }
                    }
                }
            }
            for a in 0..<2 {
                sums[a] += r[2 + a]
                for b in 0..<2 { products[a * 2 + b] += r[2 + a] * r[2 + b] }
            }
        }
        #expect(logMeans == [0.008, 0.01, -0.015, -0.02])
        var mean = [0.0, 0.0], covariance = [0.0, 0.0, 0.0, 0.0], scratch = [0.0, 0.0]
        logMeans.withUnsafeBufferPointer { m in
            known.predictiveMoments(
                logMeans: m.baseAddress!, regime: regime, universe: [0, 1], mean: &mean, covariance: &covariance, scratch: &scratch)
        }
        let n = Double(draws)
        for a in 0..<2 {
            let sampleMean = sums[a] / n
            #expect(abs(sampleMean - mean[a]) <= 4 * (covariance[a * 2 + a] / n).squareRoot(), "mean of asset \(a)")
            for b in 0..<2 {
                let sample = (products[a * 2 + b] - sums[a] * sums[b] / n) / (n - 1)
                // The standard error of a sample covariance is about sqrt((s_aa s_bb + s_ab²) / n)
                // for normal data; the mixture's heavier tails get a factor of 2.
                let se = 2 * ((covariance[0] * covariance[3] + covariance[1] * covariance[1]) / n).squareRoot()
                #expect(abs(sample - covariance[a * 2 + b]) <= 4 * se, "covariance (\(a), \(b)): \(sample) vs \(covariance[a * 2 + b])")
            }
        }
    }

    /// A belief that is certain of a regime gives that regime's moments; an uncertain one, the
    /// belief-weighted transition rows.
    @Test func aCertainBeliefIsTheKnownRegime() throws {
        let spec = MarketSpec(
            regimes: [calm, stressed], transition: SquareMatrix(rows: [[0.9, 0.1], [0.3, 0.7]]), start: [1, 0],
            innovations: .normal)
        let known = KnownMarket(spec)
        let logMeans = [0.008, 0.01, -0.015, -0.02]
        func moments(_ belief: [Double]?, regime: Int = 0) -> [Double] {
            var mean = [0.0, 0.0], covariance = [0.0, 0.0, 0.0, 0.0], scratch = [0.0, 0.0], shares = [0.0, 0.0]
            logMeans.withUnsafeBufferPointer { m in
                if let belief {
                    belief.withUnsafeBufferPointer { b in
                        known.predictiveMoments(
                            logMeans: m.baseAddress!, belief: b, universe: [0, 1], mean: &mean, covariance: &covariance,
                            scratch: &scratch, shares: &shares)
                    }
                } else {
                    known.predictiveMoments(
                        logMeans: m.baseAddress!, regime: regime, universe: [0, 1], mean: &mean, covariance: &covariance,
                        scratch: &scratch)
                }
            }
            return mean + covariance
        }
        #expect(moments([0, 1]) == moments(nil, regime: 1))
        #expect(moments([1, 0]) == moments(nil, regime: 0))
        // Half and half: next month is calm with probability 0.5 x 0.9 + 0.5 x 0.3 = 0.6.
        let half = moments([0.5, 0.5])
        let calmMean = expm1(0.008 + 0.04 * 0.04 / 2), stressedMean = expm1(-0.015 + 0.08 * 0.08 / 2)
        #expect(abs(half[0] - (0.6 * calmMean + 0.4 * stressedMean)) <= 1e-15)
    }

    /// Under parameter uncertainty each path's drifts differ from the spec's, and the path's returns
    /// follow the drifts handed to the policy.
    @Test func aPathsDrawnDriftsAreTheOnesItsReturnsFollow() throws {
        var spec = MarketSpec(regimes: [calm], transition: SquareMatrix(rows: [[1]]), start: [1], innovations: .normal)
        spec.driftUncertainty = DriftUncertainty(monthsOfData: [24, 24])
        let model = try MarkovSwitchingModel(spec)
        let months = 40_000
        var r = [Double](repeating: 0, count: 2 * months), x = r
        var g = [Int32](repeating: 0, count: months)
        var logMeans = [Double](repeating: .nan, count: 2)
        r.withUnsafeMutableBufferPointer { rb in
            x.withUnsafeMutableBufferPointer { xb in
                g.withUnsafeMutableBufferPointer { gb in
                    logMeans.withUnsafeMutableBufferPointer {
                        model.generatePath(path: 0, months: months, random: RandomSource(seed: 3), returns: rb, logReturns: xb, regimes: gb, logMeans: $0)
                    }
                }
            }
        }
        // The drift's standard deviation is sigma / sqrt(24): the draw moves it by several of the
        // path's own standard errors (sigma / sqrt(40,000)), so a wrong hand-over would show.
        #expect(logMeans[0] != 0.008 && logMeans[1] != 0.01)
        for a in 0..<2 {
            let mean = stride(from: a, to: x.count, by: 2).reduce(0) { $0 + x[$1] } / Double(months)
            let se = calm.parameters[a].sigma / Double(months).squareRoot()
            #expect(abs(mean - logMeans[a]) <= 4 * se, "asset \(a): path mean \(mean), handed over \(logMeans[a])")
        }
    }
}
