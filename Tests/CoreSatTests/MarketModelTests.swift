import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// Statistical checks of the return models, with fixed seeds and tolerances of four standard errors.
struct MarketModelTests {
    func spec(_ regimes: [RegimeSpec], transition: [[Double]] = [[1]], start: [Double] = [1], innovations: Innovations = .normal) -> MarketSpec {
        MarketSpec(regimes: regimes, transition: SquareMatrix(rows: transition), start: start, innovations: innovations)
    }

    /// `paths` x `months` draws of one model: simple returns [path][month][asset] and regimes.
    func draw(_ model: MarkovSwitchingModel, paths: Int, months: Int, seed: UInt32 = 11) -> (returns: [Double], regimes: [Int32]) {
        let random = RandomSource(seed: seed)
        var returns = [Double](repeating: 0, count: paths * months * model.assetCount)
        var regimes = [Int32](repeating: 0, count: paths * months)
        returns.withUnsafeMutableBufferPointer { r in
            regimes.withUnsafeMutableBufferPointer { g in
                for p in 0..<paths {
                    model.generatePath(
                        months: months, random: random,
                        returns: UnsafeMutableBufferPointer(rebasing: r[(p * months * model.assetCount)..<((p + 1) * months * model.assetCount)]),
                        regimes: UnsafeMutableBufferPointer(rebasing: g[(p * months)..<((p + 1) * months)]))
                }
            }
        }
        return (returns, regimes)
    }

    @Test func factSheetCalibrationIsExactInTheory() {
        let p = LogReturnParameters.factSheet(annualReturn: 0.08, annualVolatility: 0.20)
        #expect(abs(exp(12 * p.mu) - 1.08) < 1e-14)
        #expect(abs(p.simpleReturnMoments.volatility * 12.0.squareRoot() - 0.20) < 1e-14)
        let m = LogReturnParameters.monthlyMoments(mean: 0.01, volatility: 0.05)
        #expect(abs(m.simpleReturnMoments.mean - 0.01) < 1e-14)
        #expect(abs(m.simpleReturnMoments.volatility - 0.05) < 1e-14)
    }

    @Test func simulatedMedianCAGRAndVolatilityReproduceTheFactSheet() throws {
        let (cagr, vol) = (0.07, 0.18)
        let regime = RegimeSpec(
            name: "all", parameters: [.factSheet(annualReturn: cagr, annualVolatility: vol)], correlation: .identity(1))
        let model = try MarkovSwitchingModel(spec([regime]))
        let paths = 4000, months = 120
        let (r, _) = draw(model, paths: paths, months: months)
        var cagrs: [Double] = []
        var pooledSquares = 0.0
        let pooledMean = r.reduce(0, +) / Double(r.count)
        for x in r { pooledSquares += (x - pooledMean) * (x - pooledMean) }
        for p in 0..<paths {
            let growth = r[(p * months)..<((p + 1) * months)].reduce(1.0) { $0 * (1 + $1) }
            cagrs.append(pow(growth, 12.0 / Double(months)) - 1)
        }
        cagrs.sort()
        let median = cagrs[paths / 2]
        // The sample median's standard error is 1 / (2 f(m) sqrt(n)); log growth is normal with sd
        // sigma sqrt(months), so on the CAGR scale f(m) = 1 / (sqrt(2 pi) * sd of CAGR).
        let sigma = LogReturnParameters.factSheet(annualReturn: cagr, annualVolatility: vol).sigma
        let sdCAGR = (1 + cagr) * sigma * 12 / Double(months).squareRoot()
        let seMedian = (2 * Double.pi).squareRoot() * sdCAGR / (2 * Double(paths).squareRoot())
        #expect(abs(median - cagr) < 4 * seMedian)
        let simulatedVol = (pooledSquares / Double(r.count - 1)).squareRoot() * 12.0.squareRoot()
        // Monthly draws are independent; the relative standard error of a sample sd is about
        // sqrt((kurtosis - 1) / 4n), with a lognormal's kurtosis barely above 3 at monthly scale.
        #expect(abs(simulatedVol - vol) < 4 * vol * (2.2 / (4 * Double(r.count))).squareRoot())
    }

    @Test func logReturnsHaveTheGivenCorrelation() throws {
        let rho = 0.6
        var c = SquareMatrix.identity(2)
        c[0, 1] = rho
        c[1, 0] = rho
        let regime = RegimeSpec(name: "all", parameters: [.init(mu: 0.01, sigma: 0.05), .init(mu: 0, sigma: 0.08)], correlation: c)
        let model = try MarkovSwitchingModel(spec([regime]))
        let (r, _) = draw(model, paths: 500, months: 200)
        let x = stride(from: 0, to: r.count, by: 2).map { log1p(r[$0]) }
        let y = stride(from: 1, to: r.count, by: 2).map { log1p(r[$0]) }
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
        let sample = sxy / (sxx * syy).squareRoot()
        // Standard error of a sample correlation: (1 - rho^2) / sqrt(n).
        #expect(abs(sample - rho) < 4 * (1 - rho * rho) / n.squareRoot())
        #expect(abs(mx - 0.01) < 4 * 0.05 / n.squareRoot())
        #expect(abs(((syy / (n - 1)).squareRoot()) - 0.08) < 4 * 0.08 / (2 * n).squareRoot())
    }

