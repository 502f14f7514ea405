import Foundation
import Testing

@testable import CoreSat
@testable import CoreSatEngine

struct HandCheckedMetricsTests {
    // Wealth 1 -> 1.1 -> 0.88 -> 0.924 -> 1.00716; mean 0.01; deviations .09 -.21 .04 .08.
    let r: [Double] = [0.10, -0.20, 0.05, 0.09]

    func scan(riskFree: Double = 0) -> ReturnMetrics.Scan {
        r.withUnsafeBufferPointer { ReturnMetrics.scan($0, riskFree: riskFree) }
    }

    @Test func cagrIsGrowthToThePowerOfPeriodsPerYearOverCount() {
        // 1.00716^(12/4) - 1
        #expect(abs(ReturnMetrics.cagr(scan(), periodsPerYear: 12) - 0.021634163861696) < 1e-14)
        #expect(abs(ReturnMetrics.cagr(scan(), periodsPerYear: 4) - 0.00716) < 1e-14)
    }

    @Test func volatilityAndSharpeUseTheSampleStandardDeviation() {
        // squares .0081 + .0441 + .0016 + .0064 = .0602; /3; sqrt; * sqrt(12)
        let sd = (0.0602 / 3).squareRoot()
        #expect(abs(ReturnMetrics.annualVolatility(scan(), periodsPerYear: 12) - sd * 12.0.squareRoot()) < 1e-14)
        #expect(abs(ReturnMetrics.sharpe(scan(), riskFree: 0, periodsPerYear: 12) - 0.01 / sd * 12.0.squareRoot()) < 1e-14)
        // A risk-free rate shifts the mean, not the deviation.
        let rf = 0.002
        #expect(abs(ReturnMetrics.sharpe(scan(riskFree: rf), riskFree: rf, periodsPerYear: 12) - 0.008 / sd * 12.0.squareRoot()) < 1e-14)
    }

    @Test func sortinoDividesByTheDownsideDeviationOverAllPeriods() {
        // downside: only -0.20 -> mean of squares 0.04/4 = 0.01 -> 0.1 * sqrt(12); numerator 0.01 * 12
        let expected = 0.12 / (0.1 * 12.0.squareRoot())
        #expect(abs(ReturnMetrics.sortino(scan(), riskFree: 0, periodsPerYear: 12) - expected) < 1e-14)
    }

    @Test func drawdownCountsFromThePeakAndItsLongestRun() {
        let s = scan()
        #expect(abs(s.maxDrawdown - (0.88 / 1.1 - 1)) < 1e-15)
        #expect(s.longestDrawdown == 3)
        #expect(abs(ReturnMetrics.calmar(cagr: 0.05, maxDrawdown: s.maxDrawdown) - 0.25) < 1e-12)
    }

    @Test func startingValueCountsAsAPeak() {
        // Falls at once and never recovers: the drawdown is measured from W_0 = 1.
        let s = [-0.1, 0.05].withUnsafeBufferPointer { ReturnMetrics.scan($0, riskFree: 0) }
        #expect(abs(s.maxDrawdown - (-0.1)) < 1e-15)
        #expect(s.longestDrawdown == 2)
    }

    @Test func calmarIsUndefinedWithoutADrawdown() {
        let s = [0.01, 0.02].withUnsafeBufferPointer { ReturnMetrics.scan($0, riskFree: 0) }
        #expect(s.maxDrawdown == 0 && s.longestDrawdown == 0)
        #expect(ReturnMetrics.calmar(cagr: 0.1, maxDrawdown: s.maxDrawdown).isNaN)
    }

    @Test func tailInterpolatesLikeNumpyPercentile() {
        // sorted -0.2, 0.05, 0.09, 0.10; position 0.05 * 3 = 0.15 -> -0.2 + 0.15 * 0.25
        let tail = r.withUnsafeBufferPointer { ReturnMetrics.tail($0) }
        #expect(abs(tail.valueAtRisk - (-0.1625)) < 1e-15)
        #expect(tail.conditionalValueAtRisk == -0.2)
    }

    @Test func conditionalValueAtRiskAveragesTheKSmallest() {
        // n = 41: k = floor(40 * 0.05) + 1 = 3 smallest of -41...-1 -> mean(-41, -40, -39) = -40
        let x = (1...41).map { -Double($0) / 100 }
        let tail = x.withUnsafeBufferPointer { ReturnMetrics.tail($0) }
        #expect(abs(tail.conditionalValueAtRisk - (-0.40)) < 1e-15)
        #expect(abs(tail.valueAtRisk - (-0.39)) < 1e-15)  // position 2 exactly
    }

