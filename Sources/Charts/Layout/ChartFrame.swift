/// What every chart has around its data: a title (also the SVG's accessible name), an optional
/// subtitle, axis titles with units ("Wealth (money)", "Year"), and a size in viewBox units.
public struct ChartFrame: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var yTitle: String
    public var width: Double
    public var height: Double
    /// One plain sentence for `<desc>`; when nil the chart writes one from its data.
    public var description: String?

    public init(
        title: String, subtitle: String? = nil, xTitle: String = "", yTitle: String = "",
        width: Double = 720, height: Double = 360, description: String? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.width = width.isFinite ? min(max(width, 240), 4000) : 720
        self.height = height.isFinite ? min(max(height, 160), 4000) : 360
        self.description = description
    }
}

/// Line styles a caller can ask for.
public enum LineStyle: Sendable, Equatable {
    case solid
    case dashed
}

/// Shapes of point markers.
public enum MarkerShape: Sendable, Equatable, CaseIterable {
    case circle
    case square
    case diamond
    case triangle
}
