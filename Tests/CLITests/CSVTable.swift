import Testing

/// A CSV file as `--export-paths` writes it: a header line, then rows; a field holding a comma or
/// a quote is quoted, with quotes doubled.
struct CSVTable {
    let header: [String]
    let rows: [[String]]

    init(_ text: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.last == "", "the file does not end with a line break")
        let parsed = lines.dropLast().map { Self.fields(String($0)) }
        header = try #require(parsed.first)
        rows = Array(parsed.dropFirst())
        for row in rows { #expect(row.count == header.count, "\(row)") }
    }

    /// One column's fields, in row order.
    func column(_ name: String) throws -> [String] {
        let c = try #require(header.firstIndex(of: name), "no column \(name)")
        return rows.map { $0[c] }
    }

    /// One column as numbers; an empty field (an undefined value) is NaN.
    func numbers(_ name: String) throws -> [Double] {
        try column(name).map { field in field.isEmpty ? .nan : try #require(Double(field), "not a number: \(field)") }
    }

    static func fields(_ line: String) -> [String] {
        let chars = Array(line)
        var fields: [String] = []
        var field = ""
        var quoted = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted && c == "\"" && i + 1 < chars.count && chars[i + 1] == "\"" {
                field.append(c)  // a doubled quote inside a quoted field
                i += 1
            } else if c == "\"" {
                quoted.toggle()
            } else if c == "," && !quoted {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
            i += 1
        }
        fields.append(field)
        return fields
    }
}
