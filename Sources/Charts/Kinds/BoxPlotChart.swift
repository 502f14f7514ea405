/// Distributions compared across many rows (policies): a whisker from the 5th to the 95th
/// percentile, a box from the 25th to the 75th, a median line and a mean dot, on one shared
/// horizontal axis. Compact: 28 units a row, so the chart's height follows its rows.
public struct BoxPlotChart: Sendable {
    public struct Row: Sendable {
        public var name: String
        public var p05: Double
        public var p25: Double
        public var p50: Double
        public var p75: Double
        public var p95: Double
        public var mean: Double?
        /// Drawn in the benchmark's grey with a bold name, like a benchmark series elsewhere.
        public var highlight: Bool
        /// The palette colour, so a row keeps its series' colour from other charts; nil: the first.
        public var colorIndex: Int?

        public init(
            name: String, p05: Double, p25: Double, p50: Double, p75: Double, p95: Double, mean: Double? = nil,
            highlight: Bool = false, colorIndex: Int? = nil
        ) {
            self.name = name
            self.p05 = p05
            self.p25 = p25
            self.p50 = p50
            self.p75 = p75
            self.p95 = p95
            self.mean = mean
            self.highlight = highlight
            self.colorIndex = colorIndex
        }

        var quantiles: [Double] { [p05, p25, p50, p75, p95] }
        var isDrawable: Bool { quantiles.allSatisfy(\.isFinite) }
    }

    public var frame: ChartFrame
    public var rows: [Row]
    public var xFormat: TickFormat
    /// A vertical line such as x = 0 (not a mark).
    public var referenceX: Double?

    public static let rowHeight = 28.0

    public init(frame: ChartFrame, rows: [Row], xFormat: TickFormat = .number, referenceX: Double? = nil) {
        self.frame = frame
        self.rows = rows
        self.xFormat = xFormat
        self.referenceX = referenceX
    }

    public func svg(id: String) -> String {
        var extent = Extent()
        for row in rows where row.isDrawable {
            for value in row.quantiles + [row.mean ?? .nan] { extent.include(value) }
        }
        guard !extent.isEmpty else { return ChartDocument.noData(id: id, frame: frame, what: "Box plot") }
        if let referenceX { extent.include(referenceX) }
        let hasMean = rows.contains { $0.isDrawable && ($0.mean?.isFinite ?? false) }
        let key = "Box: 25th to 75th percentile; whiskers: 5th to 95th; line: median" + (hasMean ? "; dot: mean" : "")
        let headerBottom = ChartDocument.headerHeight(frame) + 18
        let names = rows.map { TextSize.truncated($0.name, to: 28) }
        let height = PlotArea.totalHeight(
            frame, headerBottom: headerBottom, plotHeight: Self.rowHeight * Double(rows.count))
        let xAxis = ValueAxis(extent: extent, format: xFormat, count: max(2, Int(frame.width / 110)))
        let plot = PlotArea.inside(
            frame, height: height, headerBottom: headerBottom, leftLabels: TextSize.widest(names),
            xLabels: xAxis.labelWidth)
        let x = xAxis.map(from: plot.left, to: plot.right)
        let description =
            "Box plots of \(frame.xTitle.isEmpty ? "values" : frame.xTitle) for "
            + ChartDocument.list(rows.map(\.name))
            + ": boxes span the 25th to 75th percentile, whiskers the 5th to 95th."

        return ChartDocument.render(id: id, frame: frame, height: height, description: description) { writer in
            writer.text(key, x: 10, y: ChartDocument.headerHeight(frame) + 10, extra: [("fill", Palette.mutedText)])
            AxisDrawing.bottom(&writer, axis: xAxis, map: x, plot: plot, title: frame.xTitle, grid: true)
            if let referenceX, xAxis.contains(referenceX) {
                writer.element(
                    "line",
                    AxisDrawing.line(
                        x(referenceX), plot.top, x(referenceX), plot.bottom, color: Palette.text, className: "reference"
                    ))
            }
            AxisDrawing.yTitle(&writer, frame.yTitle, plot: plot)
            for (index, row) in rows.enumerated() {
                let y = plot.top + Self.rowHeight * (Double(index) + 0.5)
                writer.text(
                    names[index], x: plot.left - 8, y: y + 4, anchor: "end",
                    extra: row.highlight ? [("font-weight", "700")] : [])
                if row.isDrawable {
                    drawRow(&writer, row, y: y, x: x)
                } else {
                    writer.text("n/a", x: plot.left + 4, y: y + 4, extra: [("fill", Palette.mutedText)])
                }
            }
        }
    }

    private func drawRow(_ writer: inout SVGWriter, _ row: Row, y: Double, x: (Double) -> Double) {
        let n = SVGWriter.number
        let color = row.highlight ? Palette.benchmark : Palette.color(at: row.colorIndex ?? 0)
        let (low, high) = (x(min(row.p05, row.p95)), x(max(row.p05, row.p95)))
        writer.element(
            "path",
            [
                ("class", "mark whisker"),
                (
                    "d",
                    "M\(n(low)) \(n(y))H\(n(high))M\(n(low)) \(n(y - 5))V\(n(y + 5))M\(n(high)) \(n(y - 5))V\(n(y + 5))"
                ),
                ("fill", "none"), ("stroke", color), ("stroke-width", "1.5"),
            ])
        let (left, right) = (x(min(row.p25, row.p75)), x(max(row.p25, row.p75)))
        writer.rect(
            "mark box", x: left, y: y - 8, width: max(1, right - left), height: 16,
            [
                ("fill", Palette.tint(color, strength: 0.35)), ("stroke", color),
                ("stroke-width", row.highlight ? "2" : "1.25"),
            ])
        writer.element(
            "line",
            AxisDrawing.line(
                x(row.p50), y - 8, x(row.p50), y + 8, color: Palette.text, width: 2.5, className: "mark median"))
        if let mean = row.mean, mean.isFinite {
            writer.element(
                "circle",
                [
                    ("class", "mark mean"), ("cx", n(x(mean))), ("cy", n(y)), ("r", "3.5"), ("fill", "#fff"),
                    ("stroke", Palette.text), ("stroke-width", "1.5"),
                ])
        }
    }
}
