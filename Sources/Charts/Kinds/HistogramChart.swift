/// Distributions on shared bins, y the share of values (of paths) in each bin: filled bars for
/// one sample, outlined steps with a light fill for several. Vertical markers (zero, the mean)
/// and one shaded interval (the mean's 95% confidence interval) may be added.
public struct HistogramChart: Sendable {
    public typealias Sample = NamedValues

    public struct Marker: Sendable {
        public var x: Double
        public var label: String
        public var style: LineStyle

        public init(x: Double, label: String, style: LineStyle = .solid) {
            self.x = x
            self.label = label
            self.style = style
        }
    }

    public struct Interval: Sendable {
        public var from: Double
        public var to: Double
        public var label: String

        public init(from: Double, to: Double, label: String) {
            self.from = from
            self.to = to
            self.label = label
        }
    }

    public var frame: ChartFrame
    public var samples: [Sample]
    /// Bins wanted; nil for the Freedman-Diaconis choice.
    public var binCount: Int?
    /// Values outside it are counted in the edge bins, so a few extremes do not squeeze the rest.
    public var clip: ClosedRange<Double>?
    public var markers: [Marker]
    public var interval: Interval?
    public var xFormat: TickFormat

    public init(
        frame: ChartFrame, samples: [Sample], binCount: Int? = nil, clip: ClosedRange<Double>? = nil,
        markers: [Marker] = [], interval: Interval? = nil, xFormat: TickFormat = .number
    ) {
        self.frame = frame
        self.samples = samples
        self.binCount = binCount
        self.clip = clip
        self.markers = markers
        self.interval = interval
        self.xFormat = xFormat
    }

    public func svg(id: String) -> String {
        let finite = samples.map { $0.values.filter(\.isFinite) }
        let clamp = { (value: Double) -> Double in
            guard let clip else { return value }
            return min(max(value, clip.lowerBound), clip.upperBound)
        }
        let clipped = finite.map { $0.map(clamp) }
        let outside = finite.joined().filter { clamp($0) != $0 }.count
        guard let bins = HistogramBins(values: clipped.flatMap { $0 }, requestedCount: binCount) else {
            return ChartDocument.noData(id: id, frame: frame, what: "Histogram")
        }
        let shares = clipped.map(bins.shares)
        var xExtent = Extent([bins.lower, bins.upper])
        for marker in markers { xExtent.include(marker.x) }
        if let interval {
            xExtent.include(interval.from)
            xExtent.include(interval.to)
        }
        let yExtent = Extent(shares.joined())
        let color = { (index: Int) in Palette.color(at: samples[index].colorIndex ?? index) }
        var entries =
            samples.count < 2
            ? []
            : samples.indices.map { index in
                LegendEntry(
                    label: finite[index].isEmpty ? samples[index].name + " (no data)" : samples[index].name,
                    swatch: .line(color: color(index), dash: Palette.cycleDashes[index % Palette.cycleDashes.count]))
            }
        if let interval {
            entries.append(LegendEntry(label: interval.label, swatch: .box(color: Self.intervalFill, opacity: 1)))
        }
        let legend = Legend(entries: entries)
        let yAxis = ValueAxis(
            extent: yExtent, format: .percent(), count: max(3, Int(frame.height / 60)), includeZero: true)
        let xAxis = ValueAxis(extent: xExtent, format: xFormat, count: max(2, Int(frame.width / 110)), nice: false)
        let plot = PlotArea.inside(
            frame, headerBottom: ChartDocument.contentTop(frame, legend: legend), leftLabels: yAxis.labelWidth)
        let x = xAxis.map(from: plot.left, to: plot.right)
        let y = yAxis.map(from: plot.bottom, to: plot.top)

        var description =
            "Histogram of \(frame.xTitle.isEmpty ? "values" : frame.xTitle): the share of values in each "
            + "of \(bins.count) bins for " + ChartDocument.list(samples.map(\.name))
        if let clip, outside > 0 {
            description +=
                "; \(outside) values below \(xFormat.label(clip.lowerBound)) or above "
                + "\(xFormat.label(clip.upperBound)) are counted in the edge bins"
        }
        return ChartDocument.render(id: id, frame: frame, description: description + ".", legend: legend) { writer in
            if let interval, interval.from.isFinite, interval.to.isFinite {
                let (from, to) = (x(min(interval.from, interval.to)), x(max(interval.from, interval.to)))
                writer.rect(
                    "mark interval", x: from, y: plot.top, width: max(1, to - from), height: plot.height,
                    [("fill", Self.intervalFill)])
            }
            AxisDrawing.left(&writer, axis: yAxis, map: y, plot: plot, title: frame.yTitle)
            for (index, sampleShares) in shares.enumerated() where !finite[index].isEmpty {
                if samples.count == 1 {
                    drawBars(&writer, shares: sampleShares, bins: bins, color: color(index), x: x, y: y)
                } else {
                    drawSteps(&writer, shares: sampleShares, bins: bins, index: index, color: color(index), x: x, y: y)
                }
            }
            drawMarkers(&writer, x: x, plot: plot)
            AxisDrawing.bottom(&writer, axis: xAxis, map: x, plot: plot, title: frame.xTitle)
        }
    }

