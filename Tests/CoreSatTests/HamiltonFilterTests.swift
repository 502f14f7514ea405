import Foundation
import GSLKit
import Testing

@testable import CoreSatEngine

/// The Hamilton filter: by hand, against statsmodels and scipy fixtures, on simulated paths, and
/// with assets that carry no density.
struct HamiltonFilterTests {
    static func regime(_ name: String, mu: [Double], sigma: [Double], correlation: [[Double]]? = nil) -> RegimeSpec {
        RegimeSpec(
            name: name, parameters: zip(mu, sigma).map { LogReturnParameters(mu: $0, sigma: $1) },
            correlation: correlation.map { SquareMatrix(rows: $0) } ?? .identity(mu.count))
    }

    static func spec(_ regimes: [RegimeSpec], transition: [[Double]], start: [Double], innovations: Innovations = .normal) -> MarketSpec {
        MarketSpec(regimes: regimes, transition: SquareMatrix(rows: transition), start: start, innovations: innovations)
    }

    /// Filters one path of log returns [month][asset]: the probabilities [month][regime] and the
    /// months' log-likelihoods.
    static func run(_ filter: HamiltonFilter, _ logReturns: [[Double]]) -> (probabilities: [[Double]], logLikelihoods: [Double]) {
        filter.reset()
        var probabilities: [[Double]] = [], logLikelihoods: [Double] = []
        for month in logReturns {
            month.withUnsafeBufferPointer { filter.update(logReturns: $0.baseAddress!) }
            probabilities.append(Array(filter.probabilities))
            logLikelihoods.append(filter.lastLogLikelihood)
        }
        return (probabilities, logLikelihoods)
    }

    // MARK: By hand

    /// Regime 0: mu 0.01, sigma 0.04; regime 1: mu -0.03, sigma 0.08; P = [[0.9, 0.1], [0.3, 0.7]],
    /// start (0.5, 0.5). With c = 1 / sqrt(2 pi), f_k(x) = c / sigma_k exp(-z_k^2 / 2), z_k = (x - mu_k) / sigma_k.
    @Test func twoRegimesOneAssetWorkedByHand() throws {
        let spec = Self.spec(
            [Self.regime("calm", mu: [0.01], sigma: [0.04]), Self.regime("crisis", mu: [-0.03], sigma: [0.08])],
            transition: [[0.9, 0.1], [0.3, 0.7]], start: [0.5, 0.5])
        let filter = HamiltonFilter(model: try RegimeFilterModel(spec))
        let c = 1 / (2 * Double.pi).squareRoot()

        // Month 0, x = 0.01: z = (0, 0.5), f = (25c, 12.5c e^-1/8). No prediction: the prior is the
        // start, so the joint is (12.5c, 6.25c e^-1/8), and
        // p0 = 12.5 / (12.5 + 6.25 e^-1/8) = 2 / (2 + e^-1/8) ~ 0.6938, log L = log c + log(12.5 + 6.25 e^-1/8).
        let a = 2 / (2 + exp(-1.0 / 8))
        let ll0 = log(c) + log(12.5 + 6.25 * exp(-1.0 / 8))
        // Month 1, x = -0.07: z = (-2, -0.5), f = (25c e^-2, 12.5c e^-1/8). Prediction P' p:
        // (0.9 a + 0.3 (1 - a), 0.1 a + 0.7 (1 - a)) = (0.3 + 0.6a, 0.7 - 0.6a) ~ (0.7163, 0.2837);
        // joint (0.3 + 0.6a) 25c e^-2 ~ 2.4235c and (0.7 - 0.6a) 12.5c e^-1/8 ~ 3.1295c, so b ~ 0.4364.
        let joint1 = ((0.3 + 0.6 * a) * 25 * exp(-2.0), (0.7 - 0.6 * a) * 12.5 * exp(-1.0 / 8))
        let b = joint1.0 / (joint1.0 + joint1.1)
        let ll1 = log(c) + log(joint1.0 + joint1.1)
        // Month 2, x = 0.05: z = (1, 1), f = (25c e^-1/2, 12.5c e^-1/2), prediction (0.3 + 0.6b, 0.7 - 0.6b);
        // the common e^-1/2 cancels: p0 = 2 (0.3 + 0.6b) / (1.3 + 0.6b) ~ 0.7210,
        // log L = log c - 1/2 + log(25 (0.3 + 0.6b) + 12.5 (0.7 - 0.6b)).
        let p2 = 2 * (0.3 + 0.6 * b) / (1.3 + 0.6 * b)
        let ll2 = log(c) - 0.5 + log(25 * (0.3 + 0.6 * b) + 12.5 * (0.7 - 0.6 * b))

        #expect(filter.probabilities.elementsEqual([0.5, 0.5]), "before a month: the start distribution")
        for _ in 0..<2 {  // twice: reset must forget the first pass
            let (p, ll) = Self.run(filter, [[0.01], [-0.07], [0.05]])
            for (month, expected) in [a, b, p2].enumerated() {
                #expect(abs(p[month][0] - expected) < 1e-12)
                #expect(abs(p[month][0] + p[month][1] - 1) < 1e-12)
            }
            for (month, expected) in [ll0, ll1, ll2].enumerated() { #expect(abs(ll[month] - expected) < 1e-12) }
            #expect(filter.mostLikelyRegime == 0)
            #expect(filter.probability(1) == p[2][1])
        }
    }

    // MARK: Fixtures

    /// A fixture of scripts/regime_filter_reference.py, which says how each was computed.
    struct Fixture: Decodable {
        let description: String
        let degreesOfFreedom: Double?
        let mu, sigma: [[Double]]
        let correlation: [[[Double]]]
        let transition: [[Double]]
        let start: [Double]
        let logReturns: [[Double]]
        let filteredProbabilities: [[Double]]
        let monthLogLikelihoods: [Double]
        let logLikelihood: Double

        static func load(_ name: String) throws -> Fixture {
            let url = try #require(Bundle.module.url(forResource: "regime_filter_" + name, withExtension: "json", subdirectory: "Fixtures"))
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Fixture.self, from: Data(contentsOf: url))
        }

        var spec: MarketSpec {
            HamiltonFilterTests.spec(
                mu.indices.map { HamiltonFilterTests.regime("regime \($0)", mu: mu[$0], sigma: sigma[$0], correlation: correlation[$0]) },
                transition: transition, start: start,
                innovations: degreesOfFreedom.map { .studentT(degreesOfFreedom: $0) } ?? .normal)
        }
    }

