import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

struct DrawdownEpisodeTests {
    func episode(_ r: [Double]) -> HistoricalFigures.DrawdownEpisode? {
        r.withUnsafeBufferPointer { HistoricalFigures.maxDrawdownEpisode($0) }
    }

    @Test func neverRecovered() throws {
        // Wealth 1.1, 0.88, 0.924, 1.00716: the peak 1.1 is never reached again.
        let e = try #require(episode([0.10, -0.20, 0.05, 0.09]))
        #expect(e.peak == 0 && e.trough == 1 && e.recovery == nil)
        #expect(abs(e.depth - (-0.2)) < 1e-15)
    }

    @Test func recoveredAtTheFirstMonthBackAtThePeak() throws {
        // Wealth 1.1, 0.88, 0.924, 1.155 (>= 1.1), 1.16655.
        let e = try #require(episode([0.10, -0.20, 0.05, 0.25, 0.01]))
        #expect(e.peak == 0 && e.trough == 1 && e.recovery == 3)
    }

    @Test func aDrawdownFromTheStart() throws {
        // Wealth 0.9, 0.945, 1.0017: the peak is the starting wealth, recovered in month 2.
        let e = try #require(episode([-0.1, 0.05, 0.06]))
        #expect(e.peak == -1 && e.peakIsStart && e.trough == 0 && e.recovery == 2)
        #expect(abs(e.depth - (-0.1)) < 1e-15)
        let never = try #require(episode([-0.1, 0.05]))
        #expect(never.peak == -1 && never.trough == 0 && never.recovery == nil)
    }

    @Test func theLastMonthAtTheHighWaterMarkIsThePeak() throws {
        // Wealth 1.1, 1.1, 0.99: the flat month is the peak the fall starts from.
        let e = try #require(episode([0.1, 0.0, -0.1]))
        #expect(e.peak == 1 && e.trough == 2 && e.recovery == nil)
    }

    @Test func aDeeperLaterDrawdownReplacesARecoveredOne() throws {
        // Wealth 0.9, 1.08, 1.026, 0.7182, 1.0773: -10% from the start (recovered in month 1),
        // then -33.5% from 1.08, not recovered.
        let e = try #require(episode([-0.1, 0.2, -0.05, -0.3, 0.5]))
        #expect(e.peak == 1 && e.trough == 3 && e.recovery == nil)
        #expect(abs(e.depth - (0.7182 / 1.08 - 1)) < 1e-15)
        // A shallower later one does not: wealth 0.7, 1.05, 0.945.
        let first = try #require(episode([-0.3, 0.5, -0.1]))
        #expect(first.peak == -1 && first.trough == 0 && first.recovery == 1)
    }

    @Test func noDrawdownNoEpisode() {
        #expect(episode([0.01, 0.02]) == nil)
        #expect(episode([0, 0]) == nil)  // at the peak is not below it
        #expect(episode([]) == nil)
    }

    /// The depth is the max drawdown figure itself, to the last bit, on the metric fixtures and
    /// on random series.
    @Test func depthIsTheMaxDrawdownFigure() throws {
        var series: [[Double]] = []
        for name in ["returns", "returns_with_drawdown_first"] {
            let csv = try #require(Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"))
            let table = try ReturnTable.load(path: csv.path)
            series += table.values
        }
        let random = RandomSource(seed: 77)
        for _ in 0..<50 {
            var z = [Double](repeating: 0, count: 120)
            z.withUnsafeMutableBufferPointer { random.fillNormals($0) }
            series.append(z.map { 0.005 + 0.05 * $0 })
        }
        for r in series {
            let scan = r.withUnsafeBufferPointer { ReturnMetrics.scan($0, riskFree: 0) }
            let e = try #require(episode(r))
            #expect(e.depth == scan.maxDrawdown)
            // Direct check of the dates: the wealth at the peak and trough give the depth, and
            // the recovery is the first month after the trough back at the peak.
            let wealth = r.reduce(into: [1.0]) { $0.append($0.last! * (1 + $1)) }  // wealth[t + 1] after month t
            #expect(wealth[e.trough + 1] / wealth[e.peak + 1] - 1 == e.depth)
            let back = (e.trough + 1..<r.count).first { wealth[$0 + 1] >= wealth[e.peak + 1] }
            #expect(back == e.recovery)
        }
    }
}

