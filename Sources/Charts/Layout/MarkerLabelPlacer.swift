/// Where a point marker's label goes: above and to the right of its marker unless that box runs
/// past the plot or covers a label already placed or another marker; then below, then to the left,
/// so two portfolios close together on a frontier keep both labels readable. When every place is
/// taken the label goes right, or left where right would leave the plot.
struct MarkerLabelPlacer {
    struct Box: Equatable {
        var left: Double, top: Double, right: Double, bottom: Double

        func overlaps(_ other: Box) -> Bool {
            left < other.right && other.left < right && top < other.bottom && other.top < bottom
        }
    }

    /// Room around a marker's centre its glyph takes (the largest glyph is 5.5 from its centre).
    static let glyphRadius = 6.0

    private var taken: [Box]
    let left: Double
    let right: Double

    init(glyphs: [(Double, Double)], left: Double, right: Double) {
        taken = glyphs.map {
            Box(left: $0.0 - Self.glyphRadius, top: $0.1 - Self.glyphRadius, right: $0.0 + Self.glyphRadius,
                bottom: $0.1 + Self.glyphRadius)
        }
        self.left = left
        self.right = right
    }

    /// The baseline position and anchor of `label` beside the marker at (`x`, `y`), kept as taken.
    mutating func place(_ label: String, x: Double, y: Double) -> (x: Double, y: Double, anchor: String) {
        let width = TextSize.width(label, size: TextSize.label)
        let own = Box(
            left: x - Self.glyphRadius, top: y - Self.glyphRadius, right: x + Self.glyphRadius,
            bottom: y + Self.glyphRadius)
        // Baselines 6 above the centre or 15 below it; the text rises 11 above its baseline.
        let candidates: [(x: Double, y: Double, anchor: String)] = [
            (x + 8, y - 6, "start"), (x + 8, y + 15, "start"), (x - 8, y - 6, "end"), (x - 8, y + 15, "end"),
        ]
        func box(_ c: (x: Double, y: Double, anchor: String)) -> Box {
            let start = c.anchor == "start" ? c.x : c.x - width
            return Box(left: start, top: c.y - TextSize.label, right: start + width, bottom: c.y + 3)
        }
        let fits = { (c: (x: Double, y: Double, anchor: String)) -> Bool in
            let b = box(c)
            return b.left >= left - 1e-9 && b.right <= right + 1e-9
                && !taken.contains { $0 != own && $0.overlaps(b) }
        }
        let fallback = x + 8 + width > right ? candidates[2] : candidates[0]
        let chosen = candidates.first(where: fits) ?? fallback
        taken.append(box(chosen))
        return chosen
    }
}
