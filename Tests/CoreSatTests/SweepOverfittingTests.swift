import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// A sweep on a backtest: the probability of backtest overfitting and the deflated Sharpe ratio.
struct SweepOverfittingTests {
    /// 60 months of four series of made-up noise (a fixed hash of the month and column), so the
    /// lookbacks rank differently from one stretch of months to the next.
    static let dataset: String = {
        var text = "# coresat dataset 1\n# frequency: monthly\n# source: made by hand\nmonth,A,B,C,D\n"
        let noise = { (t: Int, k: Int) -> Double in
            let x = sin(Double(t) * 12.9898 + Double(k) * 78.233) * 43_758.5453
            return x - x.rounded(.down) - 0.5
        }
        for t in 0..<60 {
            let row = (0..<4).map { k in 0.006 + 0.08 * noise(t, k) }
            text += String(format: "%04d-%02d", 2000 + t / 12, t % 12 + 1) + row.map { String(format: ",%.4f", $0) }.joined() + "\n"
        }
        return text
    }()

    static let scenario = """
        name: history sweep
        warm_up_months: 6
        risk_free_annual: 0.02
        assets:
          - {id: a, sleeve: core, kind: broad}
          - {id: b, sleeve: satellite, kind: smart-beta}
          - {id: c, sleeve: satellite, kind: smart-beta}
          - {id: d, sleeve: satellite, kind: smart-beta}
        market:
          model: historical
          data: data.csv
          columns: {a: A, b: B, c: C, d: D}
        MONTHS
        policies:
          - {name: static, core: 0.6, core_weights: {a: 1}, satellite_weights: equal, rebalance: annual}
          - name: moving
            core: 0.6
            core_weights: {a: 1}
            satellite_weights: equal
            rebalance: monthly
            rule: {kind: relative-strength, lookback_months: 3, top: 1}
        benchmark: static
        sweep:
          policy: moving
          parameters:
            lookback_months: 1..6

        """

    /// The summary of the sweep over the months `from` ... `to` (indented market keys), or all,
    /// and each cell's monthly net returns read from the run's columns.
    static func run(months: String = "") throws -> (summary: RunSummary, cells: [[Double]]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coresat-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.dataset.write(to: dir.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let file = dir.appendingPathComponent("scenario.yaml").path
        try Self.scenario.replacingOccurrences(of: "MONTHS", with: months).write(toFile: file, atomically: true, encoding: .utf8)
        let s = try ScenarioLoader.load(path: file)
        let result = try Simulator.run(try s.plan(), threads: 2)
        let cells = try (0..<6).map { c in
            try (1...s.months).map { try result.column(ColumnKey(.policy(2 + c), RecordLayout.returnKey(month: $0)))[0] }
        }
        return (try RunSummary(scenario: s.name, columns: result), cells)
    }

    @Test func theFiguresAreThoseOfTheCellsReturnsReadFromTheRun() throws {
        let (summary, cells) = try Self.run()
        let o = try #require(summary.sweep?.overfitting)
        #expect(o.months == 54 && o.blocks == 16 && o.notes.isEmpty)
        let rf = pow(1.02, 1.0 / 12) - 1
        let excess = cells.map { $0.map { $0 - rf } }
        let expected = try BacktestOverfitting.evaluate(rows: (0..<54).map { t in excess.map { $0[t] } })
        let cscv = try #require(o.cscv)
        #expect(cscv.probability == expected.probability && cscv.logits == expected.logits && cscv.combinations == 12_870)
        #expect(cscv.probabilityOfLoss == expected.probabilityOfLoss)
        // The cells differ: neither figure is a degenerate 0 or 1.
        #expect(cscv.probability > 0 && cscv.probability < 1)
        let sharpes = excess.map { r in Statistics.mean(r) / Statistics.standardDeviation(r) }
        let best = try #require(o.best)
        #expect(best == sharpes.indices.max { sharpes[$0] < sharpes[$1] })
        let dsr = try DeflatedSharpe.evaluate(selected: cells[best], trialSharpes: o.sharpes, riskFree: rf)
        let deflated = try #require(o.deflated)
        #expect(abs(deflated.deflated - dsr.deflated) < 1e-12 && deflated.trials == 6)
        for (a, b) in zip(o.sharpes, sharpes) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func reportsShowTheFiguresUnderTheGrid() throws {
        let summary = try Self.run().summary
        let o = try #require(summary.sweep?.overfitting)
        let percent = TableReport.percent(try #require(o.cscv).probability, 0)
        let text = TableReport.render(summary)
        let section = try #require(text.components(separatedBy: "seeing these same months\n").last)
        #expect(section.hasPrefix("\nProbability of backtest overfitting (CSCV, 16 blocks, 12,870 splits): \(percent): the\n"))
        #expect(section.contains("in the other \(percent) of the time"))
        let name = "lookback_months=\(try #require(o.best) + 1)"
        #expect(section.contains("Deflated Sharpe ratio of the best cell by Sharpe (\(name)): "))
        #expect(section.components(separatedBy: "\n\n")[0].split(separator: "\n").allSatisfy { $0.count <= 80 })

        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(summary).utf8)) as? [String: Any])
        let object = try #require((json["sweep"] as? [String: Any])?["overfitting"] as? [String: Any])
        #expect(object["months"] as? Int == 54)
        let cscv = try #require(object["cscv"] as? [String: Any])
        // Foundation's parser may miss the last digit of a number; the text has all of them.
        let pbo = try #require(cscv["probability_of_backtest_overfitting"] as? Double)
        #expect(abs(pbo - (try #require(o.cscv)).probability) < 1e-12)
        #expect(cscv["splits"] as? Int == 12_870 && (cscv["logits"] as? [String: Any])?["mean"] is Double)
        let deflated = try #require(object["deflated_sharpe"] as? [String: Any])
        #expect(deflated["policy"] as? String == "moving [\(name)]" && deflated["selected_by"] as? String == "sharpe")
        let dsr = try #require(deflated["deflated_sharpe_ratio"] as? Double)
        #expect(abs(dsr - (try #require(o.deflated)).deflated) < 1e-12)
        #expect((object["notes"] as? [Any])?.isEmpty == true)
    }

