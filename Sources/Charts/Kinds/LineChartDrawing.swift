/// Lays out and draws a `LineChart`: finds what can be drawn, builds the axes and legend, then
/// draws back to front (shades, gridlines, bands, reference line, lines, markers, labels).
struct LineChartDrawing {
    let chart: LineChart
    private var seriesRuns: [[Range<Int>]] = []
    private var bandRuns: [[Range<Int>]] = []
    private var drawnMarkers: [LineChart.Marker] = []
    private var xExtent = Extent()
    private var yExtent: Extent

    init(chart: LineChart) {
        self.chart = chart
        yExtent = Extent(positiveOnly: chart.yScale == .log)
        for series in chart.series {
            let runs = Runs.of(count: min(series.xs.count, series.ys.count)) { valid(series.xs[$0], series.ys[$0]) }
            for index in runs.joined() {
                xExtent.include(series.xs[index])
                yExtent.include(series.ys[index])
            }
            seriesRuns.append(runs)
        }
        for band in chart.bands {
            let count = min(band.xs.count, band.lower.count, band.upper.count)
            let runs = Runs.of(count: count) {
                valid(band.xs[$0], band.lower[$0]) && valid(band.xs[$0], band.upper[$0])
            }
            for index in runs.joined() {
                xExtent.include(band.xs[index])
                yExtent.include(band.lower[index])
                yExtent.include(band.upper[index])
            }
            bandRuns.append(runs)
        }
        drawnMarkers = chart.markers.filter { valid($0.x, $0.y) }
        for marker in drawnMarkers {
            xExtent.include(marker.x)
            yExtent.include(marker.y)
        }
    }

    private func valid(_ x: Double, _ y: Double) -> Bool { x.isFinite && yExtent.accepts(y) }

    private func color(ofSeries index: Int) -> (color: String, dash: String?) {
        let series = chart.series[index]
        if series.isBenchmark { return (Palette.benchmark, Palette.benchmarkDash) }
        let position = series.colorIndex ?? chart.series[..<index].filter { !$0.isBenchmark }.count
        return (Palette.color(at: position), series.style == .dashed ? Palette.dashed : Palette.dash(at: position))
    }

    private var shadeLabels: [(label: String, colorIndex: Int)] {
        var seen: Set<String> = []
        return chart.shades.compactMap { seen.insert($0.label).inserted ? ($0.label, $0.colorIndex) : nil }
    }

    private var legend: Legend {
        var entries = shadeLabels.map {
            LegendEntry(
                label: $0.label,
                swatch: .box(color: Palette.shade(at: $0.colorIndex), opacity: 1))
        }
        for (band, runs) in zip(chart.bands, bandRuns) {
            let label = runs.isEmpty ? band.name + " (no data)" : band.name
            entries.append(
                LegendEntry(
                    label: label, swatch: .box(color: Palette.color(at: band.colorIndex), opacity: band.opacity)))
        }
        for (index, series) in chart.series.enumerated() {
            let (color, dash) = color(ofSeries: index)
            let label = seriesRuns[index].isEmpty ? series.name + " (no data)" : series.name
            entries.append(LegendEntry(label: label, swatch: .line(color: color, dash: dash)))
        }
        return Legend(entries: entries.count > 1 ? entries : [])
    }

    private var description: String {
        let frame = chart.frame
        var parts = [
            "Line chart of \(frame.yTitle.isEmpty ? "values" : frame.yTitle)"
                + (chart.yScale == .log ? " on a log scale" : "")
                + " against \(frame.xTitle.isEmpty ? "x" : frame.xTitle)"
        ]
        if !chart.series.isEmpty {
            parts.append(
                (chart.series.count == 1 ? "a line for " : "lines for ") + ChartDocument.list(chart.series.map(\.name)))
        }
        if !chart.bands.isEmpty {
            parts.append(
                (chart.bands.count == 1 ? "a band for " : "bands for ") + ChartDocument.list(chart.bands.map(\.name)))
        }
        if !chart.shades.isEmpty { parts.append("shaded periods of " + ChartDocument.list(shadeLabels.map(\.label))) }
        if !drawnMarkers.isEmpty { parts.append("\(drawnMarkers.count) labelled points") }
        return parts.joined(separator: "; ") + "."
    }

