import Foundation
import GSLKit
import Testing

@testable import CoreSatEngine

/// Replays and bootstraps of recorded months.
struct HistoricalModelTests {
    /// Month t's return of asset i is t + i / 10 thousandths: each row says which month it came from.
    static func numberedMonths(_ count: Int, assets: Int = 2, labels: [Int32]? = nil, regimes: [String] = ["history"]) -> RecordedMonths {
        RecordedMonths(
            rows: (0..<count).map { t in (0..<assets).map { i in (Double(t) + Double(i) / 10) / 1000 } }, labels: labels,
            regimeNames: regimes)
    }

    static func path(_ model: any ReturnModel, _ path: Int, months: Int, random: RandomSource)
        -> (returns: [Double], logs: [Double], regimes: [Int32])
    {
        var r = [Double](repeating: .nan, count: months * model.assetCount), x = r
        var g = [Int32](repeating: -1, count: months)
        r.withUnsafeMutableBufferPointer { r in
            x.withUnsafeMutableBufferPointer { x in
                g.withUnsafeMutableBufferPointer { model.generatePath(path: path, months: months, random: random, returns: r, logReturns: x, regimes: $0) }
            }
        }
        return (r, x, g)
    }

    /// The recorded month each generated month copies (from asset 0's return).
    static func sources(_ returns: [Double], assets: Int) -> [Int] {
        stride(from: 0, to: returns.count, by: assets).map { Int(returns[$0] * 1000 + 0.5) }
    }

    @Test func replayCopiesEachWindowWithItsLogReturnsAndRegimes() {
        let labels: [Int32] = (0..<30).map { $0 % 7 < 3 ? 1 : 0 }
        let history = Self.numberedMonths(30, labels: labels, regimes: ["up", "down"])
        let model = HistoricalReplay(history: history, windowStarts: [0, 12, 18], windowMonths: 12)
        let random = RandomSource(.mt19937, seed: 1)
        for (p, start) in [0, 12, 18].enumerated() {
            let (r, x, g) = Self.path(model, p, months: 12, random: random)
            #expect(Self.sources(r, assets: 2) == Array(start..<(start + 12)))
            #expect(r[1] == (Double(start) + 0.1) / 1000)
            #expect(zip(r, x).allSatisfy { $1 == log1p($0) })
            #expect(g == Array(labels[start..<(start + 12)]))
        }
    }

    @Test func stationaryBootstrapRunsBlocksOfTheMeanLengthAndWrapsAround() {
        let recorded = 120, months = 600, meanBlock = 6.0
        let model = BlockBootstrap(history: Self.numberedMonths(recorded), meanBlockMonths: meanBlock)
        let random = RandomSource(.mt19937, seed: 7)
        var breaks = 0, steps = 0, wraps = 0
        var visits = [Int](repeating: 0, count: recorded)
        for p in 0..<50 {
            let months = Self.sources(Self.path(model, p, months: months, random: random).returns, assets: 2)
            for m in months { visits[m] += 1 }
            for (a, b) in zip(months, months.dropFirst()) {
                steps += 1
                if b == (a + 1) % recorded { wraps += a == recorded - 1 ? 1 : 0 } else { breaks += 1 }
            }
        }
        // A block ends after each month with probability 1/L; a new block continues the old one
        // by chance with probability 1/T.
        let p = (1 / meanBlock) * (1 - 1 / Double(recorded))
        let se = (p * (1 - p) / Double(steps)).squareRoot()
        #expect(abs(Double(breaks) / Double(steps) - p) < 4 * se)
        #expect(wraps > 0)
        // Every recorded month is equally likely (circular blocks keep the ends from being rarer).
        let expected = Double(50 * months) / Double(recorded)
        #expect(visits.allSatisfy { abs(Double($0) - expected) < 6 * (expected * meanBlock).squareRoot() })
    }

    @Test func bootstrapKeepsMeansAndCrossCorrelation() throws {
        // A recorded history with fat tails and a known correlation between the two assets.
        let random = RandomSource(.mt19937, seed: 3)
        let rows: [[Double]] = (0..<240).map { _ in
            var z = [0.0, 0.0]
            z.withUnsafeMutableBufferPointer { random.fillNormals($0) }
            let scale = random.uniform() < 0.1 ? 3.0 : 1.0
            let a = 0.01 + 0.04 * scale * z[0]
            return [a, 0.005 + 0.6 * a + 0.02 * scale * z[1]]
        }
        let history = RecordedMonths(rows: rows)
        func moments(_ rows: [[Double]]) -> (mean0: Double, mean1: Double, correlation: Double) {
            let n = Double(rows.count)
            let m0 = rows.map { $0[0] }.reduce(0, +) / n, m1 = rows.map { $0[1] }.reduce(0, +) / n
            let c = rows.map { ($0[0] - m0) * ($0[1] - m1) }.reduce(0, +)
            let v0 = rows.map { ($0[0] - m0) * ($0[0] - m0) }.reduce(0, +), v1 = rows.map { ($0[1] - m1) * ($0[1] - m1) }.reduce(0, +)
            return (m0, m1, c / (v0 * v1).squareRoot())
        }
        let data = moments(rows)
        let model = BlockBootstrap(history: history, meanBlockMonths: 12)
        var drawn: [[Double]] = []
        let paths = 400, months = 120
        for p in 0..<paths {
            let r = Self.path(model, p, months: months, random: random).returns
            drawn += stride(from: 0, to: r.count, by: 2).map { [r[$0], r[$0 + 1]] }
        }
        let resampled = moments(drawn)
        // Resampled months are recorded months drawn evenly: the mean's standard error is the
        // recorded spread over the paths' months, widened by the blocks (at most sqrt(L)).
        let sd0 = (rows.map { pow($0[0] - data.mean0, 2) }.reduce(0, +) / 239).squareRoot()
        let se = sd0 * (12.0 / Double(paths * months)).squareRoot()
        #expect(abs(resampled.mean0 - data.mean0) < 4 * se)
        #expect(abs(resampled.correlation - data.correlation) < 0.01)
    }

