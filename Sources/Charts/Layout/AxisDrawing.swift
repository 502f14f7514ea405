/// Axes, gridlines and axis titles. None of it has class `mark`: it frames the data.
enum AxisDrawing {
    typealias Map = (Double) -> Double

    /// Horizontal gridlines at the y ticks, their labels left of the plot, the y title turned.
    static func left(_ writer: inout SVGWriter, axis: ValueAxis, map: Map, plot: PlotArea, title: String) {
        writer.open("g", [("class", "axis y-axis")])
        for (tick, label) in zip(axis.ticks, axis.labels) {
            let y = map(tick)
            writer.element("line", line(plot.left, y, plot.right, y, color: Palette.grid))
            writer.text(label, x: plot.left - 6, y: y + 4, anchor: "end")
        }
        yTitle(&writer, title, plot: plot)
        writer.close("g")
    }

    /// The x axis line, tick marks and labels below the plot, and the x title; with `grid`,
    /// vertical gridlines too.
    static func bottom(
        _ writer: inout SVGWriter, axis: ValueAxis, map: Map, plot: PlotArea, title: String, grid: Bool = false
    ) {
        writer.open("g", [("class", "axis x-axis")])
        writer.element("line", line(plot.left, plot.bottom, plot.right, plot.bottom, color: Palette.axis))
        for (tick, label) in zip(axis.ticks, axis.labels) {
            let x = map(tick)
            if grid { writer.element("line", line(x, plot.top, x, plot.bottom, color: Palette.grid)) }
            writer.element("line", line(x, plot.bottom, x, plot.bottom + 4, color: Palette.axis))
            writer.text(label, x: x, y: plot.bottom + 16, anchor: "middle")
        }
        xTitle(&writer, title, plot: plot, below: TextSize.tick + 6)
        writer.close("g")
    }

    /// Whether category labels must be turned to fit bands `bandwidth` wide.
    static func turnsLabels(_ labels: [String], bandwidth: Double) -> Bool {
        TextSize.widest(labels.map { TextSize.truncated($0, to: 24) }) > bandwidth
    }

    /// The height category labels take below the plot.
    static func categoryLabelHeight(_ labels: [String], bandwidth: Double) -> Double {
        let shown = labels.map { TextSize.truncated($0, to: 24) }
        return turnsLabels(labels, bandwidth: bandwidth) ? TextSize.widest(shown) * 0.5 + 14 : TextSize.tick + 6
    }

    /// Category labels centred under their bands, turned 30 degrees when they do not fit.
    static func categories(
        _ writer: inout SVGWriter, labels: [String], centers: [Double], bandwidth: Double, plot: PlotArea,
        title: String
    ) {
        writer.open("g", [("class", "axis x-axis")])
        let turned = turnsLabels(labels, bandwidth: bandwidth)
        for (label, x) in zip(labels, centers) {
            let text = TextSize.truncated(label, to: 24)
            if turned {
                let y = plot.bottom + 14
                writer.text(
                    text, x: x, y: y, anchor: "end",
                    extra: [("transform", "rotate(-30 \(SVGWriter.number(x)) \(SVGWriter.number(y)))")])
            } else {
                writer.text(text, x: x, y: plot.bottom + 16, anchor: "middle")
            }
        }
        xTitle(&writer, title, plot: plot, below: categoryLabelHeight(labels, bandwidth: bandwidth))
        writer.close("g")
    }

    static func yTitle(_ writer: inout SVGWriter, _ title: String, plot: PlotArea) {
        guard !title.isEmpty else { return }
        let x = 10 + TextSize.axisTitle
        let y = plot.top + plot.height / 2
        writer.text(
            title, x: x, y: y, size: TextSize.axisTitle, anchor: "middle",
            extra: [("transform", "rotate(-90 \(SVGWriter.number(x)) \(SVGWriter.number(y)))")])
    }

    static func xTitle(_ writer: inout SVGWriter, _ title: String, plot: PlotArea, below labels: Double) {
        guard !title.isEmpty else { return }
        writer.text(
            title, x: plot.left + plot.width / 2, y: plot.bottom + labels + 6 + TextSize.axisTitle,
            size: TextSize.axisTitle, anchor: "middle")
    }

    /// A line's attributes, its class first when it has one.
    static func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String, width: Double = 1,
        className: String? = nil
    ) -> SVGWriter.Attributes {
        (className.map { [("class", $0)] } ?? []) + [
            ("x1", SVGWriter.number(x1)), ("y1", SVGWriter.number(y1)), ("x2", SVGWriter.number(x2)),
            ("y2", SVGWriter.number(y2)), ("stroke", color), ("stroke-width", SVGWriter.number(width)),
        ]
    }
}
