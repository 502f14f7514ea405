/// Layers stacked over x, such as satellite weights over time: as shares of each x's total
/// (0...1), or as amounts up to the largest total.
public struct StackedAreaChart: Sendable {
    /// One value per x, at least 0 (negative values are drawn as 0).
    public typealias Layer = NamedValues

    public var frame: ChartFrame
    public var xs: [Double]
    public var layers: [Layer]
    /// Each x's values divided by their total, so the stack fills 0...1.
    public var asShare: Bool
    public var xFormat: TickFormat
    public var yFormat: TickFormat
    /// Each value holds from its x to the next x (vertical edges at each x), as weights held
    /// between monthly trades; the last value of the data holds for the step before it.
    public var steps: Bool

    public init(
        frame: ChartFrame, xs: [Double], layers: [Layer], asShare: Bool = true, xFormat: TickFormat = .number,
        yFormat: TickFormat = .percent(), steps: Bool = false
    ) {
        self.frame = frame
        self.xs = xs
        self.layers = layers
        self.asShare = asShare
        self.xFormat = xFormat
        self.yFormat = yFormat
        self.steps = steps
    }

    public func svg(id: String) -> String {
        // A layer without any finite value is left out of the stack (and says so in the legend);
        // an x where a drawn layer has no finite value breaks every area there.
        let active = layers.indices.filter { index in
            xs.indices.contains { $0 < layers[index].values.count && layers[index].values[$0].isFinite }
        }
        let value = { (layer: Int, column: Int) -> Double in max(0, layers[layer].values[column]) }
        let total = { (column: Int) in active.reduce(0.0) { $0 + value($1, column) } }
        let usable = { (column: Int) -> Bool in
            xs[column].isFinite && !active.isEmpty
                && active.allSatisfy { column < layers[$0].values.count && layers[$0].values[column].isFinite }
                && (!asShare || total(column) > 0)
        }
        let runs = Runs.of(count: xs.count, isValid: usable)
        guard !runs.isEmpty else { return ChartDocument.noData(id: id, frame: frame, what: "Stacked area chart") }

        var xExtent = Extent()
        var yExtent = Extent([0])
        let ends = steps ? stepEnds(runs: runs) : [:]
        for column in runs.joined() {
            xExtent.include(xs[column])
            if let end = ends[column] { xExtent.include(end) }
            yExtent.include(asShare ? 1 : total(column))
        }
        let color = { (index: Int) in Palette.color(at: layers[index].colorIndex ?? index) }
        let legend = Legend(
            entries: layers.count < 2
                ? []
                : layers.indices.map { index in
                    LegendEntry(
                        label: active.contains(index) ? layers[index].name : layers[index].name + " (no data)",
                        swatch: .box(color: color(index), opacity: 1))
                })
        let yAxis = ValueAxis(
            extent: yExtent, format: yFormat, count: max(3, Int(frame.height / 60)), includeZero: true)
        let xAxis = ValueAxis(extent: xExtent, format: xFormat, count: max(2, Int(frame.width / 110)))
        let plot = PlotArea.inside(
            frame, headerBottom: ChartDocument.contentTop(frame, legend: legend), leftLabels: yAxis.labelWidth,
            xLabels: xAxis.labelWidth)
        let x = xAxis.map(from: plot.left, to: plot.right)
        let y = yAxis.map(from: plot.bottom, to: plot.top)
        // Cumulative tops: layer k's area lies between tops[k - 1] and tops[k].
        var tops: [[Double]] = []
        for (rank, layer) in active.enumerated() {
            tops.append(
                xs.indices.map { column in
                    guard usable(column) else { return 0 }
                    let below = rank > 0 ? tops[rank - 1][column] : 0
                    return below + value(layer, column) / (asShare ? total(column) : 1)
                })
        }
        let description =
            (steps ? "Stacked steps of " : "Stacked areas of ")
            + "\(frame.yTitle.isEmpty ? "values" : frame.yTitle) against "
            + "\(frame.xTitle.isEmpty ? "x" : frame.xTitle)\(asShare ? " as shares of each total" : ""): "
            + ChartDocument.list(layers.map(\.name)) + "."

        return ChartDocument.render(id: id, frame: frame, description: description, legend: legend) { writer in
            AxisDrawing.left(&writer, axis: yAxis, map: y, plot: plot, title: frame.yTitle)
            for (rank, layer) in active.enumerated() {
                var path = PathData()
                for run in runs {
                    // With steps each value spans its x to its step's end: two corners a column.
                    let spans = run.map { (column: $0, from: xs[$0], to: ends[$0] ?? xs[$0]) }
                    let top = { (c: Int) in y(tops[rank][c]) }
                    let bottom = { (c: Int) in y(rank > 0 ? tops[rank - 1][c] : 0) }
                    path.polyline(
                        spans.flatMap { s in
                            let corners = steps ? [s.from, s.to] : [s.from]
                            return corners.map { (x($0), top(s.column)) }
                        })
                    for s in spans.reversed() {
                        if steps { path.line(x(s.to), bottom(s.column)) }
                        path.line(x(s.from), bottom(s.column))
                    }
                    path.closePath()
                }
                writer.element(
                    "path",
                    [
                        ("class", "mark area"), ("d", path.text), ("fill", color(layer)), ("stroke", "#fff"),
                        ("stroke-width", "0.5"),
                    ])
            }
            AxisDrawing.bottom(&writer, axis: xAxis, map: x, plot: plot, title: frame.xTitle)
        }
    }

    /// Where each drawn column's step ends: at the next x, whether or not that column is drawn
    /// (the value held until then). The data's last column, or one followed by a missing x,
    /// holds for the step before it, so its value still shows; with no step before, it has none.
    private func stepEnds(runs: [Range<Int>]) -> [Int: Double] {
        var ends: [Int: Double] = [:]
        for column in runs.joined() {
            let here = xs[column]
            var end = here
            if column + 1 < xs.count, xs[column + 1].isFinite, xs[column + 1] > here {
                end = xs[column + 1]
            } else if column > 0, xs[column - 1].isFinite, xs[column - 1] < here {
                end = here + (here - xs[column - 1])
            }
            ends[column] = end.isFinite ? end : here
        }
        return ends
    }
}