    static let intervalFill = Palette.tint(Palette.color(at: 4), strength: 0.3)

    private func drawBars(
        _ writer: inout SVGWriter, shares: [Double], bins: HistogramBins, color: String, x: (Double) -> Double,
        y: (Double) -> Double
    ) {
        for (bin, share) in shares.enumerated() where share > 0 {
            let (left, right) = (x(bins.start(bin)), x(bins.start(bin + 1)))
            writer.rect(
                "mark bar", x: left, y: y(share), width: right - left, height: y(0) - y(share),
                [("fill", color), ("stroke", "#fff"), ("stroke-width", "0.5")])
        }
    }

    private func drawSteps(
        _ writer: inout SVGWriter, shares: [Double], bins: HistogramBins, index: Int, color: String,
        x: (Double) -> Double, y: (Double) -> Double
    ) {
        var path = PathData()
        path.move(x(bins.lower), y(0))
        for (bin, share) in shares.enumerated() {
            path.line(x(bins.start(bin)), y(share))
            path.line(x(bins.start(bin + 1)), y(share))
        }
        path.line(x(bins.upper), y(0))
        path.closePath()
        var attributes: SVGWriter.Attributes = [
            ("class", "mark step"), ("d", path.text), ("fill", color), ("fill-opacity", "0.12"), ("stroke", color),
            ("stroke-width", "1.75"), ("stroke-linejoin", "round"),
        ]
        if let dash = Palette.cycleDashes[index % Palette.cycleDashes.count] {
            attributes.append(("stroke-dasharray", dash))
        }
        writer.element("path", attributes)
    }

    /// Marker lines across the plot, their labels staggered down from the top so they do not
    /// overlap when markers are close.
    private func drawMarkers(_ writer: inout SVGWriter, x: (Double) -> Double, plot: PlotArea) {
        for (rank, marker) in markers.filter(\.x.isFinite).enumerated() {
            let position = x(marker.x)
            var attributes = AxisDrawing.line(
                position, plot.top, position, plot.bottom, color: Palette.text, width: 1.5, className: "mark marker")
            if marker.style == .dashed { attributes.append(("stroke-dasharray", Palette.dashed)) }
            writer.element("line", attributes)
            let onLeft = position + 4 + TextSize.width(marker.label) > plot.right
            writer.text(
                marker.label, x: onLeft ? position - 4 : position + 4, y: plot.top + 12 + 13 * Double(rank % 4),
                anchor: onLeft ? "end" : "start", extra: TextSize.halo)
        }
    }
}