    @Test func studentTInnovationsKeepTheVarianceAndFattenTheTails() throws {
        let sigma = 0.05
        let regime = RegimeSpec(name: "all", parameters: [.init(mu: 0, sigma: sigma)], correlation: .identity(1))
        let model = try MarkovSwitchingModel(spec([regime], innovations: .studentT(degreesOfFreedom: 8)))
        let (r, _) = draw(model, paths: 1000, months: 200)
        let x = r.map { log1p($0) }
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        // t(8) scaled to unit variance has kurtosis 3 + 6 / (nu - 4) = 4.5, so Var(s^2) = sigma^4 (4.5 - 1) / n.
        #expect(abs(variance - sigma * sigma) < 4 * sigma * sigma * (3.5 / n).squareRoot())
        // Tails: the share of draws beyond 3 sd is 2 P(T > 3 sqrt(nu / (nu - 2))) for the scaled t(8),
        // about three times the normal's 0.27%; the share is binomial.
        let nu = 8.0
        let expected = 2 * Statistics.studentTUpperTail(3 * (nu / (nu - 2)).squareRoot(), degreesOfFreedom: nu)
        let share = Double(x.filter { abs($0) > 3 * sigma }.count) / n
        #expect(abs(share - expected) < 4 * (expected * (1 - expected) / n).squareRoot())
        #expect(expected > 2.5 * 0.0027)
    }

    @Test func regimeDurationsAndSharesMatchTheMarkovChain() throws {
        let calm = RegimeSpec(name: "calm", parameters: [.init(mu: 0.01, sigma: 0.04)], correlation: .identity(1))
        let stressed = RegimeSpec(name: "stressed", parameters: [.init(mu: -0.02, sigma: 0.08)], correlation: .identity(1))
        let p = [[0.97, 0.03], [0.10, 0.90]]
        let model = try MarkovSwitchingModel(spec([calm, stressed], transition: p, start: [1, 0]))
        // Short paths: every one starts calm.
        let (_, starts) = draw(model, paths: 500, months: 2)
        #expect(stride(from: 0, to: starts.count, by: 2).allSatisfy { starts[$0] == 0 })
        // With start [0.3, 0.7] the first month is stressed on a binomial share of paths.
        let mixed = try MarkovSwitchingModel(spec([calm, stressed], transition: p, start: [0.3, 0.7]))
        let (_, firsts) = draw(mixed, paths: 4000, months: 1)
        let stressedShare = Double(firsts.filter { $0 == 1 }.count) / 4000
        #expect(abs(stressedShare - 0.7) < 4 * (0.7 * 0.3 / 4000).squareRoot())

        // One long path, so that spells are not cut short by the end of the path.
        let months = 400_000
        let (_, regimes) = draw(model, paths: 1, months: months)
        var counts = [[0.0, 0.0], [0.0, 0.0]]
        var spells: [[Int]] = [[], []]
        var length = 1
        for t in 1..<months {
            let a = Int(regimes[t - 1]), b = Int(regimes[t])
            counts[a][b] += 1
            if a == b { length += 1 } else { spells[a].append(length); length = 1 }
        }
        for i in 0..<2 {
            // Each transition count is binomial: standard error sqrt(p(1-p)/n).
            let n = counts[i][0] + counts[i][1]
            #expect(abs(counts[i][i] / n - p[i][i]) < 4 * (p[i][i] * (1 - p[i][i]) / n).squareRoot())
            // Spells are geometric with mean 1 / (1 - p_ii) and sd sqrt(p_ii) / (1 - p_ii).
            let mean = Double(spells[i].reduce(0, +)) / Double(spells[i].count)
            let sd = p[i][i].squareRoot() / (1 - p[i][i])
            #expect(abs(mean - 1 / (1 - p[i][i])) < 4 * sd / Double(spells[i].count).squareRoot())
        }
        // Long-run share of the stressed regime: 0.03 / 0.13. Months are autocorrelated with
        // lambda = 1 - 0.03 - 0.10, which inflates the binomial variance by (1 + lambda) / (1 - lambda).
        let share = Double(regimes.filter { $0 == 1 }.count) / Double(months)
        let pi = 0.03 / 0.13, lambda = 0.87
        #expect(abs(share - pi) < 4 * (pi * (1 - pi) / Double(months) * (1 + lambda) / (1 - lambda)).squareRoot())
    }

    @Test func regimeReturnsFollowTheirOwnParameters() throws {
        let calm = RegimeSpec(name: "calm", parameters: [.monthlyMoments(mean: 0.008, volatility: 0.04)], correlation: .identity(1))
        let stressed = RegimeSpec(name: "stressed", parameters: [.monthlyMoments(mean: -0.015, volatility: 0.08)], correlation: .identity(1))
        let model = try MarkovSwitchingModel(spec([calm, stressed], transition: [[0.9, 0.1], [0.2, 0.8]], start: [0.5, 0.5]))
        let (r, g) = draw(model, paths: 1000, months: 120)
        for (k, (mean, vol)) in [(0.008, 0.04), (-0.015, 0.08)].enumerated() {
            let x = zip(r, g).filter { Int($0.1) == k }.map(\.0)
            let n = Double(x.count)
            let sample = x.reduce(0, +) / n
            #expect(abs(sample - mean) < 4 * vol / n.squareRoot())
            // The moment calibration, checked by simulation rather than by its own inverse: the
            // simple-return sd has relative standard error about sqrt((kurtosis - 1) / 4n), and a
            // monthly lognormal's kurtosis is barely above 3.
            let sd = (x.reduce(0) { $0 + ($1 - sample) * ($1 - sample) } / (n - 1)).squareRoot()
            #expect(abs(sd - vol) < 4 * vol * (2.2 / (4 * n)).squareRoot())
        }
    }
}
