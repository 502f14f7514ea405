import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What an XML parser saw of a page: elements, attributes and text, or the error that stopped it.
/// Shared by the tests of the page itself and of the commands that write it.
public final class PageReader: NSObject, XMLParserDelegate {
    public private(set) var elements: [String] = []
    public private(set) var attributes: [String: [String]] = [:]
    public private(set) var text = ""
    public private(set) var error: Error?

    public func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(name)
        for (key, value) in attributes { self.attributes[key, default: []].append(value) }
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    public func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = parseError
    }

    /// Reads `html` without its doctype, which is not XML.
    public static func read(_ html: String) -> PageReader {
        let reader = PageReader()
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
        let parser = XMLParser(data: Data(body.utf8))
        parser.delegate = reader
        if !parser.parse() && reader.error == nil { reader.error = parser.parserError }
        return reader
    }
}
