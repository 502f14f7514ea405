import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// Statistical checks of the return models, with fixed seeds and tolerances of four standard errors,
/// and checks of the calibration against quadrature.
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

    /// Mean, variance (n - 1) and fourth central moment of a sample.
    func moments(_ x: [Double]) -> (mean: Double, variance: Double, fourth: Double) {
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        var m2 = 0.0, m4 = 0.0
        for v in x {
            let d = (v - mean) * (v - mean)
            m2 += d
            m4 += d * d
        }
        return (mean, m2 / (n - 1), m4 / n)
    }

    /// E[g(Z)] for a standard normal Z, by quadrature over [-14, 14]: beyond, the density is about
    /// 1e-43, far under the accuracy asked of these integrals even where g grows like exp(1.5 |z|).
    func normalExpectation(_ g: (Double) -> Double) throws -> Double {
        try Quadrature.integral(from: -14, to: 14) { z in g(z) * exp(-z * z / 2) / (2 * Double.pi).squareRoot() }
    }

    /// The integral of g(w) f_nu(w) over [from, infinity), split at nu so the infinite piece starts at the bulk.
    func overChiSquared(nu: Double, from w0: Double, _ g: (Double) -> Double) throws -> Double {
        let f = { (w: Double) in g(w) * Statistics.chiSquaredDensity(w, degreesOfFreedom: nu) }
        return try Quadrature.integral(from: w0, to: nu, f) + Quadrature.integral(from: nu, f)
    }

    /// The capped Student-t scale s(w) = sqrt(min((nu - 2) / w, 9) / k), with k found by quadrature
    /// here rather than by the closed form the model uses.
    func cappedScale(nu: Double) throws -> (k: Double, w0: Double, scale: (Double) -> Double) {
        let c = StudentTShocks.maximumScale * StudentTShocks.maximumScale
        let w0 = (nu - 2) / c
        let k = c * Statistics.chiSquaredCDF(w0, degreesOfFreedom: nu)
            + (try overChiSquared(nu: nu, from: w0) { (nu - 2) / $0 })
        return (k, w0, { w in (Swift.min((nu - 2) / w, c) / k).squareRoot() })
    }

    /// E[(1 + R)^j], 1 + R = exp(mu + sigma e), integrating over the normal and, for Student-t shocks,
    /// over the chi-squared draw too: an oracle that does not use the model's moment formulas.
    func simpleReturnMoment(_ j: Double, _ p: LogReturnParameters, nu: Double?) throws -> Double {
        let conditional = { (scale: Double) throws -> Double in
            try self.normalExpectation { z in exp(j * (p.mu + p.sigma * scale * z)) }
        }
        guard let nu else { return try conditional(1) }
        let (_, w0, scale) = try cappedScale(nu: nu)
        let capped = try conditional(scale(w0 / 2)) * Statistics.chiSquaredCDF(w0, degreesOfFreedom: nu)
        var failure: (any Error)?
        let rest = try overChiSquared(nu: nu, from: w0) { w in
            do { return try conditional(scale(w)) } catch {
                failure = error
                return .nan
            }
        }
        if let failure { throw failure }
        return capped + rest
    }

    @Test(arguments: [nil, 5.0, 30.0])
    func calibrationMatchesMomentsComputedByQuadrature(nu: Double?) throws {
        let innovations: Innovations = nu.map { .studentT(degreesOfFreedom: $0) } ?? .normal
        // A fact sheet: the simple-return variance is v^2 / 12, and exp(12 mu) is 1 + g (the median).
        let p = try LogReturnParameters.factSheet(annualReturn: 0.07, annualVolatility: 0.25, innovations: innovations)
        #expect(abs(exp(12 * p.mu) - 1.07) < 1e-14)
        let m1 = try simpleReturnMoment(1, p, nu: nu), m2 = try simpleReturnMoment(2, p, nu: nu)
        // Quadrature is good to about 1e-11 relative; the variance is a difference of moments near 1.
        #expect(abs((m2 - m1 * m1) / (0.25 * 0.25 / 12) - 1) < 1e-7)
        // Monthly moments: the simple return's mean and standard deviation.
        let q = try LogReturnParameters.monthlyMoments(mean: 0.01, volatility: 0.08, innovations: innovations)
        let n1 = try simpleReturnMoment(1, q, nu: nu), n2 = try simpleReturnMoment(2, q, nu: nu)
        #expect(abs(n1 - 1.01) < 1e-10)
        #expect(abs((n2 - n1 * n1).squareRoot() / 0.08 - 1) < 1e-7)
    }

    @Test(arguments: [4.5, 5, 8, 30, 1000])
    func cappedScaleMeanSquareMatchesQuadrature(nu: Double) throws {
        let shocks = StudentTShocks(degreesOfFreedom: nu)
        #expect(abs(shocks.meanSquaredScale - (try cappedScale(nu: nu).k)) < 1e-10)
        // Unit shock variance for the scale the model draws: E[scale(W)^2] = 1.
        let c = StudentTShocks.maximumScale * StudentTShocks.maximumScale
        let w0 = (nu - 2) / c
        let mean = shocks.scale(chiSquared: w0 / 2) * shocks.scale(chiSquared: w0 / 2) * Statistics.chiSquaredCDF(w0, degreesOfFreedom: nu)
            + (try overChiSquared(nu: nu, from: w0) { shocks.scale(chiSquared: $0) * shocks.scale(chiSquared: $0) })
        #expect(abs(mean - 1) < 1e-10)
    }

    @Test(arguments: [Innovations.normal, .studentT(degreesOfFreedom: 5)])
    func simulatedMedianCAGRAndPooledVarianceReproduceTheFactSheet(innovations: Innovations) throws {
        let (cagr, vol) = (0.07, 0.18)
        let parameters = try LogReturnParameters.factSheet(annualReturn: cagr, annualVolatility: vol, innovations: innovations)
        let model = try MarkovSwitchingModel(spec([RegimeSpec(name: "all", parameters: [parameters], correlation: .identity(1))], innovations: innovations))
        let paths = 4000, months = 120
        let (r, _) = draw(model, paths: paths, months: months)
        let cagrs = (0..<paths).map { p in
            pow(r[(p * months)..<((p + 1) * months)].reduce(1.0) { $0 * (1 + $1) }, 12.0 / Double(months)) - 1
        }.sorted()
        // The sample median's standard error is 1 / (2 f(m) sqrt(n)). Log growth is a sum of 120
        // shocks with variance 120 sigma^2; given the Student-t scales it is normal, so its density at
        // the median is E[1 / sqrt(2 pi V)] >= 1 / sqrt(2 pi E[V]) (Jensen): the normal f(m) below is
        // a lower bound and the tolerance conservative. On the CAGR scale sd = (1 + g) sigma 12 / sqrt(n).
        let sdCAGR = (1 + cagr) * parameters.sigma * 12 / Double(months).squareRoot()
        let seMedian = (2 * Double.pi).squareRoot() * sdCAGR / (2 * Double(paths).squareRoot())
        #expect(abs(cagrs[paths / 2] - cagr) < 4 * seMedian)
        // Pooled over all months of all paths (independent draws), the sample variance has standard
        // error sqrt((m4 - s^4) / N), with m4 the fourth central moment.
        let m = moments(r)
        let se = ((m.fourth - m.variance * m.variance) / Double(r.count)).squareRoot()
        #expect(abs(m.variance - vol * vol / 12) < 4 * se)
    }

    @Test func studentTShocksHaveUnitVarianceAndFatTails() throws {
        let (sigma, nu) = (0.05, 5.0)
        let regime = RegimeSpec(name: "all", parameters: [.init(mu: 0, sigma: sigma)], correlation: .identity(1))
        let model = try MarkovSwitchingModel(spec([regime], innovations: .studentT(degreesOfFreedom: nu)))
        let (r, _) = draw(model, paths: 1000, months: 200)
        let e = r.map { log1p($0) / sigma }
        let n = Double(e.count)
        // Var(e^2) = E[e^4] - 1, E[e^4] = 3 E[s^4]; with V = (nu - 2) / W, since
        // w^-2 f_nu(w) = f_{nu-4}(w) / ((nu - 2)(nu - 4)): E[min(V, c)^2] = c^2 P(W < w0)
        // + (nu - 2) / (nu - 4) P(chi2_{nu-4} >= w0), w0 = (nu - 2) / c; s^2 = min(V, c) / k.
        let c = StudentTShocks.maximumScale * StudentTShocks.maximumScale, w0 = (nu - 2) / c
        let k = try cappedScale(nu: nu).k
        let fourth = 3 * (c * c * Statistics.chiSquaredCDF(w0, degreesOfFreedom: nu)
            + (nu - 2) / (nu - 4) * Statistics.chiSquaredUpperTail(w0, degreesOfFreedom: nu - 4)) / (k * k)
        let variance = e.reduce(0) { $0 + $1 * $1 } / n  // the mean is known to be 0
        #expect(abs(variance - 1) < 4 * ((fourth - 1) / n).squareRoot())
        // Tails: P(|e| > 3) = E[erfc(3 / (s sqrt 2))] over W, by quadrature; the share is binomial.
        let scale = try cappedScale(nu: nu).scale
        let expected = erfc(3 / (scale(w0 / 2) * 2.0.squareRoot())) * Statistics.chiSquaredCDF(w0, degreesOfFreedom: nu)
            + (try overChiSquared(nu: nu, from: w0) { erfc(3 / (scale($0) * 2.0.squareRoot())) })
        let share = Double(e.filter { abs($0) > 3 }.count) / n
        #expect(abs(share - expected) < 4 * (expected * (1 - expected) / n).squareRoot())
        #expect(expected > 2 * erfc(3 / 2.0.squareRoot()))  // fatter than the normal's 0.27%
    }

    @Test func theMeanOfExpOfAShockSettlesAsItsStandardErrorSays() throws {
        // Without the cap E[exp(a e)] is infinite, and 100 sample means of exp(0.3 e) at nu = 4.5
        // spread across seeds two to eight times more than their standard errors say. With the cap
        // the spread matches. Tolerance: the means are near normal, so the sd of 100 of them has
        // relative standard error 1 / sqrt(2 * 99) = 0.071; each standard error is a sample sd of
        // 10,000 values of kurtosis K (about 240, from the moments below), relative sd
        // sqrt((K - 1) / 4n), 0.008 averaged over 100 seeds, biased low by about (K - 1) / 8n.
        let (a, nu) = (0.3, 4.5)
        let innovations = Innovations.studentT(degreesOfFreedom: nu)
        let regime = RegimeSpec(name: "all", parameters: [.init(mu: 0, sigma: a)], correlation: .identity(1))
        let model = try MarkovSwitchingModel(spec([regime], innovations: innovations))
        let (seeds, n) = (100, 10_000)
        var means: [Double] = [], errors: [Double] = []
        for seed in 1...seeds {
            let (r, _) = draw(model, paths: 100, months: n / 100, seed: UInt32(seed))
            let m = moments(r)
            means.append(m.mean)
            errors.append((m.variance / Double(n)).squareRoot())
        }
        let e = try (1...4).map { (j: Int) throws in 1 + (try innovations.exponentialMomentMinusOne(Double(j) * a)) }
        let variance = e[1] - e[0] * e[0]
        let fourth = e[3] - 4 * e[2] * e[0] + 6 * e[1] * e[0] * e[0] - 3 * pow(e[0], 4)
        let kurtosis = fourth / (variance * variance)
        let typical = errors.reduce(0, +) / Double(seeds)
        let ratio = Statistics.standardDeviation(means) / typical
        let relative = (1 / (2 * Double(seeds - 1)) + (kurtosis - 1) / (4 * Double(n) * Double(seeds))).squareRoot()
        #expect(abs(ratio - 1) < 4 * relative + (kurtosis - 1) / (8 * Double(n)), "ratio \(ratio), kurtosis \(kurtosis)")
        // The grand mean of R against E[exp(0.3 e)] - 1, with the standard error of a million draws.
        #expect(abs(Statistics.mean(means) - (e[0] - 1)) < 4 * typical / Double(seeds).squareRoot())
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
        let calm = RegimeSpec(name: "calm", parameters: [try .monthlyMoments(mean: 0.008, volatility: 0.04)], correlation: .identity(1))
        let stressed = RegimeSpec(name: "stressed", parameters: [try .monthlyMoments(mean: -0.015, volatility: 0.08)], correlation: .identity(1))
        let model = try MarkovSwitchingModel(spec([calm, stressed], transition: [[0.9, 0.1], [0.2, 0.8]], start: [0.5, 0.5]))
        let (r, g) = draw(model, paths: 1000, months: 120)
        for (k, (mean, vol)) in [(0.008, 0.04), (-0.015, 0.08)].enumerated() {
            let x = zip(r, g).filter { Int($0.1) == k }.map(\.0)
            let n = Double(x.count)
            let m = moments(x)
            #expect(abs(m.mean - mean) < 4 * vol / n.squareRoot())
            // The moment calibration, checked by simulation: the sample variance has standard
            // error sqrt((m4 - s^4) / n) (months are independent given their regime).
            #expect(abs(m.variance - vol * vol) < 4 * ((m.fourth - m.variance * m.variance) / n).squareRoot())
        }
    }
}

