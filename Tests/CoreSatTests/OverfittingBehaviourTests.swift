import Foundation
import GSLKit
import Testing

@testable import CoreSatEngine

/// CSCV on cases whose answer is known without a reference: noise, a real edge, ties, bad input.
struct OverfittingBehaviourTests {
    /// T x N row-major normal returns, configuration j with mean `means[j]`.
    func normalMatrix(periods t: Int, means: [Double], sd: Double, seed: UInt32) -> [Double] {
        let random = RandomSource(seed: seed)
        var z = [Double](repeating: 0, count: t * means.count)
        z.withUnsafeMutableBufferPointer { random.fillNormals($0) }
        return z.enumerated().map { i, x in means[i % means.count] + sd * x }
    }

    /// With no configuration better than another, the in-sample best is a random draw out of
    /// sample: its rank is uniform on 1...N, so each choice is overfit with probability exactly
    /// 1/2 (N even). A run's PBO lies in [0, 1] with mean 1/2, so its variance is at most 1/4;
    /// over 400 independent runs the mean's standard error is at most 0.025.
    @Test func pureNoiseIsOverfitHalfTheTime() throws {
        let runs = 400
        var total = 0.0
        for seed in 1...runs {
            let m = normalMatrix(periods: 64, means: Array(repeating: 0.005, count: 12), sd: 0.04, seed: UInt32(seed))
            total += try BacktestOverfitting.evaluate(m, configurations: 12, blocks: 8).probability
        }
        let bound = 0.5 / Double(runs).squareRoot()
        #expect(abs(total / Double(runs) - 0.5) < 4 * bound, "mean PBO \(total / Double(runs))")
    }

    @Test func aStrongRealEdgeIsNotOverfit() throws {
        var means = Array(repeating: 0.0, count: 12)
        means[5] = 0.02  // a monthly Sharpe ratio of 0.5 against 0 for the others
        let m = normalMatrix(periods: 240, means: means, sd: 0.04, seed: 2024)
        let r = try BacktestOverfitting.evaluate(m, configurations: 12)
        #expect(r.combinations == 12_870)
        #expect(r.probability < 0.01 && r.probabilityOfLoss < 0.01, "PBO \(r.probability)")
        #expect(r.chosen.filter { $0 == 5 }.count > 12_700)
        #expect(r.logitSummary.median == log(12.0))  // rank N: ln(N / 1)
    }

    /// Two halves of two months each. Configuration 0 and 1 are the same series, 2 is worse in
    /// both halves: the first of the tied is chosen and shares ranks 2 and 3 out of sample.
    @Test func tiedConfigurationsShareTheirRanks() throws {
        let a = [0.01, 0.03, 0.02, 0.04], c = [-0.01, 0.0, -0.02, 0.01]
        let rows = (0..<4).map { [a[$0], a[$0], c[$0]] }
        let r = try BacktestOverfitting.evaluate(rows: rows, blocks: 2)
        #expect(r.combinations == 2 && r.chosen == [0, 0])
        #expect(r.logits.allSatisfy { abs($0 - log(2.5 / 1.5)) < 1e-15 })  // omega = 2.5 / 4
        #expect(r.probability == 0)
    }

    /// Each half's best is second of three in the other half: omega = 1/2, lambda = 0 exactly,
    /// and a logit of 0 counts as overfit.
    @Test func theMedianCountsAsOverfit() throws {
        // rows m - 0.01, m + 0.01: every half has the same spread, so Sharpe ratios follow means.
        let firstHalf = [0.03, 0.02, 0.01], secondHalf = [0.02, 0.03, 0.01]
        let rows = [firstHalf.map { $0 - 0.01 }, firstHalf.map { $0 + 0.01 }, secondHalf.map { $0 - 0.01 }, secondHalf.map { $0 + 0.01 }]
        let r = try BacktestOverfitting.evaluate(rows: rows, blocks: 2)
        #expect(r.chosen == [0, 1])
        #expect(r.logits == [0, 0])
        #expect(r.probability == 1 && r.probabilityOfLoss == 0)
        #expect(r.degradation.slope.isNaN, "equal in-sample ratios leave no line")
    }

    @Test func choicesComeInLexicographicOrder() {
        var c = [0, 1, 2]
        var all = [c]
        while BacktestOverfitting.nextCombination(&c, of: 6) { all.append(c) }
        #expect(all.count == 20)
        #expect(all.prefix(4) == [[0, 1, 2], [0, 1, 3], [0, 1, 4], [0, 1, 5]])
        #expect(all.suffix(2) == [[2, 4, 5], [3, 4, 5]])
        #expect(Set(all.map { $0.description }).count == 20)
    }

