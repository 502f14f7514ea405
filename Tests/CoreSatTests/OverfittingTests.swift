import Foundation
import GSLKit
import Testing

@testable import CoreSatEngine

/// CSCV and the deflated Sharpe ratio against an independent numpy/scipy implementation
/// (scripts/overfitting_reference.py regenerates the fixture).
struct OverfittingReferenceTests {
    struct Fixture: Decodable {
        struct LogitSummary: Decodable {
            let mean, standardDeviation, minimum, lowerQuartile, median, upperQuartile, maximum: Double
        }
        struct CSCV: Decodable {
            let blocks, combinations: Int
            let blockBounds: [Int]
            let pbo, probabilityOfLoss, degradationSlope, degradationIntercept: Double
            let logitSummary: LogitSummary
            let logits: [Double]
            let chosen: [Int]
            let inSampleSharpe, outOfSampleSharpe: [Double]?
        }
        struct DSR: Decodable {
            let selected: Int
            let trialSharpes: [Double]
            let sharpe, skewness, kurtosis, trialVariance, expectedMaximum, deflated, probabilistic: Double
        }
        struct PaperExample: Decodable {
            let sharpe, trialVariance, skewness, kurtosis, expectedMaximum, deflated: Double
            let trials, observations: Int
            let paperExpectedMaximum, paperDeflated: Double
        }
        let periods, configurations: Int
        let returns: [[Double]]
        let cscv: [CSCV]
        let dsr: DSR
        let dsrPaperExample: PaperExample
    }

    static func load() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "overfitting_reference", withExtension: "json", subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Fixture.self, from: Data(contentsOf: url))
    }

    func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    @Test func cscvMatchesTheNumpyDefinition() throws {
        let f = try Self.load()
        #expect(f.returns.count == f.periods && f.returns.allSatisfy { $0.count == f.configurations })
        #expect(f.cscv.map(\.blocks) == [16, 14])
        for e in f.cscv {
            let r = try BacktestOverfitting.evaluate(rows: f.returns, blocks: e.blocks)
            #expect(r.combinations == e.combinations && r.logits.count == e.combinations)
            #expect(r.blockBounds == e.blockBounds)
            #expect(r.chosen == e.chosen, "S = \(e.blocks)")
            #expect(r.probability == e.pbo, "S = \(e.blocks): the same choices count as overfit")
            #expect(r.probabilityOfLoss == e.probabilityOfLoss)
            #expect(maxDifference(r.logits, e.logits) <= 1e-12)
            if let inSample = e.inSampleSharpe, let outOfSample = e.outOfSampleSharpe {
                #expect(maxDifference(r.inSampleSharpe, inSample) <= 1e-12)
                #expect(maxDifference(r.outOfSampleSharpe, outOfSample) <= 1e-12)
            }
            let s = r.logitSummary, es = e.logitSummary
            #expect(maxDifference(
                [s.mean, s.standardDeviation, s.minimum, s.lowerQuartile, s.median, s.upperQuartile, s.maximum],
                [es.mean, es.standardDeviation, es.minimum, es.lowerQuartile, es.median, es.upperQuartile, es.maximum]) <= 1e-12)
            #expect(abs(r.degradation.slope - e.degradationSlope) <= 1e-12)
            #expect(abs(r.degradation.intercept - e.degradationIntercept) <= 1e-12)
        }
        #expect(f.cscv[0].combinations == 12_870)
    }

    @Test func deflatedSharpeMatchesTheScipyDefinition() throws {
        let f = try Self.load()
        let columns = (0..<f.configurations).map { j in f.returns.map { $0[j] } }
        let trialSharpes = columns.map { c in
            let s = c.withUnsafeBufferPointer { ReturnMetrics.scan($0, riskFree: 0) }
            return s.mean / s.standardDeviation
        }
        #expect(maxDifference(trialSharpes, f.dsr.trialSharpes) <= 1e-12)
        let selected = try #require(trialSharpes.indices.max { trialSharpes[$0] < trialSharpes[$1] })
        #expect(selected == f.dsr.selected)
        let r = try DeflatedSharpe.evaluate(selected: columns[selected], trialSharpes: trialSharpes)
        #expect(r.trials == f.configurations && r.observations == f.periods)
        #expect(abs(r.sharpe - f.dsr.sharpe) <= 1e-12)
        #expect(abs(r.skewness - f.dsr.skewness) <= 1e-12)
        #expect(abs(r.kurtosis - f.dsr.kurtosis) <= 1e-12)
        #expect(abs(r.trialVariance - f.dsr.trialVariance) <= 1e-15)
        #expect(abs(r.expectedMaximum - f.dsr.expectedMaximum) <= 1e-12)
        #expect(abs(r.deflated - f.dsr.deflated) <= 1e-10)
        #expect(abs(r.probabilistic - f.dsr.probabilistic) <= 1e-10)
        #expect(r.deflated < r.probabilistic, "deflating against SR0 > 0 lowers the probability")
    }

    /// Bailey and López de Prado (2014), numerical example: 100 trials with annualised Sharpe
    /// variance 1/2, the selected one 2.5 annualised over 1,250 daily returns (250 a year) with
    /// skewness -3 and kurtosis 10: SR0 = 0.1132 a day, DSR = 0.9004 (four decimals in the paper).
    @Test func thePapersWorkedExample() throws {
        let e = try Self.load().dsrPaperExample
        let sr0 = DeflatedSharpe.expectedMaximumSharpe(trials: 100, variance: 0.5 / 250)
        let dsr = DeflatedSharpe.probabilisticSharpeRatio(
            sharpe: 2.5 / 250.0.squareRoot(), benchmark: sr0, observations: 1250, skewness: -3, kurtosis: 10)
        #expect(abs(sr0 - 0.1132) < 5e-5 && abs(dsr - 0.9004) < 5e-5, "\(sr0) \(dsr)")
        #expect(abs(sr0 - e.expectedMaximum) <= 1e-12 && abs(dsr - e.deflated) <= 1e-10)
        #expect(e.paperDeflated == 0.9004 && e.paperExpectedMaximum == 0.1132)
    }
}
