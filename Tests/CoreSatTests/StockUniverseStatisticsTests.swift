import Foundation
import GSLKit
import Testing

@testable import CoreSatEngine

/// Statistical checks of the stock universe with fixed seeds; tolerances are four standard errors,
/// each derived in its test from the sample size.
struct StockUniverseStatisticsTests {
    /// Regressing each characteristic on its value one update earlier, pooled over stocks and
    /// updates, gives the slope persistence^every. Each update's innovations are independent across
    /// stocks and updates with variance 1 - a^2 on regressors of unit variance, so the slope's
    /// standard error is sqrt((1 - a^2) / n) for n pairs (standardizing each update moves scores
    /// by O(1/stocks), far below it).
    @Test(arguments: [1, 3])
    func characteristicsKeepTheirPersistence(every: Int) {
        let persistence = [0.9, 0.8, 0.95, 0.7]
        let spec = UniverseTestSpecs.oneRegime(stocks: 300, every: every, persistence: persistence)
        let universe = StockUniverse(spec: spec)
        let random = RandomSource(seed: 21)
        universe.start(random: random)
        let m = universe.stocks, f = universe.factorCount
        var (xy, xx) = ([Double](repeating: 0, count: 4), [Double](repeating: 0, count: 4))
        var pairs = 0
        var previous = Array(universe.scores)
        for _ in 0..<(60 * every) {
            universe.step(random: random)
            guard universe.characteristicsUpdated else { continue }
            for (c, factor) in StyleFactor.characteristics.enumerated() {
                for i in 0..<m {
                    let x = previous[i * f + factor.index]
                    xy[c] += x * universe.scores[i * f + factor.index]
                    xx[c] += x * x
                }
            }
            pairs += m
            previous = Array(universe.scores)
        }
        for c in 0..<4 {
            let a = pow(persistence[c], Double(every))
            let slope = xy[c] / xx[c]
            let standardError = ((1 - a * a) / Double(pairs)).squareRoot()
            #expect(abs(slope - a) < 4 * standardError, "\(StyleFactor.characteristics[c]): \(slope) vs \(a)")
        }
    }

    /// Each month, the cross-sectional regression of what the exposures explain (the log return less
    /// beta times the market and the industry factor) on an intercept and the seven scores known at
    /// the start of the month recovers that month's premia up to the stocks' noise, and their mean
    /// over the months recovers the regime's premium means. Noise does not scale with size here, so
    /// its -s^2 / 2 is the intercept's. Standard errors: the monthly estimates' sample standard
    /// deviation over sqrt(months), for each of the two averages.
    @Test func regressionOnExposuresRecoversThePremia() throws {
        let universe = StockUniverse(spec: UniverseTestSpecs.oneRegime(stocks: 400, elasticity: 0))
        let random = RandomSource(seed: 31)
        universe.start(random: random)
        let m = universe.stocks, f = universe.factorCount, months = 600
        var estimates: [[Double]] = [], errors: [[Double]] = []
        for _ in 0..<months {
            let exposures = Array(universe.scores)
            universe.step(random: random)
            let explained = (0..<m).map { i in
                universe.logReturns[i] - universe.betas[i] * universe.marketFactorReturn
                    - universe.industryFactorReturns[Int(universe.industries[i])]
            }
            let slopes = try Array(leastSquares(exposures, f: f, y: explained).dropFirst())
            estimates.append(slopes)
            errors.append((0..<f).map { slopes[$0] - universe.factorReturns[$0] })
        }
        for factor in StyleFactor.allCases {
            let k = factor.index
            let estimate = populationMoments(months) { estimates[$0][k] }
            let error = populationMoments(months) { errors[$0][k] }
            let scale = 1 / Double(months - 1).squareRoot()
            #expect(abs(error.mean) < 4 * error.sd * scale, "\(factor): month by month")
            #expect(
                abs(estimate.mean - UniverseTestSpecs.premiumMean[k]) < 4 * estimate.sd * scale,
                "\(factor): \(estimate.mean) vs \(UniverseTestSpecs.premiumMean[k])")
        }
    }

    /// Ordinary least squares of y on an intercept and the f columns of a row-major table.
    private func leastSquares(_ x: [Double], f: Int, y: [Double]) throws -> [Double] {
        let k = f + 1
        var normal = SquareMatrix(order: k, values: Array(repeating: 0, count: k * k))
        var rhs = Array(repeating: 0.0, count: k)
        for i in 0..<y.count {
            let row = [1] + x[(i * f)..<((i + 1) * f)]
            for a in 0..<k {
                rhs[a] += row[a] * y[i]
                for b in 0..<k { normal[a, b] += row[a] * row[b] }
            }
        }
        return try normal.solve(rhs)
    }

    /// Transition shares over a long path against the chain's rows: each share is binomial, with
    /// standard error sqrt(p (1 - p) / n) for n months leaving that regime.
    @Test func regimesFollowTheChain() {
        let spec = UniverseTestSpecs.threeRegimes()
        let universe = StockUniverse(spec: spec)
        let random = RandomSource(seed: 41)
        universe.start(random: random)
        var counts = [[Int]](repeating: [0, 0, 0], count: 3)
        var previous = universe.regime
        for _ in 0..<20_000 {
            universe.step(random: random)
            counts[previous][universe.regime] += 1
            previous = universe.regime
        }
        for from in 0..<3 {
            let n = Double(counts[from].reduce(0, +))
            for to in 0..<3 {
                let p = spec.chain.transition[from, to]
                let share = Double(counts[from][to]) / n
                #expect(abs(share - p) < 4 * (p * (1 - p) / n).squareRoot(), "\(from) -> \(to): \(share) vs \(p)")
            }
        }
    }

    /// The first generated month follows the chain's start distribution: over many paths with a
    /// two-month warm-up, the regime of its last month is start x P. Each share is binomial.
    @Test func firstMonthFollowsTheStart() {
        var spec = UniverseTestSpecs.threeRegimes(stocks: 5)
        (spec.momentumMonths, spec.momentumSkip, spec.volatilityMonths) = (1, 0, 2)
        let universe = StockUniverse(spec: spec)
        let random = RandomSource(seed: 43)
        let paths = 4_000
        var counts = [0, 0, 0]
        for _ in 0..<paths {
            universe.start(random: random)
            counts[universe.regime] += 1
        }
        #expect(spec.windowMonths == 2)
        let p = spec.chain.transition
        let expected = (0..<3).map { to in (0..<3).reduce(0.0) { $0 + spec.chain.start[$1] * p[$1, to] } }
        for r in 0..<3 {
            let share = Double(counts[r]) / Double(paths)
            let standardError = (expected[r] * (1 - expected[r]) / Double(paths)).squareRoot()
            #expect(abs(share - expected[r]) < 4 * standardError, "regime \(r): \(share) vs \(expected[r])")
        }
    }
}
