/// Lines over a continuous x axis, with optional bands (fan charts), shaded x intervals (regimes
/// behind the data), a horizontal reference line and labelled point markers (portfolios on a
/// frontier). The y axis may be logarithmic, for wealth over decades.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var xs: [Double]
        public var ys: [Double]
        public var style: LineStyle
        /// Palette position; nil takes the series' place among the non-benchmark series.
        public var colorIndex: Int?
        /// Drawn grey (#555) and dashed, whatever its style and colour.
        public var isBenchmark: Bool

        public init(
            name: String, xs: [Double], ys: [Double], style: LineStyle = .solid, colorIndex: Int? = nil,
            isBenchmark: Bool = false
        ) {
            self.name = name
            self.xs = xs
            self.ys = ys
            self.style = style
            self.colorIndex = colorIndex
            self.isBenchmark = isBenchmark
        }
    }

    /// A filled band between two curves: a fan chart's 5-95 (light) or 25-75 (darker) range.
    public struct Band: Sendable {
        public var name: String
        public var xs: [Double]
        public var lower: [Double]
        public var upper: [Double]
        public var colorIndex: Int
        public var opacity: Double

        public init(
            name: String, xs: [Double], lower: [Double], upper: [Double], colorIndex: Int = 0,
            opacity: Double = Palette.outerBandOpacity
        ) {
            self.name = name
            self.xs = xs
            self.lower = lower
            self.upper = upper
            self.colorIndex = colorIndex
            self.opacity = opacity
        }
    }

    /// An x interval shaded behind the data, such as a regime; equal labels share a legend entry.
    /// Shades are light grey tints of their palette colour (`Palette.shade(at:)`), so lines of
    /// any colour stay visible over them.
    public struct Shade: Sendable {
        public var from: Double
        public var to: Double
        public var label: String
        public var colorIndex: Int

        public init(from: Double, to: Double, label: String, colorIndex: Int) {
            self.from = from
            self.to = to
            self.label = label
            self.colorIndex = colorIndex
        }
    }

    /// A labelled point, its label placed next to it.
    public struct Marker: Sendable {
        public var x: Double
        public var y: Double
        public var label: String
        public var shape: MarkerShape
        public var colorIndex: Int?

        public init(x: Double, y: Double, label: String, shape: MarkerShape = .circle, colorIndex: Int? = nil) {
            self.x = x
            self.y = y
            self.label = label
            self.shape = shape
            self.colorIndex = colorIndex
        }
    }

    public enum YScale: Sendable {
        case linear
        case log
    }

    public var frame: ChartFrame
    public var series: [Series]
    public var bands: [Band]
    public var shades: [Shade]
    /// A horizontal line such as y = 0, drawn over the gridlines (not a mark).
    public var referenceY: Double?
    public var markers: [Marker]
    /// With `.log`, values that are not positive count as missing.
    public var yScale: YScale
    public var xFormat: TickFormat
    public var yFormat: TickFormat
    /// Names at the right ends of the lines (two to eight drawn series), besides the legend.
    public var directLabels: Bool
    /// A range the y axis covers at least (with the data), so small multiples, such as one fan
    /// chart per policy, share one scale. On a log axis only its positive bounds count.
    public var yDomain: ClosedRange<Double>?

    public init(
        frame: ChartFrame, series: [Series], bands: [Band] = [], shades: [Shade] = [], referenceY: Double? = nil,
        markers: [Marker] = [], yScale: YScale = .linear, xFormat: TickFormat = .number,
        yFormat: TickFormat = .number, directLabels: Bool = true, yDomain: ClosedRange<Double>? = nil
    ) {
        self.frame = frame
        self.series = series
        self.bands = bands
        self.shades = shades
        self.referenceY = referenceY
        self.markers = markers
        self.yScale = yScale
        self.xFormat = xFormat
        self.yFormat = yFormat
        self.directLabels = directLabels
        self.yDomain = yDomain
    }

    public func svg(id: String) -> String {
        LineChartDrawing(chart: self).svg(id: id)
    }
}
