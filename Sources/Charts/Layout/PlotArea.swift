/// The rectangle data is drawn in, in viewBox units.
struct PlotArea: Sendable {
    let left: Double
    let top: Double
    let width: Double
    let height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }

    /// The plot area left over by the header, the legend and the axes' labels, at least 40 wide
    /// and high whatever the labels take. `xLabels` is the widest label of an x value axis: the
    /// labels at the ends are centred on the plot's edges, so half of one must fit beside it.
    static func inside(
        _ frame: ChartFrame, height: Double? = nil, headerBottom: Double, leftLabels: Double,
        bottomLabels: Double = TextSize.tick + 6, rightExtra: Double = 0, xLabels: Double = 0
    ) -> PlotArea {
        let edgeLabel = xLabels / 2 + 4
        let left = max(10 + (frame.yTitle.isEmpty ? 0 : 20) + leftLabels + 8, edgeLabel)
        let bottom = bottomMargin(frame, bottomLabels: bottomLabels)
        let right = max(18 + rightExtra, edgeLabel)
        let total = height ?? frame.height
        return PlotArea(
            left: left, top: headerBottom + 8, width: max(40, frame.width - left - right),
            height: max(40, total - headerBottom - 8 - bottom))
    }

    /// Room below the plot for tick labels and the x title.
    static func bottomMargin(_ frame: ChartFrame, bottomLabels: Double = TextSize.tick + 6) -> Double {
        10 + bottomLabels + 6 + (frame.xTitle.isEmpty ? 0 : 18)
    }

    /// The total height that gives a plot `plotHeight` high: for charts whose height follows
    /// their rows.
    static func totalHeight(
        _ frame: ChartFrame, headerBottom: Double, plotHeight: Double, bottomLabels: Double = TextSize.tick + 6
    ) -> Double {
        headerBottom + 8 + plotHeight + bottomMargin(frame, bottomLabels: bottomLabels)
    }
}
