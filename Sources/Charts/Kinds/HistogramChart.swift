/// Distributions on shared bins, y the share of values (of paths) in each bin: filled bars for
/// one sample, outlined steps with a light fill for several. Vertical markers (zero, the mean)
/// and one interval (the mean's 95% confidence interval, a bracket above the bars) may be added.
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

    /// The share of the y axis kept empty above the tallest bar, so no bar touches the top.
    static let headroom = 0.12
    /// The height the interval's bracket and label take at the top of the plot.
    static let intervalRow = 18.0

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
        let shownInterval = interval.flatMap { $0.from.isFinite && $0.to.isFinite ? $0 : nil }
        var xExtent = Extent([bins.lower, bins.upper])
        for marker in markers { xExtent.include(marker.x) }
        if let shownInterval {
            xExtent.include(shownInterval.from)
            xExtent.include(shownInterval.to)
        }
        let color = { (index: Int) in Palette.color(at: samples[index].colorIndex ?? index) }
        let legend = Legend(
            entries: samples.count < 2
                ? []
                : samples.indices.map { index in
                    LegendEntry(
                        label: finite[index].isEmpty ? samples[index].name + " (no data)" : samples[index].name,
                        swatch: .line(
                            color: color(index), dash: Palette.cycleDashes[index % Palette.cycleDashes.count]))
                })
        let headerBottom = ChartDocument.contentTop(frame, legend: legend)
        // The plot's height does not depend on the y labels' width, so the headroom can be set
        // in units: enough for the interval's bracket above the bars.
        let plotHeight = PlotArea.inside(frame, headerBottom: headerBottom, leftLabels: 0).height
        let headroom = min(0.5, max(Self.headroom, shownInterval == nil ? 0 : Self.intervalRow / plotHeight))
        var yExtent = Extent(shares.joined())
        if yExtent.upper > 0 { yExtent.include(yExtent.upper / (1 - headroom)) }
        let yAxis = ValueAxis(
            extent: yExtent, format: .percent(), count: max(3, Int(frame.height / 60)), includeZero: true)
        let xAxis = ValueAxis(extent: xExtent, format: xFormat, count: max(2, Int(frame.width / 110)), nice: false)
        let plot = PlotArea.inside(
            frame, headerBottom: headerBottom, leftLabels: yAxis.labelWidth, xLabels: xAxis.labelWidth)
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
        if let shownInterval {
            description +=
                "; a bracket at the top spans \(shownInterval.label), "
                + "\(xFormat.label(min(shownInterval.from, shownInterval.to))) to "
                + "\(xFormat.label(max(shownInterval.from, shownInterval.to)))"
        }
        return ChartDocument.render(id: id, frame: frame, description: description + ".", legend: legend) { writer in
            AxisDrawing.left(&writer, axis: yAxis, map: y, plot: plot, title: frame.yTitle)
            for (index, sampleShares) in shares.enumerated() where !finite[index].isEmpty {
                if samples.count == 1 {
                    drawBars(&writer, shares: sampleShares, bins: bins, color: color(index), x: x, y: y)
                } else {
                    drawSteps(&writer, shares: sampleShares, bins: bins, index: index, color: color(index), x: x, y: y)
                }
            }
            AxisDrawing.bottom(&writer, axis: xAxis, map: x, plot: plot, title: frame.xTitle)
            drawAnnotations(&writer, interval: shownInterval, x: x, plot: plot)
        }
    }

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
}
