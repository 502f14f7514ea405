/// What a histogram draws over its bars: the interval as a bracket in the strip above the bars,
/// vertical marker lines, and their labels, which keep clear of each other.
extension HistogramChart {
    /// The bracket's smallest width, so an interval narrower than a bin still shows.
    static let minimumIntervalWidth = 3.0
    /// Half the height of the bracket's end ticks.
    static let bracketTick = 4.0

    func drawAnnotations(_ writer: inout SVGWriter, interval: Interval?, x: (Double) -> Double, plot: PlotArea) {
        var rows = TopLabelRows(plot: plot)
        let lines = markers.filter(\.x.isFinite).map { (marker: $0, x: x($0.x)) }
        // A white line under each marker line keeps it visible on dark bars; all of them go
        // first, so one marker's halo does not cut another's line.
        for line in lines {
            writer.element(
                "line", AxisDrawing.line(line.x, plot.top, line.x, plot.bottom, color: "#fff", width: 4))
        }
        for line in lines {
            var attributes = AxisDrawing.line(
                line.x, plot.top, line.x, plot.bottom, color: Palette.text, width: 1.5, className: "mark marker")
            if line.marker.style == .dashed { attributes.append(("stroke-dasharray", Palette.dashed)) }
            writer.element("line", attributes)
        }
        if let interval { drawInterval(&writer, interval, x: x, rows: &rows) }
        // Labels on the side away from the other markers: the left half of them to the left of
        // their lines, the right half to the right; rows keep labels that still meet apart.
        let order = lines.indices.sorted { (lines[$0].x, $0) < (lines[$1].x, $1) }
        for (rank, index) in order.enumerated() {
            let onLeft = lines.count > 1 && rank < lines.count / 2
            let label = lines[index].marker.label
            let place = rows.place(label, x: lines[index].x, onLeft: onLeft, fallbackRow: rank)
            writer.text(label, x: place.x, y: place.y, anchor: place.anchor, extra: TextSize.halo)
        }
    }

    /// The interval as a horizontal bracket with end ticks at the top of the plot, over the bars
    /// and their headroom, its label beside it. One `mark interval` path.
    private func drawInterval(
        _ writer: inout SVGWriter, _ interval: Interval, x: (Double) -> Double, rows: inout TopLabelRows
    ) {
        let plot = rows.plot
        var (from, to) = (x(min(interval.from, interval.to)), x(max(interval.from, interval.to)))
        if to - from < Self.minimumIntervalWidth {
            let middle = (from + to) / 2
            (from, to) = (middle - Self.minimumIntervalWidth / 2, middle + Self.minimumIntervalWidth / 2)
        }
        let baseline = TopLabelRows.baseline(row: 0, plot: plot)
        let middle = baseline - TextSize.label / 2 + 1.5
        let n = SVGWriter.number
        let d =
            "M\(n(from)) \(n(middle))H\(n(to))"
            + "M\(n(from)) \(n(middle - Self.bracketTick))V\(n(middle + Self.bracketTick))"
            + "M\(n(to)) \(n(middle - Self.bracketTick))V\(n(middle + Self.bracketTick))"
        writer.element(
            "path",
            [("d", d), ("fill", "none"), ("stroke", "#fff"), ("stroke-width", "5"), ("stroke-linecap", "round")])
        writer.element(
            "path",
            [
                ("class", "mark interval"), ("d", d), ("fill", "none"), ("stroke", Palette.text),
                ("stroke-width", "1.75"), ("stroke-linecap", "square"),
            ])
        let width = TextSize.width(interval.label, size: TextSize.label)
        let onRight = to + TopLabelRows.gap + width <= plot.right || from - TopLabelRows.gap - width < plot.left
        let start = onRight ? to + TopLabelRows.gap + 2 : from - TopLabelRows.gap - 2 - width
        rows.take(
            MarkerLabelPlacer.Box(
                left: min(from, start) - TopLabelRows.padding, top: middle - Self.bracketTick - 1,
                right: max(to, start + width) + TopLabelRows.padding, bottom: baseline + 3))
        writer.text(
            interval.label, x: onRight ? start : start + width, y: baseline, anchor: onRight ? "start" : "end",
            extra: TextSize.halo)
    }
}