    /// univariate: statsmodels' MarkovRegression; normal (3 regimes, 3 assets) and student_t
    /// (2 regimes, 2 assets, nu = 5): a plain filter over scipy's densities.
    @Test(arguments: ["univariate", "normal", "student_t"])
    func matchesTheReferenceFilter(name: String) throws {
        let fixture = try Fixture.load(name)
        let filter = HamiltonFilter(model: try RegimeFilterModel(fixture.spec))
        let (p, ll) = Self.run(filter, fixture.logReturns)
        #expect(p.count == fixture.filteredProbabilities.count)
        var worst = 0.0
        for (got, expected) in zip(p, fixture.filteredProbabilities) {
            for (g, e) in zip(got, expected) { worst = max(worst, abs(g - e)) }
        }
        #expect(worst < 1e-9, "\(fixture.description): probabilities differ by \(worst)")
        let worstMonth = zip(ll, fixture.monthLogLikelihoods).map { abs($0 - $1) }.max()!
        #expect(worstMonth < 1e-9, "\(fixture.description): a month's log-likelihood differs by \(worstMonth)")
        // The total sums 120 terms of a few units each.
        #expect(abs(ll.reduce(0, +) - fixture.logLikelihood) < 1e-8)
    }

    // MARK: Simulated paths

    /// Calm and crisis regimes, three assets: the crisis has 3x the volatility, a negative mean and
    /// higher correlation; P = [[0.98, 0.02], [0.05, 0.95]] spends 5/7 ~ 71% of months calm.
    static func separated(_ innovations: Innovations) -> MarketSpec {
        spec(
            [regime("calm", mu: [0.008, 0.009, 0.004], sigma: [0.03, 0.04, 0.02],
                    correlation: [[1, 0.5, 0.2], [0.5, 1, 0.2], [0.2, 0.2, 1]]),
             regime("crisis", mu: [-0.02, -0.025, 0.0], sigma: [0.09, 0.12, 0.06],
                    correlation: [[1, 0.8, 0.4], [0.8, 1, 0.4], [0.4, 0.4, 1]])],
            transition: [[0.98, 0.02], [0.05, 0.95]], start: [5.0 / 7, 2.0 / 7], innovations: innovations)
    }