    @Test func regimeBootstrapFollowsTheChainWithMonthsOfTheRightRegime() {
        // Regimes alternate in runs of 5 and 3 months; the chain is persistent.
        let labels: [Int32] = (0..<160).map { $0 % 8 < 5 ? 0 : 1 }
        let history = Self.numberedMonths(160, labels: labels, regimes: ["calm", "stressed"])
        let chain = RegimeChain(transition: SquareMatrix(rows: [[0.9, 0.1], [0.3, 0.7]]), start: [0.75, 0.25])
        let model = BlockBootstrap(history: history, meanBlockMonths: 4, chain: chain)
        let random = RandomSource(.mt19937, seed: 11)
        var moves = [[0.0, 0.0], [0.0, 0.0]]
        for p in 0..<200 {
            let (r, _, g) = Self.path(model, p, months: 120, random: random)
            let months = Self.sources(r, assets: 2)
            // Each generated month was recorded in the regime the chain is in.
            #expect(zip(months, g).allSatisfy { labels[$0] == $1 })
            for (a, b) in zip(g, g.dropFirst()) { moves[Int(a)][Int(b)] += 1 }
        }
        for i in 0..<2 {
            let total = moves[i][0] + moves[i][1]
            let p = chain.transition[i, 1 - i]
            #expect(abs(moves[i][1 - i] / total - p) < 4 * (p * (1 - p) / total).squareRoot())
        }
    }

    @Test func estimatedChainCountsTransitions() {
        let chain = RegimeChain.estimated(labels: [0, 0, 1, 1, 1, 0, 0, 0, 1, 2], regimeCount: 3)
        #expect(chain.transition[0, 0] == 3.0 / 5 && chain.transition[0, 1] == 2.0 / 5)
        #expect(chain.transition[1, 1] == 2.0 / 4 && chain.transition[1, 0] == 1.0 / 4 && chain.transition[1, 2] == 1.0 / 4)
        // Regime 2 is only the last month: it moves on as the shares say.
        #expect(chain.transition[2, 0] == 0.5 && chain.transition[2, 1] == 0.4 && chain.transition[2, 2] == 0.1)
        #expect(chain.start == [0.5, 0.4, 0.1])
    }
}

/// Regimes read off recorded returns.
struct RegimeLabelTests {
    @Test func bullAndBearMarketsRunFromPeakToTroughAndBack() {
        // Up 10%, 10%; down 15%, 10% (a 23.5% fall from the peak after month 1); up 30% (from the
        // trough after month 3); down 5%.
        let r = [0.10, 0.10, -0.15, -0.10, 0.30, -0.05]
        #expect(RegimeLabels.bullBear(returns: r, fall: 0.2, rise: 0.2) == [1, 1, 0, 0, 1, 1])
        // A fall first: the months before the peak that the fall starts from are bear.
        #expect(RegimeLabels.bullBear(returns: [-0.25, 0.1, 0.2, -0.05], fall: 0.2, rise: 0.2) == [0, 1, 1, 1])
        // A fall from the start: no bull months before it.
        #expect(RegimeLabels.bullBear(returns: [-0.1, -0.15, 0.02], fall: 0.2, rise: 0.2) == [0, 0, 0])
        // No move large enough: everything is the default bull.
        #expect(RegimeLabels.bullBear(returns: [0.05, -0.05, 0.05], fall: 0.2, rise: 0.2) == [1, 1, 1])
    }

    @Test func relativeStrengthComparesTheTrailingLeadWithItsMedian() {
        let a = [0.02, 0.01, 0.03, -0.01, 0.00, 0.04]
        let b = [0.01, 0.01, 0.01, 0.01, 0.01, 0.01]
        let labels = RegimeLabels.relativeStrength(a, b, months: 2, medianMonths: 3)
        let d = zip(a, b).map { log1p($0) - log1p($1) }
        let s = (1..<6).map { d[$0] + d[$0 - 1] }  // strength at months 1...5
        #expect(labels[0] == nil && labels[1] == nil && labels[2] == nil)
        for t in 3...5 {
            let median = s[(t - 3)...(t - 1)].sorted()[1]
            #expect(labels[t] == (s[t - 1] > median ? 0 : 1))
        }
    }
}