    func svg(id: String) -> String {
        let frame = chart.frame
        guard !xExtent.isEmpty, !yExtent.isEmpty else {
            return ChartDocument.noData(id: id, frame: frame, what: "Line chart")
        }
        var yValues = yExtent
        if let reference = chart.referenceY { yValues.include(reference) }
        if let domain = chart.yDomain {
            yValues.include(domain.lowerBound)
            yValues.include(domain.upperBound)
        }
        let yAxis = ValueAxis(
            extent: yValues, format: chart.yFormat, count: max(3, Int(frame.height / 60)), log: chart.yScale == .log)
        let xAxis = ValueAxis(extent: xExtent, format: chart.xFormat, count: max(2, Int(frame.width / 110)))
        let labelled = chart.series.indices.filter { !seriesRuns[$0].isEmpty }
        let direct = chart.directLabels && (2...8).contains(labelled.count) ? labelled : []
        let names = direct.map { TextSize.truncated(chart.series[$0].name, to: 24) }
        let legend = legend
        let plot = PlotArea.inside(
            frame, headerBottom: ChartDocument.contentTop(frame, legend: legend), leftLabels: yAxis.labelWidth,
            rightExtra: direct.isEmpty ? 0 : TextSize.widest(names) + 10, xLabels: xAxis.labelWidth)
        let x = xAxis.map(from: plot.left, to: plot.right)
        let y = yAxis.map(from: plot.bottom, to: plot.top)

        return ChartDocument.render(id: id, frame: frame, description: description, legend: legend) { writer in
            drawShades(&writer, axis: xAxis, x: x, plot: plot)
            AxisDrawing.left(&writer, axis: yAxis, map: y, plot: plot, title: frame.yTitle)
            drawBands(&writer, x: x, y: y)
            if let reference = chart.referenceY, yAxis.contains(reference) {
                writer.element(
                    "line",
                    AxisDrawing.line(
                        plot.left, y(reference), plot.right, y(reference), color: Palette.text, className: "reference"))
            }
            drawLines(&writer, x: x, y: y)
            drawMarkers(&writer, x: x, y: y, plot: plot)
            AxisDrawing.bottom(&writer, axis: xAxis, map: x, plot: plot, title: frame.xTitle)
            drawDirectLabels(&writer, indices: direct, names: names, y: y, plot: plot)
        }
    }

    private func drawShades(_ writer: inout SVGWriter, axis: ValueAxis, x: (Double) -> Double, plot: PlotArea) {
        for shade in chart.shades where shade.from.isFinite && shade.to.isFinite {
            let from = max(min(shade.from, shade.to), axis.lower)
            let to = min(max(shade.from, shade.to), axis.upper)
            guard to > from else { continue }
            writer.rect(
                "mark shade", x: x(from), y: plot.top, width: x(to) - x(from), height: plot.height,
                [("fill", Palette.shade(at: shade.colorIndex))])
        }
    }

    private func drawBands(_ writer: inout SVGWriter, x: (Double) -> Double, y: (Double) -> Double) {
        for (band, runs) in zip(chart.bands, bandRuns) where !runs.isEmpty {
            var path = PathData()
            for run in runs {
                path.polyline(run.map { (x(band.xs[$0]), y(band.upper[$0])) })
                for index in run.reversed() { path.line(x(band.xs[index]), y(band.lower[index])) }
                path.closePath()
            }
            let color = Palette.color(at: band.colorIndex)
            let opacity = band.opacity.isFinite ? min(max(band.opacity, 0.05), 1) : Palette.outerBandOpacity
            writer.element(
                "path",
                [
                    ("class", "mark band"), ("d", path.text), ("fill", color),
                    ("fill-opacity", SVGWriter.number(opacity)),
                    ("stroke", "none"),
                ])
        }
    }

    private func drawLines(_ writer: inout SVGWriter, x: (Double) -> Double, y: (Double) -> Double) {
        for (index, series) in chart.series.enumerated() where !seriesRuns[index].isEmpty {
            var path = PathData()
            for run in seriesRuns[index] { path.polyline(run.map { (x(series.xs[$0]), y(series.ys[$0])) }) }
            let (color, dash) = color(ofSeries: index)
            var attributes: SVGWriter.Attributes = [
                ("class", series.isBenchmark ? "mark line benchmark" : "mark line"), ("d", path.text), ("fill", "none"),
                ("stroke", color), ("stroke-width", series.isBenchmark ? "1.75" : "2"), ("stroke-linejoin", "round"),
                ("stroke-linecap", "round"),
            ]
            if let dash { attributes.append(("stroke-dasharray", dash)) }
            writer.element("path", attributes)
        }
    }

