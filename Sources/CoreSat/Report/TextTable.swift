/// A plain fixed-width table: first column left-aligned, the rest right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    func rendered(maxFirstColumn: Int = 22) -> String {
        let all = [header] + rows.map { row in
            [row[0].count > maxFirstColumn ? String(row[0].prefix(maxFirstColumn - 1)) + "…" : row[0]] + row.dropFirst()
        }
        let widths = header.indices.map { c in all.map { $0[c].count }.max()! }
        var out = ""
        for (r, row) in all.enumerated() {
            let cells = row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }
            out += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            if r == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
