/// Where a point marker's label goes: above and to the right of its marker, unless that box leaves
/// the plot or covers a label already placed or another marker; then above on the left, below on
/// the right or left, then a line further above or below, and so on. So portfolios close together
/// on a frontier keep their labels apart and near their markers. When no place is free the label
/// goes above on the right, or on the left where the right would leave the plot.
struct MarkerLabelPlacer {
    struct Box: Equatable {
        var left: Double, top: Double, right: Double, bottom: Double

        func overlaps(_ other: Box) -> Bool {
            left < other.right && other.left < right && top < other.bottom && other.top < bottom
        }

        func isInside(_ plot: PlotArea) -> Bool {
            left >= plot.left && right <= plot.right && top >= plot.top && bottom <= plot.bottom
        }
    }

    /// Room around a marker's centre its glyph takes (the largest glyph is 5.5 from its centre).
    static let glyphRadius = 6.0
    /// Baselines relative to the marker's centre, nearest first: a label's text rises 11 above its
    /// baseline, so these stack labels one line apart above and below the marker.
    static let baselines: [Double] = [-6, 15, -19, 28, -32, 41, -45]

    private var taken: [Box]
    let plot: PlotArea

    init(glyphs: [(Double, Double)], plot: PlotArea) {
        taken = glyphs.map { Self.glyph(x: $0.0, y: $0.1) }
        self.plot = plot
    }

    static func glyph(x: Double, y: Double) -> Box {
        Box(left: x - glyphRadius, top: y - glyphRadius, right: x + glyphRadius, bottom: y + glyphRadius)
    }

    /// Where a label went: its baseline position and anchor, and the box its text takes.
    struct Placement {
        let x: Double
        let y: Double
        let anchor: String
        let box: Box

        /// Beyond this distance from its marker a label gets a leader line: the first places
        /// (above or below, on either side) are nearer, the lines further out are not.
        static let leaderDistance = 10.0

        /// The point of the label's box nearest to (`x`, `y`).
        func nearestPoint(toX px: Double, y py: Double) -> (x: Double, y: Double) {
            (min(max(px, box.left), box.right), min(max(py, box.top), box.bottom))
        }

        /// A line from the edge of the marker at (`x`, `y`) to the nearest point of the label,
        /// when the label is more than `leaderDistance` away; nil when it sits beside its marker.
        func leader(fromX px: Double, y py: Double) -> (x1: Double, y1: Double, x2: Double, y2: Double)? {
            let end = nearestPoint(toX: px, y: py)
            let (dx, dy) = (end.x - px, end.y - py)
            let distance = (dx * dx + dy * dy).squareRoot()
            guard distance > Self.leaderDistance else { return nil }
            let start = MarkerLabelPlacer.glyphRadius / distance
            return (px + dx * start, py + dy * start, end.x, end.y)
        }
    }

    /// The place of `label` beside the marker at (`x`, `y`), kept as taken.
    mutating func place(_ label: String, x: Double, y: Double) -> Placement {
        let width = TextSize.width(label, size: TextSize.label)
        let own = Self.glyph(x: x, y: y)
        func box(_ c: (x: Double, y: Double, anchor: String)) -> Box {
            let start = c.anchor == "start" ? c.x : c.x - width
            return Box(left: start, top: c.y - TextSize.label, right: start + width, bottom: c.y + 3)
        }
        let candidates = Self.baselines.flatMap { dy in
            [(x: x + 8, y: y + dy, anchor: "start"), (x: x - 8, y: y + dy, anchor: "end")]
        }
        let free = candidates.first { c in
            let b = box(c)
            return b.isInside(plot) && !taken.contains { $0 != own && $0.overlaps(b) }
        }
        let chosen = free ?? (x + 8 + width > plot.right ? (x - 8, y - 6, "end") : (x + 8, y - 6, "start"))
        let placed = box(chosen)
        taken.append(placed)
        return Placement(x: chosen.x, y: chosen.y, anchor: chosen.anchor, box: placed)
    }
}
