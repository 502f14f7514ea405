import CoreSatEngine

/// A plain fixed-width table: text columns left-aligned, numbers right-aligned, the first column
/// cut to fit the width. Widths count East Asian wide characters as two columns, so
/// Chinese fund names line up too. The HTML report shows the same cells as an HTML table.
public struct TextTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    /// Columns of text (left-aligned); the others are numbers (right-aligned).
    public var textColumns: Set<Int>
    /// The widest a rendered line may be: the first column gets what the others leave.
    public var maxWidth: Int

    public init(header: [String], rows: [[String]] = [], textColumns: Set<Int> = [0], maxWidth: Int = 80) {
        self.header = header
        self.rows = rows
        self.textColumns = textColumns
        self.maxWidth = maxWidth
    }

    /// Lines at most `maxWidth` columns wide.
    public func rendered() -> String {
        rendered(maxWidth: maxWidth)
    }

    /// Lines at most `maxWidth` columns wide: the first column gets what the others leave. A row
    /// with fewer cells than the header reads as empty cells, one with more loses the extra ones.
    func rendered(maxWidth: Int) -> String {
        guard !header.isEmpty else { return "" }
        let body = rows.map { row in header.indices.map { row.indices.contains($0) ? row[$0] : "" } }
        let others = header.indices.dropFirst().reduce(0) { total, c in
            total + 2 + ([header] + body).reduce(0) { Swift.max($0, Self.width($1[c])) }
        }
        let firstLimit = max(8, maxWidth - others)
        let all = [header] + body.map { [Self.truncate($0[0], to: firstLimit)] + $0.dropFirst() }
        let widths = header.indices.map { c in all.reduce(0) { Swift.max($0, Self.width($1[c])) } }
        var out = ""
        for (r, row) in all.enumerated() {
            let cells = row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - Self.width(cell))
                return textColumns.contains(c) ? cell + pad : pad + cell
            }
            out += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            if r == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    static func truncate(_ s: String, to limit: Int) -> String {
        guard width(s) > limit else { return s }
        var out = ""
        for ch in s {
            if width(out + String(ch)) > limit - 1 { break }
            out.append(ch)
        }
        return out + "…"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
