import Foundation

/// Blocks as JSON, so a results file can keep the blocks its HTML report shows, and read them
/// back. Each block is an object with a `kind`; reading checks every field, so a table read back
/// always has a cell for every column.
extension ReportBlock {
    public var json: JSONValue {
        switch self {
        case .heading(let text): Self.object("heading", ("text", .string(text)))
        case .label(let text): Self.object("label", ("text", .string(text)))
        case .note(let text): Self.object("note", ("text", .string(text)))
        case .paragraph(let text): Self.object("paragraph", ("text", .string(text)))
        case .table(let table): Self.object("table", ("table", table.json))
        case .facts(let facts):
            Self.object("facts", ("facts", .array(facts.map { .array([.string($0.0), .string($0.1)]) })))
        case .blank: Self.object("blank")
        }
    }

    static func object(_ kind: String, _ members: (String, JSONValue)...) -> JSONValue {
        .object([("kind", .string(kind))] + members)
    }

    /// Reads a block from a `JSONValue` or from what `JSONSerialization` read; `keyPath` and
    /// `file` say where it was, for the error.
    public init(json: Any, at keyPath: String = "block", file: String = "report blocks") throws(InputError) {
        let reader = JSONFields(file: file)
        let fields = try reader.object(JSONFields.foundation(json), at: keyPath)
        let text = { () throws(InputError) -> String in try reader.string(fields["text"], at: keyPath + ".text") }
        switch try reader.string(fields["kind"], at: keyPath + ".kind") {
        case "heading": self = .heading(try text())
        case "label": self = .label(try text())
        case "note": self = .note(try text())
        case "paragraph": self = .paragraph(try text())
        case "table": self = .table(try TextTable(json: fields["table"] as Any, at: keyPath + ".table", file: file))
        case "facts":
            let list = try reader.array(fields["facts"], at: keyPath + ".facts")
            self = .facts(
                try list.enumerated().map { (i, item) throws(InputError) -> (String, String) in
                    let pair = try reader.strings(item, at: keyPath + ".facts[\(i)]")
                    guard pair.count == 2 else {
                        throw reader.problem(keyPath + ".facts[\(i)]", "expected [label, value]")
                    }
                    return (pair[0], pair[1])
                })
        case "blank": self = .blank
        case let kind: throw reader.problem(keyPath + ".kind", "unknown block kind '\(kind)'")
        }
    }
}

extension Array where Element == ReportBlock {
    public var json: JSONValue { .array(map(\.json)) }

    /// Reads a list of blocks from a `JSONValue` or from what `JSONSerialization` read.
    public init(json: Any, at keyPath: String = "blocks", file: String = "report blocks") throws(InputError) {
        let reader = JSONFields(file: file)
        let list = try reader.array(JSONFields.foundation(json), at: keyPath)
        self = try list.enumerated().map { (i, item) throws(InputError) in
            try ReportBlock(json: item, at: "\(keyPath)[\(i)]", file: file)
        }
    }
}

extension TextTable {
    public var json: JSONValue {
        .object([
            ("header", .array(header.map(JSONValue.string))),
            ("rows", .array(rows.map { .array($0.map(JSONValue.string)) })),
            ("text_columns", .array(textColumns.sorted().map(JSONValue.integer))),
            ("max_width", .integer(maxWidth)),
        ])
    }

    /// The widths a table read back may ask for.
    static let maxWidthRange = 1...10_000

    /// Reads a table from a `JSONValue` or from what `JSONSerialization` read.
    public init(json: Any, at keyPath: String = "table", file: String = "report blocks") throws(InputError) {
        let reader = JSONFields(file: file)
        let fields = try reader.object(JSONFields.foundation(json), at: keyPath)
        let header = try reader.strings(fields["header"], at: keyPath + ".header")
        let rows = try reader.array(fields["rows"], at: keyPath + ".rows").enumerated().map {
            (i, row) throws(InputError) in
            let cells = try reader.strings(row, at: keyPath + ".rows[\(i)]")
            guard cells.count == header.count else {
                throw reader.problem(keyPath + ".rows[\(i)]", "has \(cells.count) cells for \(header.count) columns")
            }
            return cells
        }
        let columns = try reader.array(fields["text_columns"], at: keyPath + ".text_columns").map {
            (c) throws(InputError) in
            try reader.integer(c, in: header.indices, at: keyPath + ".text_columns")
        }
        let width = try reader.integer(fields["max_width"], in: Self.maxWidthRange, at: keyPath + ".max_width")
        self.init(header: header, rows: rows, textColumns: Set(columns), maxWidth: width)
    }
}

/// Typed reads of JSON as `JSONSerialization` gives it, each failure an `InputError` naming the key.
struct JSONFields {
    let file: String

    func problem(_ keyPath: String, _ reason: String) -> InputError {
        InputError(file: file, keyPath: keyPath, reason: reason)
    }

    func object(_ value: Any?, at keyPath: String) throws(InputError) -> [String: Any] {
        guard let o = value as? [String: Any] else { throw problem(keyPath, "expected an object") }
        return o
    }

    func array(_ value: Any?, at keyPath: String) throws(InputError) -> [Any] {
        guard let a = value as? [Any] else { throw problem(keyPath, "expected a list") }
        return a
    }

    func string(_ value: Any?, at keyPath: String) throws(InputError) -> String {
        guard let s = value as? String else { throw problem(keyPath, "expected text") }
        return s
    }

    func strings(_ value: Any?, at keyPath: String) throws(InputError) -> [String] {
        guard let list = value as? [Any] else { throw problem(keyPath, "expected a list of text") }
        return try list.map { (item) throws(InputError) in
            guard let s = item as? String else { throw problem(keyPath, "expected a list of text") }
            return s
        }
    }

    func integer(_ value: Any?, in range: Range<Int>, at keyPath: String) throws(InputError) -> Int {
        try integer(value, in: range.isEmpty ? nil : range.lowerBound...(range.upperBound - 1), at: keyPath)
    }

    func integer(_ value: Any?, in range: ClosedRange<Int>?, at keyPath: String) throws(InputError) -> Int {
        guard let n = value as? NSNumber, let i = Int(exactly: n.doubleValue), let range, range.contains(i) else {
            let bounds = range.map { " from \($0.lowerBound) to \($0.upperBound)" } ?? ""
            throw problem(keyPath, "expected a whole number\(bounds)")
        }
        return i
    }

    /// A `JSONValue` as `JSONSerialization` would have read its text; anything else as it is.
    static func foundation(_ value: Any) -> Any {
        guard let json = value as? JSONValue else { return value }
        switch json {
        case .null: return NSNull()
        case .bool(let b): return NSNumber(value: b)
        case .number(let x): return x.isFinite ? NSNumber(value: x) : NSNull()
        case .integer(let i): return NSNumber(value: i)
        case .unsigned(let u): return NSNumber(value: u)
        case .string(let s): return s
        case .array(let items): return items.map(foundation)
        case .object(let members):
            // A repeated key keeps its last value, as a JSON parser would.
            return Dictionary(members.map { ($0.0, foundation($0.1)) }, uniquingKeysWith: { $1 })
        }
    }
}
