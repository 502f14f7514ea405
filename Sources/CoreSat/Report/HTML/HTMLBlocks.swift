import Plot

/// Report blocks as HTML: headings, paragraphs, definition lists and tables whose number
/// columns are right-aligned (the text columns are the `TextTable`'s).
enum HTMLBlocks {
    typealias Body = Node<HTML.BodyContext>

    /// `headingLevel`: the level of a `.heading` block (3 under a section's h2).
    static func nodes(_ blocks: [ReportBlock], headingLevel: Int) -> Body {
        .group(blocks.map { node($0, headingLevel: headingLevel) })
    }

    static func node(_ block: ReportBlock, headingLevel: Int) -> Body {
        switch block {
        case .heading(let title): .element(named: "h\(min(max(headingLevel, 1), 6))", nodes: [text(oneLine(title))])
        case .label(let line): .p(.class("label"), text(oneLine(line)))
        case .note(let line): .p(.class("note"), text(oneLine(line)))
        case .paragraph(let sentences): .p(text(oneLine(sentences)))
        case .table(let table): self.table(table)
        case .facts(let facts): self.facts(facts, className: "facts")
        case .blank: .empty
        }
    }

    static func facts(_ facts: [(String, String)], className: String) -> Body {
        .dl(.class(className), .group(facts.map { label, value in .group(.dt(text(label)), .dd(text(value))) }))
    }

    static func table(_ t: TextTable) -> Body {
        let number = { (c: Int) in !t.textColumns.contains(c) }
        let head: Node<HTML.TableContext> = .thead(
            .tr(
                .group(
                    t.header.enumerated().map { c, title in
                        number(c) ? .th(.class("num"), text(title)) : .th(text(title))
                    })))
        let body: Node<HTML.TableContext> = .tbody(
            .group(
                t.rows.map { row in
                    .tr(
                        .group(
                            t.header.indices.map { c in cell(row.indices.contains(c) ? row[c] : "", number: number(c)) }
                        ))
                }))
        return .div(.class("table-wrap"), .table(head, body))
    }

    /// A number column's cell is right-aligned; a text cell the text report indents (a
    /// policy's second row) is indented by the style sheet instead.
    static func cell(_ value: String, number: Bool) -> Node<HTML.TableRowContext> {
        if number { return .td(.class("num"), text(value)) }
        let trimmed = value.drop { $0 == " " }
        return trimmed.count < value.count ? .td(.class("indent"), text(String(trimmed))) : .td(text(value))
    }

    /// Escaped text (see `HTMLEscape`).
    static func text<Context>(_ s: String) -> Node<Context> {
        .raw(HTMLEscape.escape(s))
    }

    /// The text report's line breaks are not the page's: a browser wraps lines itself.
    static func oneLine(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}
