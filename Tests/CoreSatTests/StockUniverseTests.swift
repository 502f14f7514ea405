import Foundation
import GSLKit
import Testing

@testable import CoreSatEngine

/// The mechanics of the stock universe: determinism, standardized scores, caps following returns,
/// and momentum and low volatility equal to the same figures computed directly from the returns.
struct StockUniverseTests {
    @Test func sameSeedSameCrossSections() {
        let spec = UniverseTestSpecs.oneRegime(stocks: 50, every: 3)
        let (a, b, c) = (StockUniverse(spec: spec), StockUniverse(spec: spec), StockUniverse(spec: spec))
        let (ra, rb, rc) = (RandomSource(seed: 7), RandomSource(seed: 7), RandomSource(seed: 8))
        a.start(random: ra)
        b.start(random: rb)
        c.start(random: rc)
        var differs = false
        for _ in 0..<24 {
            a.step(random: ra)
            b.step(random: rb)
            c.step(random: rc)
            #expect(Array(a.returns) == Array(b.returns))
            #expect(Array(a.caps) == Array(b.caps))
            #expect(Array(a.scores) == Array(b.scores))
            #expect(Array(a.factorReturns) == Array(b.factorReturns))
            #expect(a.regime == b.regime)
            differs = differs || Array(a.returns) != Array(c.returns)
        }
        #expect(differs, "another seed gives another path")
    }

    @Test func industriesFollowSharesInBlocks() {
        var spec = UniverseTestSpecs.oneRegime(stocks: 7)
        spec.industryNames = ["a", "b", "c"]
        spec.industryShares = [0.5, 0.3, 0.2]
        // Exact shares 3.5, 2.1, 1.4: floors 3, 2, 1 and the one stock left to the largest remainder.
        #expect(spec.industryCounts() == [4, 2, 1])
        let universe = StockUniverse(spec: spec)
        #expect(Array(universe.industries) == [0, 0, 0, 0, 1, 1, 2])
        spec.stocks = 10
        spec.industryShares = nil
        #expect(spec.industryCounts() == [4, 3, 3])
    }

    @Test func scoresAreStandardizedEveryMonth() {
        for every in [1, 3] {
            let universe = StockUniverse(spec: UniverseTestSpecs.oneRegime(stocks: 120, every: every))
            let random = RandomSource(seed: 3)
            universe.start(random: random)
            var updates = 0
            for _ in 0..<36 {
                let before = Array(universe.scores)
                universe.step(random: random)
                let f = universe.factorCount
                for factor in StyleFactor.allCases {
                    let (mean, sd) = populationMoments(universe.stocks) { universe.scores[$0 * f + factor.index] }
                    #expect(abs(mean) < 1e-12, "\(factor) mean \(mean)")
                    #expect(abs(sd - 1) < 1e-12, "\(factor) sd \(sd)")
                }
                // Characteristics move only on their months.
                let moved = StyleFactor.characteristics.contains { factor in
                    let k = factor.index
                    return (0..<universe.stocks).contains { before[$0 * f + k] != universe.scores[$0 * f + k] }
                }
                #expect(moved == universe.characteristicsUpdated)
                #expect(universe.characteristicsUpdated == ((universe.month + 1) % every == 0))
                if universe.characteristicsUpdated { updates += 1 }
            }
            #expect(updates == 36 / every)
        }
    }

