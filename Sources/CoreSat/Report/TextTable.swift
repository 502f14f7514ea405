import CoreSatEngine

/// A plain fixed-width table: text columns left-aligned, numbers right-aligned, the first column
/// cut to fit the width. Widths count East Asian wide characters as two columns, so
/// Chinese fund names line up too.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns of text (left-aligned); the others are numbers (right-aligned).
    var textColumns: Set<Int> = [0]

    /// Lines at most `maxWidth` columns wide: the first column gets what the others leave.
    func rendered(maxWidth: Int = 80) -> String {
        let others = header.indices.dropFirst().reduce(0) { total, c in
            total + 2 + ([header] + rows).map { Self.width($0[c]) }.max()!
        }
        let firstLimit = max(8, maxWidth - others)
        let all = [header] + rows.map { [Self.truncate($0[0], to: firstLimit)] + $0.dropFirst() }
        let widths = header.indices.map { c in all.map { Self.width($0[c]) }.max()! }
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