    /// The filter's argmax against the true regime on 4 paths x 600 months simulated from the same
    /// model. Errors come mostly from the months around a switch (about 0.03 switches a month) and,
    /// with t shocks, from calm months with a large shock. Over seeds 1...40 the share right was
    /// 0.953...0.974 with normal shocks and 0.928...0.961 with t shocks (sd about 0.008), and at
    /// least 0.137 above the share of the commoner regime in the sample: 0.9 and a margin of 0.05
    /// are some 4 standard deviations inside, and still far above chance (1/2) or always answering
    /// "calm" (~0.71).
    @Test(arguments: [Innovations.normal, .studentT(degreesOfFreedom: 5)])
    func classifiesWellSeparatedRegimes(innovations: Innovations) throws {
        let spec = Self.separated(innovations)
        let model = try MarkovSwitchingModel(spec)
        let filter = HamiltonFilter(model: try RegimeFilterModel(spec))
        let (paths, months, n) = (4, 600, model.assetCount)
        let random = RandomSource(seed: 2024)
        var returns = [Double](repeating: 0, count: months * n)
        var logReturns = returns
        var regimes = [Int32](repeating: 0, count: months)
        var right = 0, calm = 0
        for _ in 0..<paths {
            returns.withUnsafeMutableBufferPointer { r in
                logReturns.withUnsafeMutableBufferPointer { x in
                    regimes.withUnsafeMutableBufferPointer {
                        model.generatePath(months: months, random: random, returns: r, logReturns: x, regimes: $0)
                    }
                }
            }
            filter.reset()
            for t in 0..<months {
                logReturns.withUnsafeBufferPointer { filter.update(logReturns: $0.baseAddress! + t * n) }
                if filter.mostLikelyRegime == Int(regimes[t]) { right += 1 }
                if regimes[t] == 0 { calm += 1 }
            }
        }
        let share = Double(right) / Double(paths * months)
        #expect(share > 0.9, "\(innovations): \(share) right")
        let majority = Double(max(calm, paths * months - calm)) / Double(paths * months)
        #expect(share > majority + 0.05, "well above always answering the commoner regime")
    }

    // MARK: Assets without a density

    /// A cash asset (sigma 0 in both regimes) and one with sigma 0 in one regime only are left out:
    /// the filter reads only the risky asset and gives what a model of that asset alone gives.
    @Test func zeroVolatilityAssetsAreLeftOut() throws {
        let transition = [[0.9, 0.1], [0.2, 0.8]]
        let withCash = Self.spec(
            [Self.regime("calm", mu: [0.002, 0.01, 0.005], sigma: [0, 0.04, 0], correlation: [[1, 0, 0], [0, 1, 0.3], [0, 0.3, 1]]),
             Self.regime("crisis", mu: [0.001, -0.02, 0.0], sigma: [0, 0.08, 0.05], correlation: [[1, 0, 0], [0, 1, 0.3], [0, 0.3, 1]])],
            transition: transition, start: [0.5, 0.5])
        let alone = Self.spec(
            [Self.regime("calm", mu: [0.01], sigma: [0.04]), Self.regime("crisis", mu: [-0.02], sigma: [0.08])],
            transition: transition, start: [0.5, 0.5])
        let model = try RegimeFilterModel(withCash)
        #expect(model.densityAssets == [1])

        let months: [[Double]] = [[0.002, 0.03, 0.005], [0.001, -0.11, -0.07], [0.002, 0.0, 0.01], [0.001, -0.05, 0.0]]
        let (p, ll) = Self.run(HamiltonFilter(model: model), months)
        let (q, lq) = Self.run(HamiltonFilter(model: try RegimeFilterModel(alone)), months.map { [$0[1]] })
        #expect(p.joined().allSatisfy { $0.isFinite } && ll.allSatisfy { $0.isFinite })
        #expect(p == q && ll == lq)
    }

    /// With no asset left every density is 1: the filter follows the chain, start then P' p.
    @Test func onlyCashFollowsTheChain() throws {
        let spec = Self.spec(
            [Self.regime("a", mu: [0.002], sigma: [0]), Self.regime("b", mu: [0.001], sigma: [0])],
            transition: [[0.9, 0.1], [0.2, 0.8]], start: [0.5, 0.5])
        let (p, ll) = Self.run(HamiltonFilter(model: try RegimeFilterModel(spec)), [[0.002], [0.001]])
        #expect(abs(p[0][0] - 0.5) < 1e-15 && abs(p[1][0] - 0.55) < 1e-15)
        #expect(ll.allSatisfy { abs($0) < 1e-15 })
    }

    /// A NaN return weighs nothing: the prediction stands and the probabilities stay finite.
    @Test func aNaNReturnKeepsThePrediction() throws {
        let spec = Self.spec(
            [Self.regime("calm", mu: [0.01], sigma: [0.04]), Self.regime("crisis", mu: [-0.03], sigma: [0.08])],
            transition: [[0.9, 0.1], [0.3, 0.7]], start: [0.5, 0.5])
        let (p, ll) = Self.run(HamiltonFilter(model: try RegimeFilterModel(spec)), [[0.01], [.nan], [0.02]])
        #expect(p.joined().allSatisfy { $0.isFinite })
        #expect(abs(p[1][0] - (0.9 * p[0][0] + 0.3 * p[0][1])) < 1e-15)
        #expect(ll[1].isNaN && ll[2].isFinite)
    }
}