    @Test func relativeMetricsAgainstABenchmark() {
        let b: [Double] = [0.08, -0.10, 0.05, 0.07]
        // active: .02 -.10 0 .02; mean -.015
        let rel = r.withUnsafeBufferPointer { rp in b.withUnsafeBufferPointer { RelativeMetrics.compute(rp, benchmark: $0, periodsPerYear: 12) } }
        let deviations = [0.035, -0.085, 0.015, 0.035]
        let te = (deviations.reduce(0) { $0 + $1 * $1 } / 3).squareRoot() * 12.0.squareRoot()
        #expect(abs(rel.trackingError - te) < 1e-14)
        #expect(abs(rel.informationRatio - (-0.015 * 12 / te)) < 1e-12)
        #expect(rel.winRate == 0.5)  // 0.05 vs 0.05 is not a win
    }
}

/// The same metric code against values empyrical computed on the fixture series
/// (scripts/metric_reference.py regenerates them).
struct EmpyricalAgreementTests {
    struct Expected {
        let riskFreeAnnual: Double
        let series: [String: [String: Double]]
        let relative: [String: Double]?
    }

    static func load(_ name: String) throws -> (ReturnTable, Expected) {
        let csv = try #require(Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"))
        let json = try #require(Bundle.module.url(forResource: name + "_expected", withExtension: "json", subdirectory: "Fixtures"))
        let table = try ReturnTable.load(path: csv.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let series = try #require(object["series"] as? [String: [String: Double]])
        let relative = (object["relative"] as? [String: [String: Double]])?["fund_vs_bench"]
        return (table, Expected(riskFreeAnnual: object["risk_free_annual"] as! Double, series: series, relative: relative))
    }

    func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(abs(b), 1e-12)
    }

    @Test(arguments: ["returns", "returns_with_drawdown_first"])
    func everyMetricMatchesEmpyrical(fixture: String) throws {
        let (table, expected) = try Self.load(fixture)
        #expect(try table.frequency() == .monthly)
        let bench = table.columns.firstIndex(of: "bench")
        let computed = SeriesMetrics.compute(table, benchmark: bench, riskFreeAnnual: expected.riskFreeAnnual, periodsPerYear: 12)
        for s in computed {
            let e = try #require(expected.series[s.name])
            #expect(Set(e.keys) == Set(s.figures.values.map(\.0.key)), "the fixture covers every series figure")
            for (figure, value) in s.figures.values {
                let reference = try #require(e[figure.key], "\(figure.key) missing in fixture")
                #expect(close(value, reference), "\(fixture) \(s.name) \(figure.key): \(value) vs empyrical \(reference)")
            }
        }
        let relative = try #require(expected.relative)
        let fund = try #require(computed.first(where: { $0.name == "fund" })?.relative)
        #expect(close(fund.trackingError, relative["tracking_error"]!))
        #expect(close(fund.informationRatio, relative["information_ratio"]!))
        #expect(close(fund.winRate, relative["win_rate"]!))
    }
}

/// Constant series, as empyrical-reloaded 0.7.1 gives them: the standard deviation is 0, so Sharpe
/// is +-inf (NaN for 0/0), and Sortino is inf without a shortfall and finite with one.
struct ConstantSeriesTests {
    func figures(_ value: Double, count: Int = 24, riskFree: Double = 0) -> ReturnMetrics.SeriesFigures {
        Array(repeating: value, count: count).withUnsafeBufferPointer {
            ReturnMetrics.seriesFigures($0, riskFree: riskFree, periodsPerYear: 12)
        }
    }

    @Test(arguments: [12, 24, 120, 1200, 100_000])
    func aConstantGainHasNoVolatilityAndAnInfiniteSharpe(count: Int) {
        for value in [0.01, 0.1 / 3, 0.0007, 1.0 / 7] {
            let f = figures(value, count: count)
            #expect(f.scan.standardDeviation == 0 && f.annualVolatility == 0, "\(value) x \(count)")
            #expect(f.sharpe == .infinity && f.sortino == .infinity, "\(value) x \(count): \(f.sharpe) \(f.sortino)")
        }
    }

    @Test func aConstantLossHasSharpeMinusInfinityAndAFiniteSortino() {
        let f = figures(-0.01)
        #expect(f.sharpe == -.infinity)
        #expect(abs(f.sortino - (-3.464101615137756)) < 1e-12)  // empyrical: -0.12 / (0.01 * sqrt(12))
    }

    @Test func aSeriesEqualToTheRiskFreeRateHasNoRatios() {
        #expect(figures(0).sharpe.isNaN && figures(0).sortino.isNaN)
        let rf = 0.002
        #expect(figures(rf, riskFree: rf).sharpe.isNaN && figures(rf, riskFree: rf).sortino.isNaN)
    }

    @Test func aNearlyConstantSeriesStillHasItsVolatility() {
        // Variation of 1e-10 relative to the mean is real, and far above rounding noise.
        let r = (0..<120).map { 0.01 * (1 + ($0 % 2 == 0 ? 1e-10 : -1e-10)) }
        let f = r.withUnsafeBufferPointer { ReturnMetrics.seriesFigures($0, riskFree: 0, periodsPerYear: 12) }
        #expect(f.scan.standardDeviation > 0 && f.sharpe.isFinite)
    }
}
