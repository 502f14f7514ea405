import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG string parsed as XML: proves it well-formed and lists its elements and texts.
final class SVGInspection: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    private(set) var elements: [Element] = []
    /// The content of every element with text (`title`, `desc`, `text`), in order.
    private(set) var texts: [String] = []
    /// Each `<text>` element with its content and its place in `elements` (the drawing order).
    private(set) var labels: [(element: Element, text: String, index: Int)] = []
    private var current = ""

    /// nil when the text is not well-formed XML.
    static func parse(_ svg: String) -> SVGInspection? {
        let inspection = SVGInspection()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = inspection
        return parser.parse() ? inspection : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: name, attributes: attributes))
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if ["title", "desc", "text"].contains(name) { texts.append(current) }
        // A text element has no children, so it is the last element started.
        if name == "text", let last = elements.last { labels.append((last, current, elements.count - 1)) }
        current = ""
    }

    /// Elements whose first class is `mark`: the drawn data.
    var marks: [Element] { elements.filter { $0.classes.first == "mark" } }

    func marks(_ kind: String) -> [Element] { marks.filter { $0.classes.contains(kind) } }

    /// The first `<text>` reading exactly `text`.
    func label(_ text: String) -> Element? { labels.first { $0.text == text }?.element }

    /// The place in the drawing order of the first element that satisfies `test`.
    func index(where test: (Element) -> Bool) -> Int? { elements.firstIndex(where: test) }
}

extension SVGInspection.Element {
    func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }

    /// The numbers of a path's `d`, in order (the charts write only M, L, H, V and Z).
    var pathNumbers: [Double] {
        (attributes["d"] ?? "").split(whereSeparator: { "MLHVZ ".contains($0) }).compactMap { Double($0) }
    }

    /// The points of a path made of M and L commands only.
    var pathPoints: [(x: Double, y: Double)] {
        let numbers = pathNumbers
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    /// The box the text of a `<text>` element takes, estimated as the charts do: 0.6 em a
    /// character, its font size (12 unless it says otherwise) above the baseline, 3 below.
    func textBox(_ text: String) -> (left: Double, top: Double, right: Double, bottom: Double)? {
        guard let x = number("x"), let y = number("y") else { return nil }
        let size = number("font-size") ?? 12
        let width = Double(text.count) * 0.6 * size
        let left: Double
        switch attributes["text-anchor"] {
        case "end": left = x - width
        case "middle": left = x - width / 2
        default: left = x
        }
        return (left, y - size, left + width, y + 3)
    }
}

/// Checks the output contract every chart keeps, and answers the parsed SVG.
@discardableResult
func checkContract(_ svg: String, id: String = "c", sourceLocation: SourceLocation = #_sourceLocation) -> SVGInspection?
{
    guard let inspection = SVGInspection.parse(svg) else {
        Issue.record("not well-formed XML:\n\(svg)", sourceLocation: sourceLocation)
        return nil
    }
    let root = inspection.elements.first
    #expect(root?.name == "svg", sourceLocation: sourceLocation)
    #expect(root?.attributes["class"] == "chart", sourceLocation: sourceLocation)
    #expect(root?.attributes["xmlns"] == "http://www.w3.org/2000/svg", sourceLocation: sourceLocation)
    #expect(root?.attributes["role"] == "img", sourceLocation: sourceLocation)
    #expect(root?.attributes["aria-labelledby"] == "\(id)-title", sourceLocation: sourceLocation)
    #expect(root?.attributes["viewBox"]?.hasPrefix("0 0 ") == true, sourceLocation: sourceLocation)
    #expect(root?.attributes["width"] == nil && root?.attributes["height"] == nil, sourceLocation: sourceLocation)
    #expect(root?.attributes["font-family"]?.contains("system-ui") == true, sourceLocation: sourceLocation)
    #expect(
        inspection.elements.contains { $0.name == "title" && $0.attributes["id"] == "\(id)-title" },
        sourceLocation: sourceLocation)
    #expect(inspection.elements.contains { $0.name == "desc" }, sourceLocation: sourceLocation)
    let lower = svg.lowercased()
    #expect(!lower.contains("nan") && !lower.contains("inf"), sourceLocation: sourceLocation)
    #expect(!svg.contains("https://"), sourceLocation: sourceLocation)
    #expect(svg.components(separatedBy: "http://").count == 2, sourceLocation: sourceLocation)
    #expect(!lower.contains("<script"), sourceLocation: sourceLocation)
    for element in inspection.elements {
        if let size = element.attributes["font-size"].flatMap(Double.init) {
            #expect(size >= 11, sourceLocation: sourceLocation)
        }
        if element.classes.contains("mark") {
            #expect(element.classes.first == "mark", sourceLocation: sourceLocation)
        }
    }
    return inspection
}
