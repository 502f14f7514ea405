import Plot

/// One self-contained HTML page: header (title, provenance, the command that reproduces the
/// run), a table of contents, the scenario (or a frontier's inputs), the headline comparison (when
/// there are policies to compare), the chart sections, then the full tables. One inline style
/// sheet, inline SVG charts, no script and nothing to fetch, so the file reads the same offline,
/// archived or printed.
public enum HTMLReport {
    typealias Body = Node<HTML.BodyContext>

    public static func render(_ c: HTMLReportContent) -> String {
        var ids = AnchorIDs()
        let overviewSlug = HTMLEscape.slug(c.overviewTitle)
        let scenarioID = ids.id(overviewSlug.isEmpty ? "overview" : overviewSlug, "")
        let headlineID = ids.id("headline", "")
        let tablesID = ids.id("tables", "")
        let charts = c.chartSections.map { (id: ids.id("charts", $0.title), section: $0) }
        let tables = c.tables.map { (id: ids.id("table", $0.title), section: $0) }
        var contents: [(String, String, [(String, String)])] = [(c.overviewTitle, scenarioID, [])]
        if c.headline != nil { contents.append(("Headline comparison", headlineID, [])) }
        contents += charts.map { ($0.section.title, $0.id, []) }
        contents.append(("Full tables", tablesID, tables.map { ($0.section.title, $0.id) }))

        let page = HTML(
            .lang(.english),
            .head(
                .selfClosedElement(
                    named: "meta", attributes: [Attribute<HTML.MetaContext>(name: "charset", value: "utf-8")]),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Plot's `.title()` adds social-media meta tags, which a local file has no use for.
                .element(named: "title", nodes: [HTMLBlocks.text(c.title)]),
                .style(HTMLStyle.css)
            ),
            .body(
                header(c),
                tableOfContents(contents),
                .section(
                    id(scenarioID), .h2(HTMLBlocks.text(c.overviewTitle)),
                    HTMLBlocks.nodes(c.overview, headingLevel: 3)),
                c.headline.map { headline($0, id: headlineID) } ?? .empty,
                .group(charts.map { chartSection($0.section, id: $0.id) }),
                .section(
                    id(tablesID), .h2("Full tables"),
                    .group(
                        tables.map { t in
                            .section(
                                id(t.id), .h3(HTMLBlocks.text(t.section.title)),
                                HTMLBlocks.nodes(t.section.blocks, headingLevel: 4))
                        }))
            )
        )
        return page.render() + "\n"
    }

    static func header(_ c: HTMLReportContent) -> Body {
        .header(
            .h1(HTMLBlocks.text(c.title)),
            c.provenance.isEmpty ? .empty : HTMLBlocks.facts(c.provenance, className: "provenance"),
            c.reproduce.isEmpty
                ? .empty : .p(.class("reproduce"), "Reproduce with ", .code(HTMLBlocks.text(c.reproduce))))
    }

    /// Links to each part; the full tables list their sections.
    static func tableOfContents(_ entries: [(title: String, id: String, children: [(String, String)])]) -> Body {
        func link(_ title: String, _ id: String) -> Body {
            .a(.attribute(named: "href", value: "#" + HTMLEscape.escape(id)), HTMLBlocks.text(title))
        }
        return .nav(
            .class("contents"), .attribute(named: "aria-label", value: "Contents"), .h2("Contents"),
            .ol(
                .group(
                    entries.map { entry in
                        .li(
                            link(entry.title, entry.id),
                            entry.children.isEmpty ? .empty : .ol(.group(entry.children.map { .li(link($0.0, $0.1)) })))
                    })))
    }

    static func headline(_ lines: [PolicyLine], id anchor: String) -> Body {
        guard !lines.isEmpty else {
            return .section(id(anchor), .h2("Headline comparison"), .p("No policies were run."))
        }
        return .section(
            id(anchor), .h2("Headline comparison"),
            .ul(.class("policy-lines"), .group(lines.map { .li(HTMLBlocks.text($0.sentence)) })),
            HTMLBlocks.table(PolicyLine.table(lines)))
    }

    static func chartSection(_ s: ChartSection, id anchor: String) -> Body {
        .section(
            id(anchor), .class("charts"), .h2(HTMLBlocks.text(s.title)),
            s.intro.isEmpty ? .empty : .p(.class("intro"), HTMLBlocks.text(s.intro)),
            .group(s.figures.map(figure)))
    }

    /// A chart's svg goes in as it is: the chart module escapes its own text.
    static func figure(_ f: ChartFigure) -> Body {
        switch f {
        case .chart(let id, let kind, let title, let caption, let svg):
            return .element(
                named: "figure",
                nodes: [
                    .class("chart-figure"), .attribute(named: "data-chart", value: HTMLEscape.escape(kind + "-" + id)),
                    .raw(svg),
                    .element(
                        named: "figcaption",
                        nodes: [
                            .span(.class("chart-title"), HTMLBlocks.text(title)),
                            caption.isEmpty ? .empty : .raw(" " + HTMLEscape.escape(caption)),
                        ]),
                ])
        case .omitted(let title, let reason):
            return .element(
                named: "figure",
                nodes: [
                    .class("chart-omitted"),
                    .element(named: "figcaption", nodes: [HTMLBlocks.text("\(title): left out because \(reason)")]),
                ])
        }
    }

    static func id(_ value: String) -> Body {
        .attribute(named: "id", value: HTMLEscape.escape(value))
    }
}
