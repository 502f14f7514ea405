import Foundation
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// `rotationScenario` with relative strength as the moving policy and `SWEEP` appended.
func sweepScenario(_ sweep: String, rule: String = "{kind: relative-strength, lookback_months: 6, top: 2}") -> String {
    rotationScenario.replacingOccurrences(of: "RULE", with: rule) + sweep
}

func sweepError(
    _ sweep: String, rule: String = "{kind: relative-strength, lookback_months: 6, top: 2}", _ edit: (String) -> String = { $0 }
) -> InputError? {
    inputError { () throws(InputError) in _ = try ScenarioLoader.parse(edit(sweepScenario(sweep, rule: rule)), file: "r.yaml") }
}

struct SweepTests {
    static let twoByThree = """
        sweep:
          policy: moving
          parameters:
            lookback_months: 3..4
            top: [1, 2, 3]

        """

    @Test func cellsAreTheLastPoliciesInRowMajorOrder() throws {
        let s = try ScenarioLoader.parse(sweepScenario(Self.twoByThree), file: "r.yaml")
        let grid = try #require(s.sweep)
        #expect(grid.firstCell == 2 && grid.cellCount == 6)
        #expect(s.policies.count == 8)
        #expect(s.policies[2...].map(\.name) == [
            "moving [lookback_months=3, top=1]", "moving [lookback_months=3, top=2]", "moving [lookback_months=3, top=3]",
            "moving [lookback_months=4, top=1]", "moving [lookback_months=4, top=2]", "moving [lookback_months=4, top=3]",
        ])
        #expect(grid.values(cell: 4) == ["4", "2"])
    }

    @Test func aCellRunsExactlyAsThePolicyWrittenWithItsSettings() throws {
        // The same scenario with the cell's settings written into a third policy: its columns match
        // the cell's on every path.
        let written = sweepScenario("""
              - name: written
                core: 0.7
                core_weights: equal
                satellite_weights: {growth: 0.5, value: 0.3, lowvol: 0.2}
                rule: {kind: relative-strength, lookback_months: 4, top: 2}

            """ + Self.twoByThree)
        let s = try ScenarioLoader.parse(written, file: "r.yaml")
        #expect(s.policies[2].name == "written" && s.sweep?.firstCell == 3)
        let result = try Simulator.run(try s.plan(), threads: 2)
        let cell = 3 + 4  // lookback 4, top 2
        #expect(s.policies[cell].name == "moving [lookback_months=4, top=2]")
        for figure in [PathFigure.cagr, .annualTurnover, .terminalWealth] {
            #expect(try result.values(policy: 2, figure) == result.values(policy: cell, figure))
        }
        let summary = try RunSummary(scenario: s.name, columns: result)
        #expect(summary.policies.map(\.name) == ["static", "moving", "written"])
        let sweep = try #require(summary.sweep)
        #expect(sweep.cells.count == 6)
        let writtenMedian = try #require(summary.policies[2].versusBenchmark).cagrDifference.median
        #expect(sweep.cells[4].median.value == writtenMedian)
        #expect(sweep.cells[4].probabilityOutperform.value == summary.policies[2].versusBenchmark!.probabilityOutperform)
    }

    @Test func reportsCarryTheGrid() throws {
        let s = try ScenarioLoader.parse(sweepScenario(Self.twoByThree + "  figure: sharpe\n"), file: "r.yaml")
        let summary = try RunSummary(scenario: s.name, columns: try Simulator.run(try s.plan(), threads: 2))
        let table = TableReport.render(summary)
        #expect(table.contains("Sweep of moving\nmedian sharpe across paths, and P(beat static):"))
        #expect(table.contains("lookback_months \\ top"))
        #expect(table.contains("note: the best cell overstates what the rule would earn"))
        #expect(!table.contains("moving [lookback_months"), "cells stay out of the policy tables")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(summary).utf8)) as? [String: Any])
        let sweep = try #require(json["sweep"] as? [String: Any])
        #expect(sweep["figure"] as? String == "sharpe")
        #expect((sweep["cells"] as? [Any])?.count == 6)
        #expect((json["policies"] as? [Any])?.count == 2)
        let csv = CSVReport.render(summary).split(separator: "\n").filter { $0.hasPrefix("sweep,") }
        #expect(csv.count == 12)
        #expect(csv[0].hasPrefix("sweep,\"moving [lookback_months=3, top=1]\",sharpe.median,"))
    }

    @Test func oneParameterIsAList() throws {
        let s = try ScenarioLoader.parse(sweepScenario("sweep: {policy: moving, parameters: {band: [0, 0.02, 0.05]}}\n",
            rule: "{kind: style-switch, offensive: [growth], defensive: [lowvol], lookback_months: 3}"), file: "r.yaml")
        let summary = try RunSummary(scenario: s.name, columns: try Simulator.run(try s.plan(), threads: 1))
        let table = TableReport.render(summary)
        #expect(table.contains("band  median"))
        #expect(summary.sweep?.cells.map(\.values) == [["0"], ["0.02"], ["0.05"]])
    }

    @Test func badSweepsAreRefusedWhereTheyAreWritten() throws {
        let unknown = try #require(sweepError("sweep: {policy: moving, parameters: {lookbak_months: [3, 6]}}\n"))
        #expect(unknown.reason == "'lookbak_months' is not a setting of relative-strength rules (did you mean 'lookback_months'?)")
        let fixed = try #require(sweepError("sweep: {policy: static, parameters: {top: [1, 2]}}\n"))
        #expect(fixed.reason == "policy 'static' has fixed weights; only a rule's settings (rule: {kind: ...}) can be swept")
        #expect(try #require(sweepError("sweep: {policy: movin, parameters: {top: [1, 2]}}\n")).reason
            == "no policy is named 'movin' (did you mean 'moving'?)")
        #expect(try #require(sweepError("sweep: {policy: moving, parameters: {top: 1..x}}\n")).reason
            == "expected a list of values or a range of whole numbers like 3..12")
        #expect(try #require(sweepError("sweep: {policy: moving, parameters: {top: [2]}}\n")).reason == "a sweep needs at least two values")
        #expect(try #require(sweepError("sweep: {policy: moving, parameters: {top: [1, 2], lookback_months: 1..60}}\n")).reason
            == "120 cells is more than 100; every cell is a policy run on every path")
        #expect(try #require(sweepError("sweep: {policy: moving, parameters: {top: [1, 2]}, figure: sharp}\n")).reason.hasPrefix(
            "unknown figure 'sharp' (did you mean 'sharpe'?)"))
        // A value that breaks the rule is reported at the value, with the cell it makes.
        let cell = try #require(sweepError("sweep:\n  policy: moving\n  parameters:\n    top: [1, 2]\n    lookback_months: [6, 31]\n"))
        #expect(cell.keyPath == "sweep.parameters.lookback_months[1]")
        #expect(cell.line == 44 && cell.column == 26)
        #expect(cell.reason == "with top=1, lookback_months=31: lookback of 31 months is longer than the horizon plus warm-up (24 + 6 months); shorten it or raise warm_up_months")
        #expect(try #require(sweepError("sweep: {policy: moving, parameters: {top: [1, 01]}}\n")).reason == "the value 01 is listed twice")
        #expect(try #require(sweepError("sweep: {policy: moving, parameters: {among: [[growth, value], [growth]]}}\n")).reason
            == "a swept value is one number or word; settings that take a list or a mapping cannot be swept")
        let clash = try #require(sweepError("sweep: {policy: moving, parameters: {top: [1, 2]}}\n") {
            $0.replacingOccurrences(of: "name: static,", with: "name: 'moving [top=2]',")
                .replacingOccurrences(of: "benchmark: static", with: "benchmark: 'moving [top=2]'")
        })
        #expect(clash.reason == "the sweep's cell 'moving [top=2]' has the name of a policy; rename that policy")
        let range = try #require(sweepError("sweep: {policy: moving, parameters: {top: 2..4}}\n"))
        #expect(range.keyPath == "sweep.parameters.top")
        #expect(range.reason == "with top=4: top must be between 1 and the 3 rotating satellites, got 4")
    }
}
