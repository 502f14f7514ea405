import Charts

/// Text made safe for an HTML page, in element content and in quoted attribute values alike.
/// Plot escapes text nodes only in part (it keeps anything shaped like an entity, such as
/// "R&D;") and attribute values not at all, so every string that comes from a scenario or a run
/// goes through `escape` and into the page as raw text.
enum HTMLEscape {
    static func escape(_ s: String) -> String {
        // The page's SVG and its text follow the same rules.
        SVGWriter.escape(s)
    }

    /// An id for an in-page anchor: lower-case letters, digits and hyphens.
    static func slug(_ s: String) -> String {
        var out = ""
        for scalar in s.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && out.last != "-" {
                out += "-"
            }
        }
        while out.last == "-" { out.removeLast() }
        return out
    }
}

/// Ids for the page's sections, each used once: a title's slug after a prefix, numbered when
/// the slug is taken or empty (a title in Chinese, say).
struct AnchorIDs {
    private var taken: Set<String> = []

    mutating func id(_ prefix: String, _ title: String) -> String {
        let slug = HTMLEscape.slug(title)
        var id = slug.isEmpty ? prefix : prefix + "-" + slug
        var n = 2
        while taken.contains(id) {
            id = (slug.isEmpty ? prefix : prefix + "-" + slug) + "-\(n)"
            n += 1
        }
        taken.insert(id)
        return id
    }
}
