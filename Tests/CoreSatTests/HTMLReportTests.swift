import Foundation
import PageInspection
import Testing

@testable import CoreSat
@testable import CoreSatEngine

struct HTMLReportTests {
    static let awkward = "a<b & \"c\""
    static let svgNamespace = "xmlns=\"http://www.w3.org/2000/svg\""
    static let svg =
        "<svg \(svgNamespace) class=\"chart\" viewBox=\"0 0 100 50\" role=\"img\"><title>a&lt;b</title>"
        + "<rect x=\"0\" y=\"0\" width=\"10\" height=\"10\" fill=\"#0072b2\"/></svg>"

    /// A page from a small run with a policy named `awkward`, one chart and one chart left out.
    static func page() throws -> (html: String, content: HTMLReportContent) {
        var s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        s.paths = 40
        s.policies[1].name = awkward
        let summary = try RunSummary(scenario: s.name, columns: try Simulator.run(try s.plan(), threads: 1))
        let content = HTMLReportContent(
            title: "R&D; " + awkward,
            provenance: [("tool", "coresat 1.0"), ("scenario file", "s.yaml"), ("policy", awkward)],
            reproduce: "coresat run 's.yaml' --paths 40 --report \"report.html\"",
            overview: ScenarioOverview.blocks(for: s),
            headline: PolicyLine.lines(for: summary),
            chartSections: [
                ChartSection(
                    title: "Wealth over time", intro: "Where \(awkward) ends up.",
                    figures: [
                        .chart(
                            id: awkward, kind: "fan", title: "Terminal wealth",
                            caption: "Median & 5th-95th percentiles.", svg: svg),
                        .omitted(title: "Drawdown dates", reason: "the run has more than one path"),
                    ])
            ],
            tables: TableReport.sections(summary))
        return (HTMLReport.render(content), content)
    }

    @Test func thePageIsWellFormedMarkup() throws {
        let (html, content) = try Self.page()
        #expect(html.hasPrefix("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/>"))
        let page = PageReader.read(html)
        #expect(page.error == nil, "\(String(describing: page.error))")
        #expect(page.elements.filter { $0 == "title" }.count == 2)  // the page's and the chart's
        #expect(
            page.elements.filter { $0 == "table" }.count == content.tables.flatMap(\.blocks).filter(Self.isTable).count
                + 3)
        #expect(page.elements.contains("svg") && page.elements.filter { $0 == "figure" }.count == 2)
    }

    @Test func thePageFetchesNothingAndRunsNothing() throws {
        let (html, _) = try Self.page()
        let withoutNamespace = html.replacingOccurrences(of: Self.svgNamespace, with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"))
        #expect(!html.lowercased().contains("<script") && !html.contains("<link") && !html.contains("url("))
        #expect(!html.contains("twitter:") && !html.contains("og:"))
        #expect(html.components(separatedBy: "<style>").count == 2)
        #expect(
            html.contains("@media print") && html.contains("break-inside: avoid") && html.contains("max-width: 960px"))
    }

    @Test func namesAreEscapedInTextAndAttributes() throws {
        let (html, _) = try Self.page()
        #expect(!html.contains(Self.awkward) && !html.contains("a<b"))
        #expect(html.contains("a&lt;b &amp; &quot;c&quot;"))
        #expect(html.contains("<title>R&amp;D; a&lt;b &amp; &quot;c&quot;</title>"))
        #expect(html.contains("data-chart=\"fan-a&lt;b &amp; &quot;c&quot;\""))
        let page = PageReader.read(html)
        #expect(page.attributes["data-chart"] == ["fan-\(Self.awkward)"])
        #expect(page.text.contains("\(Self.awkward) beats all core on "))
        #expect(page.text.contains("coresat run 's.yaml' --paths 40 --report \"report.html\""))
    }

    @Test func chartsAndOmittedChartsAreFigures() throws {
        let (html, _) = try Self.page()
        #expect(
            html.contains(
                "<figure class=\"chart-figure\" data-chart=\"fan-a&lt;b &amp; &quot;c&quot;\">\(Self.svg)<figcaption>"))
        #expect(
            html.contains(
                "<figure class=\"chart-omitted\"><figcaption>Drawdown dates: left out because "
                    + "the run has more than one path</figcaption></figure>"))
    }

    @Test func numberColumnsAreRightAlignedAndTheContentsLinkToEachSection() throws {
        let (html, content) = try Self.page()
        #expect(html.contains("<th>policy</th><th class=\"num\">CAGR</th>"))
        let page = PageReader.read(html)
        let ids = Set(page.attributes["id"] ?? [])
        let links = (page.attributes["href"] ?? []).map { String($0.dropFirst()) }
        #expect(!links.isEmpty && links.allSatisfy(ids.contains) && ids.count == page.attributes["id"]?.count)
        #expect(
            ids.isSuperset(of: [
                "scenario", "headline", "charts-wealth-over-time", "tables", "table-outcomes", "table-per-regime",
            ]))
        #expect(content.tables.count == 3)
    }

    @Test func anEmptyReportIsStillAPage() {
        let html = HTMLReport.render(
            HTMLReportContent(
                title: "沪深300", provenance: [], reproduce: "", overview: [], headline: [],
                chartSections: [
                    ChartSection(title: "图表", intro: "", figures: []),
                    ChartSection(title: "图表", intro: "", figures: []),
                ], tables: []))
        let page = PageReader.read(html)
        #expect(page.error == nil)
        #expect(
            page.attributes["id"]?.contains("charts") == true && page.attributes["id"]?.contains("charts-2") == true)
    }

    static func isTable(_ block: ReportBlock) -> Bool {
        if case .table = block { return true }
        return false
    }
}