    @Test func aShortHistoryGivesANoteInsteadOfNumbers() throws {
        // Three months: too few for CSCV's two halves of two months each; the DSR still has them.
        let short = try Self.run(months: "  from: 2000-07\n  to: 2000-09").summary
        let o = try #require(short.sweep?.overfitting)
        #expect(o.months == 3 && o.cscv == nil && o.deflated != nil)
        let text = TableReport.render(short)
        #expect(text.contains("note: no probability of backtest overfitting: CSCV needs at least 4 months that\nevery cell has, and there are 3\n"))
        #expect(!text.contains("Probability of backtest overfitting ("))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(short).utf8)) as? [String: Any])
        let object = try #require((json["sweep"] as? [String: Any])?["overfitting"] as? [String: Any])
        #expect(object["cscv"] is NSNull)
        #expect((object["notes"] as? [String])?.first?.hasPrefix("no probability of backtest overfitting") == true)
        // Ten months: fewer blocks, said so.
        let ten = try #require(try Self.run(months: "  from: 2000-07\n  to: 2001-04").summary.sweep?.overfitting)
        #expect(ten.blocks == 10 && ten.cscv?.combinations == 252 && ten.notes == [.fewerBlocks(10, months: 10)])
    }

    @Test func aMonteCarloSweepHasNoOverfittingSection() throws {
        let s = try ScenarioLoader.parse(sweepScenario(SweepTests.twoByThree), file: "r.yaml")
        let summary = try RunSummary(scenario: s.name, columns: try Simulator.run(try s.plan(), threads: 2))
        #expect(summary.sweep != nil && summary.sweep?.overfitting == nil)
        #expect(!TableReport.render(summary).contains("overfitting"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(summary).utf8)) as? [String: Any])
        #expect((json["sweep"] as? [String: Any])?["overfitting"] == nil)
    }

    @Test func anEmptiedAccountLeavesTheMonthsEveryCellHas() throws {
        // Three cells over 20 months; the second's account emptied after month 12 (NaN after).
        let grid = SweepGrid(policy: "p", parameters: [.init(name: "k", values: ["1", "2", "3"])], figure: .path(.cagr), firstCell: 1)
        let run = RunDescription(
            paths: 1, months: 20, warmUpMonths: 0, seed: 1, generator: .mt19937, blockSize: 250, policyNames: ["b"] + (1...3).map { "p [k=\($0)]" },
            benchmark: 0, regimeNames: ["all"], layout: RecordLayout(policies: 4, regimes: 1, returnMonths: 20), sweep: grid, firstMonthIndex: 24_000)
        var values: [ColumnKey: [Double]] = [:]
        for c in 0..<3 {
            for t in 0..<20 {
                values[ColumnKey(.policy(1 + c), RecordLayout.returnKey(month: t + 1))] = [c == 1 && t >= 12 ? .nan : 0.01 * sin(Double(t * (c + 2)))]
            }
        }
        let o = try #require(try SweepOverfitting(grid: grid, columns: DictionaryColumns(run: run, values: values)))
        #expect(o.months == 12 && o.blocks == 12)
        #expect(o.notes == [.accountsEmptied(cells: [1], commonMonths: 12), .fewerBlocks(12, months: 12)])
        let rows = (0..<12).map { t in (0..<3).map { c in values[ColumnKey(.policy(1 + c), RecordLayout.returnKey(month: t + 1))]![0] } }
        #expect(o.cscv?.probability == (try BacktestOverfitting.evaluate(rows: rows, blocks: 12)).probability)
        #expect(OverfittingReport.note(o.notes[0], grid: grid) == "the account of k=2 emptied; both figures use the first 12 months, which every cell has")
        // Simulated paths (no first month) have none.
        var simulated = run
        simulated.firstMonthIndex = nil
        #expect(try SweepOverfitting(grid: grid, columns: DictionaryColumns(run: simulated, values: values)) == nil)
    }
}

/// A run's columns made up by hand: only those a test sets.
struct DictionaryColumns: PathColumns {
    var run: RunDescription
    var values: [ColumnKey: [Double]]

    func column(_ key: ColumnKey) throws -> [Double] {
        guard let v = values[key] else { throw InputError(file: "test", reason: "no column \(key)") }
        return v
    }
}
