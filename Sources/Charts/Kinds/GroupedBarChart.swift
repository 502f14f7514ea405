/// Bars in groups: one group per category (a regime), one bar per series (a policy) in each.
/// Negative values hang below the zero line; a missing value (NaN) shows a small "n/a".
public struct GroupedBarChart: Sendable {
    /// One value per category; NaN, or a value past the end, is missing.
    public typealias Series = NamedValues

    public var frame: ChartFrame
    public var categories: [String]
    public var series: [Series]
    public var valueFormat: TickFormat
    /// Values written at the bars' ends.
    public var showValues: Bool
    /// A level to compare the bars with, such as 0.5 for win rates: a dashed line across the plot
    /// with its value as a small label, drawn over the bars (not a mark).
    public var referenceValue: Double?

    public init(
        frame: ChartFrame, categories: [String], series: [Series], valueFormat: TickFormat = .number,
        showValues: Bool = false, referenceValue: Double? = nil
    ) {
        self.frame = frame
        self.categories = categories
        self.series = series
        self.valueFormat = valueFormat
        self.showValues = showValues
        self.referenceValue = referenceValue
    }

    private func value(_ series: Series, _ category: Int) -> Double {
        category < series.values.count ? series.values[category] : .nan
    }

    public func svg(id: String) -> String {
        var extent = Extent(series.flatMap { s in categories.indices.map { value(s, $0) } })
        guard !extent.isEmpty else { return ChartDocument.noData(id: id, frame: frame, what: "Bar chart") }
        if showValues {
            // Room for the labels beyond the longest bars, inside the plot.
            let room = 0.1 * max(extent.upper - extent.lower, abs(extent.upper), abs(extent.lower))
            if extent.upper > 0 { extent.include(extent.upper + room) }
            if extent.lower < 0 { extent.include(extent.lower - room) }
        }
        if let referenceValue { extent.include(referenceValue) }
        let color = { (index: Int) in Palette.color(at: series[index].colorIndex ?? index) }
        let legend = Legend(
            entries: series.count < 2
                ? []
                : series.indices.map { index in
                    let empty = categories.indices.allSatisfy { !value(series[index], $0).isFinite }
                    return LegendEntry(
                        label: series[index].name + (empty ? " (no data)" : ""),
                        swatch: .box(color: color(index), opacity: 1))
                })
        let yAxis = ValueAxis(
            extent: extent, format: valueFormat, count: max(3, Int(frame.height / 60)), includeZero: true)
        // The band width depends on the plot width, which depends on the labels; a first guess
        // from the frame decides whether category labels are turned.
        let guess = BandScale(count: categories.count, range: (0, frame.width - 80 - yAxis.labelWidth))
        let labelHeight = AxisDrawing.categoryLabelHeight(categories, bandwidth: guess.bandwidth)
        let plot = PlotArea.inside(
            frame, headerBottom: ChartDocument.contentTop(frame, legend: legend), leftLabels: yAxis.labelWidth,
            bottomLabels: labelHeight)
        let groups = BandScale(count: categories.count, range: (plot.left, plot.right))
        let bars = BandScale(count: series.count, range: (0, groups.bandwidth), paddingInner: 0.1, paddingOuter: 0)
        let y = yAxis.map(from: plot.bottom, to: plot.top)
        let description =
            "Grouped bars of \(frame.yTitle.isEmpty ? "values" : frame.yTitle) for "
            + ChartDocument.list(series.map(\.name)) + " in each of " + ChartDocument.list(categories) + "."

        return ChartDocument.render(id: id, frame: frame, description: description, legend: legend) { writer in
            AxisDrawing.left(&writer, axis: yAxis, map: y, plot: plot, title: frame.yTitle)
            for category in categories.indices {
                for (index, s) in series.enumerated() {
                    let left = groups.start(category) + bars.start(index)
                    let center = left + bars.bandwidth / 2
                    let v = value(s, category)
                    guard v.isFinite else {
                        writer.text(
                            "n/a", x: center, y: y(0) - 3, anchor: "middle", extra: [("fill", Palette.mutedText)])
                        continue
                    }
                    let (top, bottom) = (min(y(v), y(0)), max(y(v), y(0)))
                    writer.rect(
                        "mark bar", x: left, y: top, width: bars.bandwidth, height: bottom - top,
                        [("fill", color(index))])
                    if showValues {
                        writer.text(
                            valueFormat.label(v), x: center, y: v >= 0 ? top - 3 : bottom + TextSize.label,
                            anchor: "middle")
                    }
                }
            }
            writer.element(
                "line", AxisDrawing.line(plot.left, y(0), plot.right, y(0), color: Palette.text, className: "zero"))
            if let referenceValue, yAxis.contains(referenceValue) {
                drawReference(&writer, value: referenceValue, y: y(referenceValue), plot: plot)
            }
            AxisDrawing.categories(
                &writer, labels: categories, centers: categories.indices.map(groups.center),
                bandwidth: groups.bandwidth,
                plot: plot, title: frame.xTitle)
        }
    }

    /// The reference level: a dashed line over the bars, a white line under it so it shows on
    /// bars of any colour, and its value at the right end, above the line.
    private func drawReference(_ writer: inout SVGWriter, value: Double, y: Double, plot: PlotArea) {
        writer.element("line", AxisDrawing.line(plot.left, y, plot.right, y, color: "#fff", width: 3.5))
        var attributes = AxisDrawing.line(
            plot.left, y, plot.right, y, color: Palette.text, width: 1.25, className: "reference")
        attributes.append(("stroke-dasharray", Palette.dashed))
        writer.element("line", attributes)
        writer.text(valueFormat.label(value), x: plot.right - 2, y: y - 4, anchor: "end", extra: TextSize.halo)
    }
}
