import CoreSatEngine
import Foundation
import Yams

/// A position in a parsed YAML document: the node, its key path and where it sits in the file.
/// Every read either returns a typed value or throws an `InputError` that names all three.
struct YAMLCursor {
    let node: Node
    let path: String
    let file: String

    /// A number for a message: rounded to 9 decimals so 0.1 + 0.8 reads 0.9, not 0.8999999999999999,
    /// whole numbers without a decimal point, and huge ones in exponent form.
    static func show(_ x: Double) -> String {
        guard abs(x) < 1e9 else { return String(format: "%g", x) }
        let rounded = (x * 1e9).rounded() / 1e9
        return rounded == rounded.rounded() ? String(Int64(rounded)) : "\(rounded)"
    }

    func error(_ reason: String) -> InputError {
        InputError(file: file, line: node.mark?.line, column: node.mark?.column, keyPath: path, reason: reason)
    }

    func child(_ key: String, _ node: Node) -> YAMLCursor {
        YAMLCursor(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    private var kindName: String {
        switch node {
        case .scalar(let s): s.string.isEmpty ? "an empty value" : "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func string() throws(InputError) -> String {
        guard case .scalar(let s) = node, !s.string.isEmpty else { throw error("expected text, found \(kindName)") }
        return s.string
    }

    /// `true` or `false` (YAML 1.2's core schema, in any of its spellings).
    func bool() throws(InputError) -> Bool {
        guard case .scalar(let s) = node else { throw error("expected true or false, found \(kindName)") }
        switch s.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw error("expected true or false, found \(kindName)")
        }
    }

    func double() throws(InputError) -> Double {
        guard case .scalar(let s) = node, let value = Self.number(s.string) else {
            throw error("expected a number, found \(kindName)")
        }
        return value
    }

    /// A number within `range` (inclusive, or exclusive at the lower end with `excludingLower`),
    /// so that nothing downstream overflows or divides by zero.
    func double(in range: ClosedRange<Double>, excludingLower: Bool = false, _ what: String) throws(InputError) -> Double {
        let x = try double()
        let low = excludingLower ? "above \(Self.show(range.lowerBound))" : "at least \(Self.show(range.lowerBound))"
        if x < range.lowerBound || (excludingLower && x == range.lowerBound) || x > range.upperBound {
            throw error("\(what) must be \(low) and at most \(Self.show(range.upperBound)), got \(Self.show(x))")
        }
        return x
    }

    /// A finite number; `_` separators and a trailing `%` (divided by 100) are accepted.
    static func number(_ text: String) -> Double? {
        let text = text.replacingOccurrences(of: "_", with: "")
        let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let value, value.isFinite else { return nil }
        return value
    }

    func int() throws(InputError) -> Int {
        guard case .scalar(let s) = node, let value = Int(s.string.replacingOccurrences(of: "_", with: "")) else {
            throw error("expected a whole number, found \(kindName)")
        }
        return value
    }

    /// One of a fixed set of words.
    func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws(InputError) -> T where T.RawValue == String {
        let text = try string()
        if let value = T(rawValue: text) { return value }
        let options = T.allCases.map(\.rawValue)
        throw error("unknown value '\(text)'\(NearestName.hint(text, among: options)); expected one of \(options.joined(separator: ", "))")
    }

    func sequence() throws(InputError) -> [YAMLCursor] {
        guard case .sequence(let seq) = node else { throw error("expected a list, found \(kindName)") }
        return seq.enumerated().map { YAMLCursor(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    func numbers() throws(InputError) -> [Double] {
        try sequence().map { (c) throws(InputError) in try c.double() }
    }

    /// A mapping whose keys must come from `allowed`; an unknown key is reported with the nearest valid one.
    func mapping(allowed: [String]) throws(InputError) -> YAMLMapping {
        let entries = try entries()
        for (key, cursor) in entries where !allowed.contains(key) {
            throw YAMLCursor(node: cursor.keyNode, path: cursor.value.path, file: file)
                .error("unknown key '\(key)'\(NearestName.hint(key, among: allowed))")
        }
        return YAMLMapping(owner: self, entries: entries.map { ($0.0, $0.1.value) })
    }

    /// A mapping with free keys (asset ids, for example), in file order. YAML merge keys
    /// (`<<: *defaults`, or a list of aliases) bring in the entries the mapping does not set itself.
    func entries() throws(InputError) -> [(String, (keyNode: Node, value: YAMLCursor))] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, found \(kindName)") }
        // (Yams itself refuses a key that appears twice, before we get here.)
        var seen = Set<String>()
        for (keyNode, _) in mapping {
            guard case .scalar(let k) = keyNode else {
                throw YAMLCursor(node: keyNode, path: path, file: file).error("keys must be plain text")
            }
            seen.insert(k.string)
        }
        var result: [(String, (keyNode: Node, value: YAMLCursor))] = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.scalar!.string
            guard key == "<<" else {
                result.append((key, (keyNode, child(key, valueNode))))
                continue
            }
            let merged = valueNode.sequence.map { Array($0) } ?? [valueNode]
            for source in merged {
                for (name, entry) in try YAMLCursor(node: source, path: path, file: file).entries() where !seen.contains(name) {
                    seen.insert(name)
                    result.append((name, entry))
                }
            }
        }
        return result
    }
}

/// The checked entries of a mapping.
struct YAMLMapping {
    let owner: YAMLCursor
    let entries: [(String, YAMLCursor)]

    func optional(_ key: String) -> YAMLCursor? {
        entries.first { $0.0 == key }?.1
    }

    func required(_ key: String) throws(InputError) -> YAMLCursor {
        guard let value = optional(key) else { throw owner.error("missing required key '\(key)'") }
        return value
    }

    func has(_ key: String) -> Bool { optional(key) != nil }
}

/// "did you mean" hints by edit distance.
enum NearestName {
    static func hint(_ word: String, among options: [String]) -> String {
        guard let best = nearest(word, among: options) else { return "" }
        return " (did you mean '\(best)'?)"
    }

    static func nearest(_ word: String, among options: [String]) -> String? {
        let scored = options.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let (w, o) = (word.lowercased(), best.0.lowercased())
        let close = best.1 <= max(2, min(w.count, o.count) / 2)
        let extended = min(w.count, o.count) >= 3 && (w.hasPrefix(o) || o.hasPrefix(w))
        return close || extended ? best.0 : nil
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