struct CalendarYearTests {
    func years(_ r: [Double], month: Int, year: Int = 2020) throws -> [HistoricalFigures.CalendarYear] {
        try r.withUnsafeBufferPointer { (p) throws(HistoricalFigures.Problem) in
            try HistoricalFigures.calendarYears(p, firstCalendarMonth: month, firstYear: year)
        }
    }

    @Test func partialFirstAndLastYears() throws {
        // November 2020 ... January 2022: 2 + 12 + 1 months.
        let y = try years(Array(repeating: 0.01, count: 15), month: 11)
        #expect(y.map(\.year) == [2020, 2021, 2022])
        #expect(y.map(\.firstMonth) == [0, 2, 14] && y.map(\.months) == [2, 12, 1])
        #expect(y.map(\.isPartial) == [true, false, true])
        #expect(abs(y[0].value - (1.01 * 1.01 - 1)) < 1e-15)
        #expect(abs(y[1].value - (pow(1.01, 12) - 1)) < 1e-14)
        #expect(abs(y[2].value - 0.01) < 1e-15)
    }

    @Test func wholeYearsFromJanuary() throws {
        let r = (0..<24).map { $0 < 12 ? 0.02 : -0.01 }
        let y = try years(r, month: 1)
        #expect(y.count == 2 && y.allSatisfy { !$0.isPartial })
        #expect(abs(y[0].value - (pow(1.02, 12) - 1)) < 1e-14 && abs(y[1].value - (pow(0.99, 12) - 1)) < 1e-14)
    }

    @Test func oneDecemberMonthAndNone() throws {
        let y = try years([0.05], month: 12)
        #expect(y.count == 1 && y[0].year == 2020 && y[0].firstMonth == 0 && y[0].months == 1 && y[0].isPartial)
        #expect(abs(y[0].value - 0.05) < 1e-15)
        #expect(try years([], month: 5).isEmpty)
    }

    @Test func theMonthMustBeACalendarMonth() {
        #expect(throws: HistoricalFigures.Problem.invalidCalendarMonth(0)) { try years([0.01], month: 0) }
        #expect(throws: HistoricalFigures.Problem.invalidCalendarMonth(13)) { try years([0.01], month: 13) }
    }
}

struct RollingExcessReturnTests {
    func rolling(_ r: [Double], _ b: [Double], window: Int) throws -> [Double] {
        try r.withUnsafeBufferPointer { rp in
            try b.withUnsafeBufferPointer { (bp) throws(HistoricalFigures.Problem) in
                try HistoricalFigures.rollingExcessReturn(rp, benchmark: bp, window: window)
            }
        }
    }

    @Test func annualisedDifferenceOverEachWindow() throws {
        let random = RandomSource(seed: 9)
        var z = [Double](repeating: 0, count: 120)
        z.withUnsafeMutableBufferPointer { random.fillNormals($0) }
        let r = z.prefix(60).map { 0.008 + 0.04 * $0 }, b = z.suffix(60).map { 0.006 + 0.03 * $0 }
        let x = try rolling(r, b, window: 36)
        #expect(x.count == 25)
        for (k, value) in x.enumerated() {
            let months = k..<(k + 36)
            let direct = pow(months.reduce(1.0) { $0 * (1 + r[$1]) }, 12.0 / 36) - pow(months.reduce(1.0) { $0 * (1 + b[$1]) }, 12.0 / 36)
            #expect(abs(value - direct) < 1e-13, "window ending at month \(k + 35)")
        }
        // A constant 1% a month over a flat benchmark: 1.01^12 - 1 in every window.
        let flat = try rolling(Array(repeating: 0.01, count: 5), Array(repeating: 0, count: 5), window: 3)
        #expect(flat.count == 3 && flat.allSatisfy { abs($0 - (pow(1.01, 12) - 1)) < 1e-14 })
    }

    @Test func shortSeriesAndBadInput() throws {
        #expect(try rolling([0.01, 0.02], [0, 0], window: 36).isEmpty)
        #expect(throws: HistoricalFigures.Problem.lengthMismatch(series: 2, benchmark: 1)) { try rolling([0.01, 0.02], [0], window: 1) }
        #expect(throws: HistoricalFigures.Problem.invalidWindow(0)) { try rolling([0.01], [0], window: 0) }
    }
}
