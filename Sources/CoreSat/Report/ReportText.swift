/// Blocks as the terminal report prints them.
extension ReportBlock {
    /// The text lines of `blocks`, each ending in a newline.
    public static func text(_ blocks: [ReportBlock]) -> String {
        blocks.map(\.text).joined()
    }

    public var text: String {
        switch self {
        case .heading(let title): "\n" + title + "\n"
        case .label(let line), .note(let line): line + "\n"
        case .paragraph(let sentences): Self.wrap(sentences, width: 80)
        case .table(let table): table.rendered()
        case .facts(let facts):
            // Labels padded to the longest, so the values line up.
            facts.map { label, value in
                label + ":" + String(repeating: " ", count: Self.labelWidth(facts) - TextTable.width(label) + 1) + value
                    + "\n"
            }.joined()
        case .blank: "\n"
        }
    }

    static func labelWidth(_ facts: [(String, String)]) -> Int {
        facts.reduce(0) { max($0, TextTable.width($1.0)) }
    }

    /// Words on lines of at most `width` characters (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> String {
        var out = ""
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                out += line + "\n"
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return out + line + "\n"
    }
}
