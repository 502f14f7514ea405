/// A grid of values coloured by size, such as a sweep over two parameters (a one-parameter sweep
/// is one row), with the values written in the cells, a colour legend bar and an optional
/// outlined cell (the best). Missing values (NaN) are hatched grey cells reading "n/a".
public struct HeatmapChart: Sendable {
    public var frame: ChartFrame
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// values[row][column]; missing rows or columns count as NaN.
    public var values: [[Double]]
    public var colors: HeatmapColors
    public var valueFormat: TickFormat
    public var showValues: Bool
    public var highlight: (row: Int, column: Int)?

    /// Cells are this high whatever the frame's height: the chart's height follows its rows.
    public static let cellHeight = 30.0

    public init(
        frame: ChartFrame, rowLabels: [String], columnLabels: [String], values: [[Double]],
        colors: HeatmapColors = .sequential, valueFormat: TickFormat = .number, showValues: Bool = true,
        highlight: (row: Int, column: Int)? = nil
    ) {
        self.frame = frame
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.colors = colors
        self.valueFormat = valueFormat
        self.showValues = showValues
        self.highlight = highlight
    }

    private func value(_ row: Int, _ column: Int) -> Double {
        row < values.count && column < values[row].count ? values[row][column] : .nan
    }

    public func svg(id: String) -> String {
        let cells = rowLabels.indices.flatMap { row in columnLabels.indices.map { (row, $0) } }
        let extent = Extent(cells.map { value($0.0, $0.1) })
        guard !extent.isEmpty else { return ChartDocument.noData(id: id, frame: frame, what: "Heatmap") }
        let ramp = ColorRamp(colors, extent: extent)
        let names = rowLabels.map { TextSize.truncated($0, to: 24) }
        let guess = BandScale(
            count: columnLabels.count, range: (0, frame.width - 60 - TextSize.widest(names)), paddingInner: 0,
            paddingOuter: 0)
        let labelHeight = AxisDrawing.categoryLabelHeight(columnLabels, bandwidth: guess.bandwidth)
        let legendRoom = 44.0
        let headerBottom = ChartDocument.headerHeight(frame)
        let height =
            legendRoom
            + PlotArea.totalHeight(
                frame, headerBottom: headerBottom, plotHeight: Self.cellHeight * Double(rowLabels.count),
                bottomLabels: labelHeight)
        let plot = PlotArea.inside(
            frame, height: height - legendRoom, headerBottom: headerBottom, leftLabels: TextSize.widest(names),
            bottomLabels: labelHeight)
        let columns = BandScale(
            count: columnLabels.count, range: (plot.left, plot.right), paddingInner: 0, paddingOuter: 0)
        let scaleText: String
        switch colors {
        case .diverging(let center): scaleText = "blue below \(valueFormat.label(center)) and orange above"
        case .sequential: scaleText = "from light (low) to dark blue (high)"
        }
        let description =
            "Heatmap of \(rowLabels.count) by \(columnLabels.count) values"
            + (frame.yTitle.isEmpty ? "" : ", rows \(frame.yTitle)")
            + (frame.xTitle.isEmpty ? "" : ", columns \(frame.xTitle)")
            + ", coloured \(scaleText)" + (highlight == nil ? "" : "; the outlined cell is highlighted") + "."

        return ChartDocument.render(id: id, frame: frame, height: height, description: description) { writer in
            writeDefinitions(&writer, id: id, ramp: ramp)
            for (row, column) in cells {
                drawCell(
                    &writer, id: id, ramp: ramp, row: row, column: column, x: columns.start(column),
                    y: plot.top + Self.cellHeight * Double(row), width: columns.bandwidth)
            }
            if let highlight, rowLabels.indices.contains(highlight.row), columnLabels.indices.contains(highlight.column)
            {
                writer.rect(
                    "highlight", x: columns.start(highlight.column) + 1.25,
                    y: plot.top + Self.cellHeight * Double(highlight.row) + 1.25, width: columns.bandwidth - 2.5,
                    height: Self.cellHeight - 2.5,
                    [("fill", "none"), ("stroke", Palette.text), ("stroke-width", "2.5")])
            }
            for (row, name) in names.enumerated() {
                writer.text(
                    name, x: plot.left - 8, y: plot.top + Self.cellHeight * (Double(row) + 0.5) + 4, anchor: "end")
            }
            AxisDrawing.yTitle(&writer, frame.yTitle, plot: plot)
            AxisDrawing.categories(
                &writer, labels: columnLabels, centers: columnLabels.indices.map(columns.center),
                bandwidth: columns.bandwidth, plot: plot, title: frame.xTitle)
            drawRampLegend(&writer, id: id, ramp: ramp, left: plot.left, top: height - 34, width: min(240, plot.width))
        }
    }

    /// The hatch of missing cells and the legend's gradient, both drawn from this chart's own ids.
    private func writeDefinitions(_ writer: inout SVGWriter, id: String, ramp: ColorRamp) {
        writer.open("defs")
        writer.open(
            "pattern",
            [
                ("id", id + "-missing"), ("width", "6"), ("height", "6"), ("patternUnits", "userSpaceOnUse"),
                ("patternTransform", "rotate(45)"),
            ])
        writer.element("rect", [("width", "6"), ("height", "6"), ("fill", Palette.missing)])
        writer.element("line", AxisDrawing.line(0, 0, 0, 6, color: "#bbb", width: 2))
        writer.close("pattern")
        writer.open("linearGradient", [("id", id + "-ramp")])
        for stop in ramp.stops {
            writer.element("stop", [("offset", SVGWriter.number(stop.offset)), ("stop-color", stop.color)])
        }
        writer.close("linearGradient")
        writer.close("defs")
    }

    private func drawCell(
        _ writer: inout SVGWriter, id: String, ramp: ColorRamp, row: Int, column: Int, x: Double, y: Double,
        width: Double
    ) {
        let v = value(row, column)
        let fill = v.isFinite ? ramp.color(v) : "url(#\(id)-missing)"
        writer.rect(
            v.isFinite ? "mark cell" : "missing", x: x, y: y, width: width, height: Self.cellHeight,
            [("fill", fill), ("stroke", "#fff"), ("stroke-width", "1")])
        let text = v.isFinite ? valueFormat.label(v) : "n/a"
        guard showValues || !v.isFinite, TextSize.width(text) <= width - 4 else { return }
        let dark = v.isFinite && Palette.luminance(fill) < 0.3
        writer.text(
            text, x: x + width / 2, y: y + Self.cellHeight / 2 + 4, anchor: "middle",
            extra: [("fill", dark ? "#fff" : Palette.text)])
    }

    private func drawRampLegend(
        _ writer: inout SVGWriter, id: String, ramp: ColorRamp, left: Double, top: Double, width: Double
    ) {
        writer.open("g", [("class", "color-legend")])
        writer.rect(
            nil, x: left, y: top, width: width, height: 10,
            [("fill", "url(#\(id)-ramp)"), ("stroke", Palette.axis), ("stroke-width", "0.5")])
        let scale = LinearScale(domain: (ramp.lower, ramp.upper), range: (left, left + width))
        let ticks = valueFormat.ticks(lower: ramp.lower, upper: ramp.upper, count: 4)
        for (tick, label) in zip(ticks, valueFormat.labels(for: ticks)) {
            writer.element("line", AxisDrawing.line(scale(tick), top + 10, scale(tick), top + 14, color: Palette.axis))
            writer.text(label, x: scale(tick), y: top + 25, anchor: "middle")
        }
        writer.close("g")
    }
}
