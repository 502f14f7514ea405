/// Builds SVG text one element a line. Every attribute value and text goes through `escape` and
/// every coordinate through `number`, so the output is well-formed and the same input gives the
/// same bytes.
public struct SVGWriter: Sendable {
    public typealias Attributes = [(String, String)]

    private var lines: [String] = []

    public init() {}

    public var output: String { lines.joined(separator: "\n") }

    public mutating func open(_ name: String, _ attributes: Attributes = []) {
        lines.append("<\(name)\(Self.attributeText(attributes))>")
    }

    public mutating func close(_ name: String) {
        lines.append("</\(name)>")
    }

    /// An empty element: `<name a="..."/>`.
    public mutating func element(_ name: String, _ attributes: Attributes) {
        lines.append("<\(name)\(Self.attributeText(attributes))/>")
    }

    /// An element holding escaped text: `<name a="...">text</name>`.
    public mutating func element(_ name: String, _ attributes: Attributes, text: String) {
        lines.append("<\(name)\(Self.attributeText(attributes))>\(Self.escape(text))</\(name)>")
    }

    /// A `<rect>`: its class (first, so a checker reads `mark` first), box, then the rest.
    public mutating func rect(
        _ className: String?, x: Double, y: Double, width: Double, height: Double, _ rest: Attributes
    ) {
        let box: Attributes = [
            ("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(width)),
            ("height", Self.number(height)),
        ]
        element("rect", (className.map { [("class", $0)] } ?? []) + box + rest)
    }

    /// A `<text>` at (x, y); the font size is never below 11 so printed charts stay legible.
    public mutating func text(
        _ content: String, x: Double, y: Double, size: Double = 11, anchor: String = "start",
        extra: Attributes = []
    ) {
        var attributes: Attributes = [("x", Self.number(x)), ("y", Self.number(y))]
        if size != 12 { attributes.append(("font-size", Self.number(max(11, size)))) }
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        element("text", attributes + extra, text: content)
    }

    private static func attributeText(_ attributes: Attributes) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// Text safe inside an element or a quoted attribute. Characters XML 1.0 forbids (controls
    /// other than tab and line ends, U+FFFE, U+FFFF) are dropped, as no escape can carry them.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most two decimals and no trailing zeros ("12", "3.5", "-0.25").
    /// The charts skip non-finite points before they get here; the guard keeps the output valid
    /// anyway, and the clamp keeps absurd values inside what an `Int64` holds.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (min(max(value, -1e12), 1e12) * 100).rounded()
        guard hundredths != 0 else { return "0" }
        let magnitude = Int64(abs(hundredths))
        let whole = magnitude / 100
        let fraction = magnitude % 100
        var text = (hundredths < 0 ? "-" : "") + String(whole)
        if fraction % 10 == 0, fraction != 0 {
            text += "." + String(fraction / 10)
        } else if fraction != 0 {
            text += (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return text
    }
}

/// Path data ("M1 2L3 4Z") built from points, numbers written by `SVGWriter.number`.
struct PathData {
    private(set) var text = ""

    var isEmpty: Bool { text.isEmpty }

    mutating func move(_ x: Double, _ y: Double) {
        text += "M\(SVGWriter.number(x)) \(SVGWriter.number(y))"
    }

    mutating func line(_ x: Double, _ y: Double) {
        text += "L\(SVGWriter.number(x)) \(SVGWriter.number(y))"
    }

    mutating func closePath() { text += "Z" }

    /// A polyline through the points; one point is a zero-length line, which a round line cap
    /// draws as a dot, so a single-point series still shows.
    mutating func polyline(_ points: [(x: Double, y: Double)]) {
        guard let first = points.first else { return }
        // A lone point is a short level stroke centred on it: with round caps a dot, and unlike a
        // segment of no length it has a size (a browser's box of a zero-length path is empty).
        if points.count == 1 {
            move(first.x - 1, first.y)
            line(first.x + 1, first.y)
            return
        }
        move(first.x, first.y)
        for point in points.dropFirst() { line(point.x, point.y) }
    }
}