/// Each path's own drifts when figures come from a few years of data.
struct DriftUncertaintyTests {
    /// Regime 0 ("measured") has the volatilities and correlation that set the drifts' spread;
    /// regime 1 ("quiet") has no volatility, so its log returns are mu + e exactly and show each
    /// path's drift shift e. Asset 2 has no years of data.
    func spec(months: [Double?]?) -> MarketSpec {
        var c = SquareMatrix.identity(3)
        (c[0, 1], c[1, 0], c[0, 2], c[2, 0], c[1, 2], c[2, 1]) = (0.6, 0.6, 0.3, 0.3, 0.2, 0.2)
        let measured = RegimeSpec(name: "measured", parameters: [.init(mu: 0.01, sigma: 0.05), .init(mu: 0.0, sigma: 0.08), .init(mu: 0.005, sigma: 0.04)], correlation: c)
        let quiet = RegimeSpec(name: "quiet", parameters: [.init(mu: 0.002, sigma: 0), .init(mu: -0.001, sigma: 0), .init(mu: 0.003, sigma: 0)], correlation: .identity(3))
        return MarketSpec(
            regimes: [measured, quiet], transition: SquareMatrix(rows: [[0.5, 0.5], [0.5, 0.5]]), start: [0.5, 0.5],
            innovations: .normal, driftUncertainty: months.map { DriftUncertainty(monthsOfData: $0) })
    }

