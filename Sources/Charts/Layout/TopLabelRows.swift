/// Labels of vertical lines (a histogram's markers, its interval) in rows from the top of the
/// plot: each label beside its line on the side asked for, switched to the other side when it
/// would leave the plot, and in the first row where it covers no label placed before.
struct TopLabelRows {
    typealias Box = MarkerLabelPlacer.Box

    /// The first baseline below the plot's top and the distance between rows.
    static let firstBaseline = 12.0
    static let rowHeight = 14.0
    static let rowCount = 6
    /// The gap between a line and its label, and the room kept between neighbouring labels.
    static let gap = 4.0
    static let padding = 2.0

    let plot: PlotArea
    private(set) var taken: [Box] = []

    init(plot: PlotArea) {
        self.plot = plot
    }

    static func baseline(row: Int, plot: PlotArea) -> Double {
        plot.top + firstBaseline + rowHeight * Double(row)
    }

    /// The box of text `width` wide starting at `left` on the baseline `y`, with room around it.
    static func box(left: Double, width: Double, baseline y: Double) -> Box {
        Box(left: left - padding, top: y - TextSize.label, right: left + width + padding, bottom: y + 3)
    }

    /// Keeps `box` free of later labels.
    mutating func take(_ box: Box) {
        taken.append(box)
    }

    /// The baseline position and anchor of `label` beside the line at `x`; `fallbackRow` is the
    /// row used when every row is taken.
    mutating func place(_ label: String, x: Double, onLeft: Bool, fallbackRow: Int) -> (
        x: Double, y: Double, anchor: String
    ) {
        let width = TextSize.width(label, size: TextSize.label)
        let fitsLeft = x - Self.gap - width >= plot.left
        let fitsRight = x + Self.gap + width <= plot.right
        let left = onLeft ? (fitsLeft || !fitsRight) : (!fitsRight && fitsLeft)
        let start = left ? x - Self.gap - width : x + Self.gap
        // Rows inside the plot only; a plot too low for any still uses the first.
        let rows = (0..<Self.rowCount).map { Self.baseline(row: $0, plot: plot) }.filter { $0 <= plot.bottom }
        let fallback = rows.isEmpty ? Self.baseline(row: 0, plot: plot) : rows[max(0, fallbackRow) % rows.count]
        let y =
            rows.first { y in !taken.contains { $0.overlaps(Self.box(left: start, width: width, baseline: y)) } }
            ?? fallback
        taken.append(Self.box(left: start, width: width, baseline: y))
        return (left ? x - Self.gap : x + Self.gap, y, left ? "end" : "start")
    }
}
