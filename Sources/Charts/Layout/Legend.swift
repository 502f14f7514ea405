/// What a legend entry shows beside its label.
enum Swatch {
    case line(color: String, dash: String?)
    case box(color: String, opacity: Double)
    case dot(color: String)
}

struct LegendEntry {
    let label: String
    let swatch: Swatch
}

/// Legend entries in rows across the top of the chart, wrapped at the chart's width.
struct Legend {
    let entries: [LegendEntry]
    static let rowHeight = 16.0

    private func placed(maxWidth: Double) -> [(entry: LegendEntry, x: Double, row: Int)] {
        var result: [(entry: LegendEntry, x: Double, row: Int)] = []
        var x = 0.0
        var row = 0
        for entry in entries {
            let width = 22 + TextSize.width(TextSize.truncated(entry.label, to: 48), size: TextSize.label) + 16
            if x > 0, x + width > maxWidth {
                x = 0
                row += 1
            }
            result.append((entry, x, row))
            x += width
        }
        return result
    }

    func height(maxWidth: Double) -> Double {
        guard let last = placed(maxWidth: maxWidth).last else { return 0 }
        return Double(last.row + 1) * Self.rowHeight + 4
    }

    func draw(_ writer: inout SVGWriter, left: Double, top: Double, maxWidth: Double) {
        guard !entries.isEmpty else { return }
        writer.open("g", [("class", "legend")])
        for (entry, dx, row) in placed(maxWidth: maxWidth) {
            let x = left + dx
            let middle = top + Double(row) * Self.rowHeight + Self.rowHeight / 2
            switch entry.swatch {
            case .line(let color, let dash):
                var attributes: SVGWriter.Attributes = [
                    ("d", "M\(SVGWriter.number(x)) \(SVGWriter.number(middle))h16"), ("fill", "none"),
                    ("stroke", color), ("stroke-width", "2.5"),
                ]
                if let dash { attributes.append(("stroke-dasharray", dash)) }
                writer.element("path", attributes)
            case .box(let color, let opacity):
                writer.rect(
                    nil, x: x, y: middle - 5, width: 16, height: 10,
                    [("fill", color), ("fill-opacity", SVGWriter.number(opacity)), ("stroke", color)])
            case .dot(let color):
                writer.element(
                    "circle",
                    [
                        ("cx", SVGWriter.number(x + 8)), ("cy", SVGWriter.number(middle)), ("r", "4"), ("fill", color),
                    ])
            }
            writer.text(
                TextSize.truncated(entry.label, to: 48), x: x + 22, y: middle + 4, size: TextSize.label)
        }
        writer.close("g")
    }
}