    func model(months: [Double?]?) throws -> MarkovSwitchingModel { try MarkovSwitchingModel(spec(months: months)) }

    /// Per path, the shift e read from every quiet month (nil when a path has none).
    func shifts(_ model: MarkovSwitchingModel, paths: Int, months: Int) -> [[[Double]]] {
        let random = RandomSource(seed: 17)
        var r = [Double](repeating: 0, count: months * 3)
        var g = [Int32](repeating: 0, count: months)
        let quietMu = [0.002, -0.001, 0.003]
        return (0..<paths).map { _ in
            r.withUnsafeMutableBufferPointer { rb in g.withUnsafeMutableBufferPointer { model.generatePath(months: months, random: random, returns: rb, regimes: $0) } }
            return (0..<months).filter { g[$0] == 1 }.map { t in (0..<3).map { log1p(r[t * 3 + $0]) - quietMu[$0] } }
        }
    }

    @Test func eachPathDrawsOneShiftWithTheSamplingCovarianceOfNestedWindows() throws {
        // Five and ten years of data ending on the same date: S_ij = Sigma_ij min(n_i, n_j) / (n_i n_j).
        let n = [60.0, 120.0]
        let sigma = [0.05, 0.08], rho = 0.6
        let perPath = shifts(try model(months: [60, 120, nil]), paths: 20_000, months: 12)
        var e: [[Double]] = []
        for months in perPath where !months.isEmpty {
            // One shift per path, the same in every month (and regime), and none without data.
            for m in months { #expect(zip(m, months[0]).allSatisfy { abs($0 - $1) < 1e-12 } && abs(m[2]) < 1e-15) }
            e.append(months[0])
        }
        let p = Double(e.count)
        let s = [[sigma[0] * sigma[0] / n[0], rho * sigma[0] * sigma[1] / n[1]],
                 [rho * sigma[0] * sigma[1] / n[1], sigma[1] * sigma[1] / n[1]]]
        for i in 0..<2 {
            #expect(abs(e.reduce(0) { $0 + $1[i] } / p) < 4 * (s[i][i] / p).squareRoot())
            for j in 0...i {
                // A zero-mean normal pair: Var(e_i e_j) = S_ii S_jj + S_ij^2.
                let sample = e.reduce(0) { $0 + $1[i] * $1[j] } / p
                #expect(abs(sample - s[i][j]) < 4 * ((s[i][i] * s[j][j] + s[i][j] * s[i][j]) / p).squareRoot(), "S[\(i)][\(j)]")
            }
        }
    }

    @Test func withoutYearsOfDataThePathsAreUnchanged() throws {
        // No draw is spent on drifts unless an asset has years of data, so such scenarios keep their paths.
        let plain = try model(months: nil)
        func path(_ m: MarkovSwitchingModel) -> [Double] {
            let random = RandomSource(seed: 4)
            var r = [Double](repeating: 0, count: 36)
            var g = [Int32](repeating: 0, count: 12)
            r.withUnsafeMutableBufferPointer { x in g.withUnsafeMutableBufferPointer { m.generatePath(months: 12, random: random, returns: x, regimes: $0) } }
            return r
        }
        #expect(path(try model(months: [nil, nil, nil])) == path(plain))
        #expect(path(try model(months: [60, nil, nil])) != path(plain))
    }
}

struct DriftUncertaintyLoadingTests {
    @Test func aNumberCoversEveryAssetAndAMappingTheAssetsItNames() throws {
        let all = try ScenarioLoader.parse(replacing("  transition:", with: "  years_of_data: 5\n  transition:"), file: "s.yaml")
        #expect(all.market.markov?.driftUncertainty == DriftUncertainty(monthsOfData: [60, 60], regime: 0))
        let some = try ScenarioLoader.parse(
            replacing("  transition:", with: "  years_of_data: {sat: 2.5}\n  estimation_regime: stressed\n  transition:"), file: "s.yaml")
        #expect(some.market.markov?.driftUncertainty == DriftUncertainty(monthsOfData: [nil, 30], regime: 1))
    }

    @Test(arguments: [
        ("  years_of_data: {sta: 5}\n", "market.years_of_data.sta", "unknown asset id 'sta' (did you mean 'sat'?)"),
        ("  years_of_data: 0.05\n", "market.years_of_data", "years of data must be at least 1/12 (one month) and at most 1000, got 0.05"),
        ("  years_of_data: 5\n  estimation_regime: calmer\n", "market.estimation_regime", "unknown regime 'calmer' (did you mean 'calm'?)"),
        ("  estimation_regime: calm\n", "market.estimation_regime", "estimation_regime applies only with years_of_data"),
    ])
    func badDriftUncertaintyIsOneLine(insert: String, keyPath: String, reason: String) throws {
        let e = try #require(scenarioError(replacing("  transition:", with: insert + "  transition:")))
        #expect(e.keyPath == keyPath && e.reason == reason && e.line != nil)
    }
}

extension MarketModelSpec {
    /// The Markov family's spec, for tests that look inside it.
    var markov: MarketSpec? {
        guard case .markov(let spec) = self else { return nil }
        return spec
    }
}