    /// Marker glyphs and their labels. A label moved away from its marker (to keep clear of
    /// others) is joined to it by a thin leader line and takes the marker's colour, darkened to
    /// stay legible, so the pairing reads at a glance.
    private func drawMarkers(_ writer: inout SVGWriter, x: (Double) -> Double, y: (Double) -> Double, plot: PlotArea) {
        let centres = drawnMarkers.map { (x($0.x), y($0.y)) }
        let colors = drawnMarkers.indices.map { Palette.color(at: drawnMarkers[$0].colorIndex ?? $0) }
        var placer = MarkerLabelPlacer(glyphs: centres, plot: plot)
        let placements = drawnMarkers.indices.map { index in
            placer.place(drawnMarkers[index].label, x: centres[index].0, y: centres[index].1)
        }
        let leaders = placements.indices.map { placements[$0].leader(fromX: centres[$0].0, y: centres[$0].1) }
        for case let leader? in leaders {
            writer.element(
                "line",
                AxisDrawing.line(
                    leader.x1, leader.y1, leader.x2, leader.y2, color: Palette.leader, width: 0.75,
                    className: "leader"))
        }
        for (index, marker) in drawnMarkers.enumerated() {
            let (px, py) = centres[index]
            let attributes = MarkerGlyph.attributes(marker.shape, x: px, y: py, color: colors[index])
            writer.element(MarkerGlyph.name(marker.shape), attributes)
        }
        for (index, marker) in drawnMarkers.enumerated() {
            let place = placements[index]
            let fill: SVGWriter.Attributes = leaders[index] == nil ? [] : [("fill", Palette.readable(colors[index]))]
            writer.text(marker.label, x: place.x, y: place.y, anchor: place.anchor, extra: fill + TextSize.halo)
        }
    }

    private func drawDirectLabels(
        _ writer: inout SVGWriter, indices: [Int], names: [String], y: (Double) -> Double, plot: PlotArea
    ) {
        let ends = indices.compactMap { index -> Double? in
            guard let last = seriesRuns[index].last?.last else { return nil }
            return y(chart.series[index].ys[last])
        }
        guard ends.count == indices.count, !ends.isEmpty else { return }
        let placed = LabelSpacing.spread(ends, gap: 13, top: plot.top + 4, bottom: plot.bottom)
        writer.open("g", [("class", "direct-labels")])
        for (rank, index) in indices.enumerated() {
            let (color, dash) = color(ofSeries: index)
            var stub = AxisDrawing.line(
                plot.right + 2, placed[rank], plot.right + 10, placed[rank], color: color, width: 2)
            if dash != nil { stub.append(("stroke-dasharray", "3 2")) }
            writer.element("line", stub)
            writer.text(names[rank], x: plot.right + 13, y: placed[rank] + 4)
        }
        writer.close("g")
    }
}

/// The SVG element of a point marker of each shape, outlined in white to stand out on lines.
enum MarkerGlyph {
    static func name(_ shape: MarkerShape) -> String {
        switch shape {
        case .circle: "circle"
        case .square: "rect"
        case .diamond, .triangle: "path"
        }
    }

    static func attributes(_ shape: MarkerShape, x: Double, y: Double, color: String) -> SVGWriter.Attributes {
        let n = SVGWriter.number
        let common: SVGWriter.Attributes = [("fill", color), ("stroke", "#fff"), ("stroke-width", "1")]
        switch shape {
        case .circle:
            return [("class", "mark marker"), ("cx", n(x)), ("cy", n(y)), ("r", "4.5")] + common
        case .square:
            return [("class", "mark marker"), ("x", n(x - 4)), ("y", n(y - 4)), ("width", "8"), ("height", "8")]
                + common
        case .diamond:
            return [
                ("class", "mark marker"),
                ("d", "M\(n(x)) \(n(y - 5.5))L\(n(x + 5.5)) \(n(y))L\(n(x)) \(n(y + 5.5))L\(n(x - 5.5)) \(n(y))Z"),
            ]
                + common
        case .triangle:
            return [
                ("class", "mark marker"),
                ("d", "M\(n(x)) \(n(y - 5.5))L\(n(x + 5)) \(n(y + 4))L\(n(x - 5)) \(n(y + 4))Z"),
            ]
                + common
        }
    }
}
