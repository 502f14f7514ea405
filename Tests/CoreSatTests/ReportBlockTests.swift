import Foundation
import Testing

@testable import CoreSat
@testable import CoreSatEngine

struct ReportBlockTests {
    static let table = TextTable(
        header: ["policy", "against", "dCAGR"],
        rows: [["a<b & \"c\"", "沪深300", "+0.40%"], ["  first 6 mo", "x", "n/a"]],
        textColumns: [0, 1], maxWidth: 110)

    static let everyKind: [ReportBlock] = [
        .heading("Outcomes (median across paths;\nsecond line)"), .label("P(beat):"),
        .note("note: x fell back on 2.0% of its decisions"),
        .paragraph("A sentence that the text report wraps."), .table(table),
        .facts([("seed", "5"), ("market", "a \"quoted\" name")]),
        .blank, .facts([]),
    ]

    @Test func everyKindOfBlockComesBackFromItsJSON() throws {
        for block in Self.everyKind {
            #expect(try ReportBlock(json: block.json) == block, "\(block)")
        }
        #expect(try [ReportBlock](json: Self.everyKind.json) == Self.everyKind)
    }

    @Test func blocksComeBackFromTheirJSONText() throws {
        // As a results file would hold them: rendered, then read by JSONSerialization.
        let parsed = try JSONSerialization.jsonObject(with: Data(Self.everyKind.json.rendered().utf8))
        #expect(try [ReportBlock](json: parsed) == Self.everyKind)
        let table = try JSONSerialization.jsonObject(with: Data(Self.table.json.rendered().utf8))
        #expect(try TextTable(json: table) == Self.table)
    }

    @Test func aTableKeepsItsTextColumnsAndWidth() throws {
        let text = Self.table.json.rendered()
        #expect(text.contains("\"text_columns\": [\n    0,\n    1\n  ]") && text.contains("\"max_width\": 110"))
        #expect(try TextTable(json: Self.table.json).rendered() == Self.table.rendered())
    }

    @Test func badBlocksAreRefusedNamingTheKey() {
        func problem(_ json: Any) -> InputError? {
            do {
                _ = try [ReportBlock](json: json, at: "overview", file: "run.results")
                return nil
            } catch {
                return error
            }
        }
        let short: Any = [
            ["kind": "table", "table": ["header": ["a", "b"], "rows": [["1"]], "text_columns": [0], "max_width": 80]]
        ]
        #expect(problem(short)?.description == "run.results: overview[0].table.rows[0]: has 1 cells for 2 columns")
        let column: Any = [
            ["kind": "table", "table": ["header": ["a"], "rows": [], "text_columns": [3], "max_width": 80]]
        ]
        #expect(
            problem(column)?.description
                == "run.results: overview[0].table.text_columns: expected a whole number from 0 to 0")
        #expect(
            problem([["kind": "chart"]])?.description == "run.results: overview[0].kind: unknown block kind 'chart'")
        #expect(problem([["kind": "note"]])?.description == "run.results: overview[0].text: expected text")
        #expect(
            problem([["kind": "facts", "facts": [["a"]]]])?.description
                == "run.results: overview[0].facts[0]: expected [label, value]")
        #expect(problem(["kind": "blank"])?.description == "run.results: overview: expected a list")
    }

    @Test func textOfBlocks() {
        let blocks: [ReportBlock] = [
            .heading("Title"), .table(TextTable(header: ["a", "n"], rows: [["x", "1"]])), .label("P(beat):"), .blank,
        ]
        #expect(ReportBlock.text(blocks) == "\nTitle\na  n\n-  -\nx  1\nP(beat):\n\n")
        #expect(
            ReportBlock.facts([("seed", "5"), ("benchmark", "all core")]).text == "seed:      5\nbenchmark: all core\n")
        let long = String(repeating: "word ", count: 30)
        #expect(ReportBlock.paragraph(long).text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func aRowWithTooFewCellsPrintsEmptyCells() {
        let table = TextTable(header: ["policy", "CAGR", "vol"], rows: [["a", "1.00%"]])
        #expect(table.rendered() == "policy   CAGR  vol\n------  -----  ---\na       1.00%\n")
    }

    @Test func theReportIsItsSectionsInOrder() throws {
        var s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        s.paths = 50
        let summary = try RunSummary(scenario: s.name, columns: try Simulator.run(try s.plan(), threads: 1))
        let sections = TableReport.sections(summary)
        #expect(sections.map(\.title) == ["Outcomes", "Against the benchmark", "Per regime"])
        #expect(
            TableReport.render(summary) == ReportBlock.text(TableReport.header(summary) + sections.flatMap(\.blocks)))
        #expect(
            sections[0].blocks.first
                == .heading("Outcomes (median across paths; max drawdown: median and 5th percentile)"))
    }
}
