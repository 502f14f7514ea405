/// How a heatmap colours its values.
public enum HeatmapColors: Sendable, Equatable {
    /// Blue below the centre, orange above, light grey at it: a pair colour-blind readers tell
    /// apart. The domain is symmetric around the centre, so equal distances get equal colours.
    case diverging(center: Double)
    /// Light grey to blue from the smallest value to the largest.
    case sequential
}

/// Values to colours through colour stops, linearly in RGB; the same stops make the legend's
/// gradient, so the bar shows exactly the colours of the cells.
struct ColorRamp {
    let lower: Double
    let upper: Double
    let stops: [(offset: Double, color: String)]

    static let neutral = "#f7f7f7"

    /// `extent` must not be empty.
    init(_ kind: HeatmapColors, extent: Extent) {
        switch kind {
        case .diverging(let center):
            let middle = center.isFinite ? center : 0
            let reach = max(abs(extent.lower - middle), abs(extent.upper - middle))
            (lower, upper) = Extent.widened(middle - reach, middle + reach)
            stops = [(0, Palette.color(at: 0)), (0.5, Self.neutral), (1, Palette.color(at: 1))]
        case .sequential:
            (lower, upper) = Extent.widened(extent.lower, extent.upper)
            stops = [(0, Self.neutral), (1, Palette.color(at: 0))]
        }
    }

    func color(_ value: Double) -> String {
        let t = min(max((value - lower) / (upper - lower), 0), 1)
        for (from, to) in zip(stops, stops.dropFirst()) where t <= to.offset {
            return Palette.mix(from.color, to.color, (t - from.offset) / (to.offset - from.offset))
        }
        return stops.last?.color ?? Self.neutral
    }
}