    @Test func capsFollowReturns() {
        let universe = StockUniverse(spec: UniverseTestSpecs.oneRegime(stocks: 80))
        let random = RandomSource(seed: 5)
        universe.start(random: random)
        #expect(universe.month == -1)
        for t in 0..<60 {
            let before = Array(universe.caps)
            universe.step(random: random)
            #expect(universe.month == t)
            var earned = 0.0
            for i in 0..<universe.stocks {
                let r = universe.returns[i]
                #expect(r > -1)
                #expect(universe.caps[i] == before[i] * (1 + r))
                #expect(abs(universe.logReturns[i] - log1p(r)) <= 1e-12 * max(1, abs(universe.logReturns[i])))
                earned += before[i] * r
            }
            let universeReturn = earned / before.reduce(0, +)
            #expect(abs(universe.universeReturn - universeReturn) < 1e-14)
            // Size is the standardized log cap: its order is the caps' order.
            let f = universe.factorCount
            let size = StyleFactor.size.index
            let scores = Array(universe.scores), caps = Array(universe.caps)
            let bySize = (0..<universe.stocks).sorted { scores[$0 * f + size] < scores[$1 * f + size] }
            #expect(bySize == (0..<universe.stocks).sorted { caps[$0] < caps[$1] })
        }
    }

    /// Momentum: the cumulative log return over `momentumMonths` ending `momentumSkip` months ago,
    /// in excess of the cap-weighted universe's; low volatility: minus the sample standard deviation
    /// of the last `volatilityMonths` simple returns. Both standardized, recomputed here from the
    /// months recorded after the warm-up.
    @Test(arguments: [(12, 1, 12), (6, 2, 4), (3, 0, 9)])
    func trailingScoresMatchDirectComputation(windows: (momentum: Int, skip: Int, volatility: Int)) {
        var spec = UniverseTestSpecs.oneRegime(stocks: 40)
        (spec.momentumMonths, spec.momentumSkip, spec.volatilityMonths) = windows
        let universe = StockUniverse(spec: spec)
        let random = RandomSource(seed: 11)
        universe.start(random: random)
        let m = universe.stocks, f = universe.factorCount
        var logReturns: [[Double]] = [], returns: [[Double]] = [], universeLogReturns: [Double] = []
        for t in 0..<40 {
            let caps = Array(universe.caps)
            universe.step(random: random)
            returns.append(Array(universe.returns))
            logReturns.append(returns[t].map { log1p($0) })
            let earned = (0..<m).reduce(0.0) { $0 + caps[$1] * returns[t][$1] }
            universeLogReturns.append(log1p(earned / caps.reduce(0, +)))
            guard t + 1 >= spec.windowMonths else { continue }
            let momentumMonths = (t - windows.skip - windows.momentum + 1)...(t - windows.skip)
            let momentum = standardized((0..<m).map { i in
                momentumMonths.reduce(0.0) { $0 + logReturns[$1][i] - universeLogReturns[$1] }
            })
            let calm = standardized((0..<m).map { i in
                let window = (t - windows.volatility + 1)...t
                let mean = window.reduce(0.0) { $0 + returns[$1][i] } / Double(windows.volatility)
                let squares = window.reduce(0.0) { $0 + pow(returns[$1][i] - mean, 2) }
                let variance = squares / Double(windows.volatility - 1)
                return -variance.squareRoot()
            })
            for i in 0..<m {
                #expect(abs(universe.scores[i * f + StyleFactor.momentum.index] - momentum[i]) < 1e-9)
                #expect(abs(universe.scores[i * f + StyleFactor.lowVolatility.index] - calm[i]) < 1e-9)
            }
        }
    }

    private func standardized(_ x: [Double]) -> [Double] {
        let (mean, sd) = populationMoments(x.count) { x[$0] }
        return x.map { ($0 - mean) / sd }
    }

    @Test func warmUpFillsTheWindowsBeforeMonthZero() {
        let spec = UniverseTestSpecs.oneRegime(stocks: 30)
        let universe = StockUniverse(spec: spec)
        universe.start(random: RandomSource(seed: 2), warmUp: 20)
        #expect(universe.month == -1)
        let f = universe.factorCount
        for factor in [StyleFactor.momentum, .lowVolatility] {
            let (_, sd) = populationMoments(universe.stocks) { universe.scores[$0 * f + factor.index] }
            #expect(abs(sd - 1) < 1e-12, "\(factor) has scores at month 0")
        }
    }
}
