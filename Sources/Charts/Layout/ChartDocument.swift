/// The `<svg>` element every chart renders to: accessible name and description, header, legend,
/// then the chart's own drawing.
enum ChartDocument {
    /// The SVG namespace. It is the only `http://` text the charts write: a namespace name, not
    /// a request, so a check for external URLs in the report may allow exactly this one.
    static let namespace = "http://www.w3.org/2000/svg"
    static let fontFamily = "system-ui, -apple-system, \"Segoe UI\", Helvetica, Arial, sans-serif"

    /// The height of the title and subtitle block.
    static func headerHeight(_ frame: ChartFrame) -> Double {
        frame.subtitle == nil ? 30 : 48
    }

    /// Where the plot may start: below the header and the legend.
    static func contentTop(_ frame: ChartFrame, legend: Legend) -> Double {
        headerHeight(frame) + legend.height(maxWidth: frame.width - 20)
    }

    static func render(
        id: String, frame: ChartFrame, height: Double? = nil, description: String, legend: Legend = Legend(entries: []),
        body: (inout SVGWriter) -> Void
    ) -> String {
        let height = height ?? frame.height
        var writer = SVGWriter()
        writer.open(
            "svg",
            [
                ("class", "chart"), ("xmlns", namespace),
                ("viewBox", "0 0 \(SVGWriter.number(frame.width)) \(SVGWriter.number(height))"),
                ("role", "img"), ("aria-labelledby", id + "-title"), ("aria-describedby", id + "-desc"),
                ("font-family", fontFamily), ("font-size", "12"), ("fill", Palette.text),
            ])
        writer.element("title", [("id", id + "-title")], text: frame.title)
        writer.element("desc", [("id", id + "-desc")], text: frame.description ?? description)
        writer.text(frame.title, x: 10, y: 21, size: TextSize.title, extra: [("font-weight", "600")])
        if let subtitle = frame.subtitle {
            writer.text(subtitle, x: 10, y: 39, size: TextSize.subtitle, extra: [("fill", Palette.mutedText)])
        }
        legend.draw(&writer, left: 10, top: headerHeight(frame), maxWidth: frame.width - 20)
        body(&writer)
        writer.close("svg")
        return writer.output
    }

    /// A chart without a finite value to draw: the frame and a centred "no data", no marks.
    static func noData(id: String, frame: ChartFrame, what: String) -> String {
        var plain = frame
        plain.description = nil
        return render(id: id, frame: plain, description: "\(what): no data.") { writer in
            writer.text(
                "no data", x: frame.width / 2, y: frame.height / 2, size: 14, anchor: "middle",
                extra: [("fill", Palette.mutedText)])
        }
    }

    /// Names for a description: "A", "A and B", "A, B and C", or "A, B, C and 4 more".
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        let shown = names.count > 4 ? Array(names.prefix(3)) + ["\(names.count - 3) more"] : names
        return shown.dropLast().joined(separator: ", ") + " and " + (shown.last ?? "")
    }
}