    @Test func blocksSplitAsNumpyArraySplit() throws {
        // 10 periods in 4 blocks: 3, 3, 2, 2.
        let m = normalMatrix(periods: 10, means: [0, 0], sd: 0.01, seed: 3)
        #expect(try BacktestOverfitting.evaluate(m, configurations: 2, blocks: 4).blockBounds == [0, 3, 6, 8, 10])
    }

    @Test func badInputIsAnErrorNamingTheProblem() {
        let m = normalMatrix(periods: 20, means: [0, 0], sd: 0.01, seed: 4)
        #expect(throws: BacktestOverfitting.Problem.tooFewConfigurations(1)) {
            try BacktestOverfitting.evaluate(Array(m.prefix(20)), configurations: 1, blocks: 4)
        }
        #expect(throws: BacktestOverfitting.Problem.invalidBlocks(5)) { try BacktestOverfitting.evaluate(m, configurations: 2, blocks: 5) }
        #expect(throws: BacktestOverfitting.Problem.invalidBlocks(26)) { try BacktestOverfitting.evaluate(m, configurations: 2, blocks: 26) }
        #expect(throws: BacktestOverfitting.Problem.invalidBlocks(0)) { try BacktestOverfitting.evaluate(m, configurations: 2, blocks: 0) }
        #expect(throws: BacktestOverfitting.Problem.tooFewPeriods(periods: 20, blocks: 22)) {
            try BacktestOverfitting.evaluate(m, configurations: 2, blocks: 22)
        }
        #expect(throws: BacktestOverfitting.Problem.tooFewPeriods(periods: 3, blocks: 2)) {
            try BacktestOverfitting.evaluate(Array(m.prefix(6)), configurations: 2, blocks: 2)
        }
        #expect(throws: BacktestOverfitting.Problem.raggedRow(row: 1, count: 1, expected: 2)) {
            try BacktestOverfitting.evaluate(rows: [[0, 0], [0]], blocks: 2)
        }
        var bad = m
        bad[7] = .nan
        #expect(throws: BacktestOverfitting.Problem.notFinite(period: 3, configuration: 1)) {
            try BacktestOverfitting.evaluate(bad, configurations: 2, blocks: 4)
        }
    }
}

struct DeflatedSharpeBehaviourTests {
    @Test func probabilisticSharpeRatioByHand() {
        // SR = 0.1, T = 101, normal moments: z = 0.1 * 10 / sqrt(1 + 2/4 * 0.01) = 1 / sqrt(1.005)
        let psr = DeflatedSharpe.probabilisticSharpeRatio(sharpe: 0.1, benchmark: 0, observations: 101, skewness: 0, kurtosis: 3)
        #expect(abs(psr - Statistics.normalCDF(1 / 1.005.squareRoot())) < 1e-15)
        // At the benchmark itself the probability is one half, whatever the moments.
        #expect(DeflatedSharpe.probabilisticSharpeRatio(sharpe: 0.2, benchmark: 0.2, observations: 60, skewness: -1, kurtosis: 6) == 0.5)
        #expect(DeflatedSharpe.probabilisticSharpeRatio(sharpe: 0.2, benchmark: 0, observations: 1, skewness: 0, kurtosis: 3).isNaN)
    }

    @Test func expectedMaximumGrowsWithTrials() {
        // N = 2: Phi^-1(1/2) = 0, so SR0 = sqrt(V) * gamma * Phi^-1(1 - 1/(2e)).
        let two = DeflatedSharpe.expectedMaximumSharpe(trials: 2, variance: 4)
        #expect(abs(two - 2 * DeflatedSharpe.eulerMascheroni * Statistics.normalQuantile(1 - 1 / (2 * M_E))) < 1e-15)
        let values = [2, 10, 100, 1000].map { DeflatedSharpe.expectedMaximumSharpe(trials: $0, variance: 1) }
        #expect(values == values.sorted() && Set(values).count == 4)
        #expect(DeflatedSharpe.expectedMaximumSharpe(trials: 1, variance: 1).isNaN)
    }

    @Test func badInputIsAnError() {
        #expect(throws: DeflatedSharpe.Problem.tooFewObservations(1)) { try DeflatedSharpe.evaluate(selected: [0.1], trialSharpes: [0, 1]) }
        #expect(throws: DeflatedSharpe.Problem.tooFewTrials(1)) { try DeflatedSharpe.evaluate(selected: [0.1, 0.2], trialSharpes: [1]) }
        #expect(throws: DeflatedSharpe.Problem.constantSeries) { try DeflatedSharpe.evaluate(selected: [0.01, 0.01, 0.01], trialSharpes: [0, 1]) }
        #expect(throws: DeflatedSharpe.Problem.notFinite) { try DeflatedSharpe.evaluate(selected: [0.1, .nan], trialSharpes: [0, 1]) }
    }
}
