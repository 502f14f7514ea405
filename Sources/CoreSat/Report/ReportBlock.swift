/// One piece of a report, in the order it is shown: the text report prints blocks as lines
/// (`ReportBlock.text`), the HTML report as headings, paragraphs, tables and definition lists.
public enum ReportBlock: Sendable, Equatable {
    /// A table's title, after a blank line. A line break inside it is where the text report
    /// breaks the line; elsewhere it is a space.
    case heading(String)
    /// A line naming the table after it, with no blank line before it ("P(beat):").
    case label(String)
    /// A free line, e.g. "note: ... fell back on ..."; may hold the text report's line breaks.
    case note(String)
    /// Sentences the text report wraps at 80 columns.
    case paragraph(String)
    case table(TextTable)
    /// Label and value pairs, such as the facts of a scenario.
    case facts([(String, String)])
    /// An empty line of the text report; nothing in HTML.
    case blank

    public static func == (a: ReportBlock, b: ReportBlock) -> Bool {
        switch (a, b) {
        case (.heading(let x), .heading(let y)), (.label(let x), .label(let y)), (.note(let x), .note(let y)),
            (.paragraph(let x), .paragraph(let y)):
            x == y
        case (.table(let x), .table(let y)): x == y
        case (.facts(let x), .facts(let y)): x.count == y.count && zip(x, y).allSatisfy { $0 == $1 }
        case (.blank, .blank): true
        default: false
        }
    }
}

/// A titled group of blocks: the HTML report shows each as a section ("Outcomes", "Per regime").
public struct ReportSection: Sendable, Equatable {
    public var title: String
    public var blocks: [ReportBlock]

    public init(title: String, blocks: [ReportBlock]) {
        self.title = title
        self.blocks = blocks
    }
}
