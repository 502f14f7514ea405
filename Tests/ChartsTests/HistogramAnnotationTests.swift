import Testing

@testable import Charts

/// What a histogram draws over its bars stays readable: headroom above the bars, the interval as
/// a bracket above them, marker lines with halos, and marker labels that keep apart.
struct HistogramAnnotationTests {
    /// The plot's top and bottom: the highest and lowest horizontal gridline (the y axis is nice,
    /// so its ends are ticks).
    func plotSpan(_ inspection: SVGInspection) throws -> (top: Double, bottom: Double) {
        let grid = inspection.elements.filter { $0.name == "line" && $0.attributes["stroke"] == Palette.grid }
        let ys = grid.compactMap { $0.number("y1") }
        return (try #require(ys.min()), try #require(ys.max()))
    }

    func box(_ inspection: SVGInspection, _ text: String) throws -> (
        left: Double, top: Double, right: Double, bottom: Double
    ) {
        try #require(inspection.label(text)?.textBox(text))
    }

    func overlaps(
        _ a: (left: Double, top: Double, right: Double, bottom: Double),
        _ b: (left: Double, top: Double, right: Double, bottom: Double)
    ) -> Bool {
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
    }

    @Test func noBarTouchesTheTop() throws {
        for chart in [ChartSamples.histogram(), ChartSamples.overlaidHistogram()] {
            let inspection = try #require(checkContract(chart.svg(id: "c")))
            let (top, bottom) = try plotSpan(inspection)
            let tallest = try #require(
                (inspection.marks("bar").compactMap { $0.number("y") }
                    + inspection.marks("step").flatMap { $0.pathPoints.map(\.y) }).min())
            #expect(tallest - top >= HistogramChart.headroom * (bottom - top) - 0.01)
        }
    }

    @Test func theIntervalIsABracketOverTheBars() throws {
        let inspection = try #require(checkContract(ChartSamples.histogram().svg(id: "c")))
        let intervals = inspection.marks("interval")
        #expect(intervals.count == 1)
        let interval = try #require(intervals.first)
        #expect(interval.name == "path" && interval.attributes["stroke"] == Palette.text)
        let numbers = interval.pathNumbers
        try #require(numbers.count == 9)
        // Drawn after every bar, and above the tallest one.
        let position = try #require(inspection.index { $0.classes.contains("interval") })
        let lastBar = try #require(inspection.elements.lastIndex { $0.classes.contains("bar") })
        #expect(position > lastBar)
        let tallest = try #require(inspection.marks("bar").compactMap { $0.number("y") }.min())
        // d is "M from y H to M from y1 V y2 M to y1 V y2".
        let ys = [1, 4, 5, 7, 8].map { numbers[$0] }
        #expect(ys.allSatisfy { $0 < tallest })
        #expect(inspection.texts.contains("95% CI of the mean"))
        #expect(inspection.texts.contains { $0.contains("; a bracket at the top spans 95% CI of the mean, ") })
    }

    @Test func aNarrowIntervalIsStillThreeUnitsWide() throws {
        var chart = ChartSamples.histogram()
        chart.interval = .init(from: 0.001, to: 0.001, label: "CI")
        let interval = try #require(checkContract(chart.svg(id: "c"))?.marks("interval").first)
        let numbers = interval.pathNumbers
        #expect(abs(numbers[2] - numbers[0] - HistogramChart.minimumIntervalWidth) < 0.02)
    }

    @Test func anIntervalWithoutFiniteEndsIsLeftOut() throws {
        var chart = ChartSamples.histogram()
        chart.interval = .init(from: .nan, to: 0.001, label: "CI")
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks("interval").isEmpty && !inspection.texts.contains("CI"))
    }

    @Test func markerLinesHaveWhiteHalosUnderThem() throws {
        let inspection = try #require(checkContract(ChartSamples.histogram().svg(id: "c")))
        let halos = inspection.elements.enumerated().filter {
            $0.element.name == "line" && $0.element.attributes["stroke"] == "#fff"
        }
        #expect(halos.count == 2 && halos.allSatisfy { $0.element.classes.isEmpty })
        let firstMarker = try #require(inspection.index { $0.classes.contains("marker") })
        #expect(halos.allSatisfy { $0.offset < firstMarker })
    }

    @Test func closeMarkersLabelAwayFromEachOtherWithoutOverlap() throws {
        let inspection = try #require(checkContract(ChartSamples.histogram().svg(id: "c")))
        // "zero" is the left marker: its label goes left; "mean" goes right.
        #expect(inspection.label("zero")?.attributes["text-anchor"] == "end")
        #expect(inspection.label("mean")?.attributes["text-anchor"] == nil)
        let boxes = try ["zero", "mean", "95% CI of the mean"].map { try box(inspection, $0) }
        #expect(!overlaps(boxes[0], boxes[1]) && !overlaps(boxes[0], boxes[2]) && !overlaps(boxes[1], boxes[2]))
        for text in ["zero", "mean", "95% CI of the mean"] {
            #expect(inspection.label(text)?.attributes["paint-order"] == "stroke")
        }
    }

    @Test func distantMarkersShareTheFirstRow() throws {
        var chart = ChartSamples.histogram()
        chart.interval = nil
        chart.markers = [.init(x: -0.02, label: "low"), .init(x: 0.02, label: "high")]
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        let low = try #require(inspection.label("low"))
        let high = try #require(inspection.label("high"))
        #expect(low.attributes["y"] == high.attributes["y"])
        #expect(low.attributes["text-anchor"] == "end" && high.attributes["text-anchor"] == nil)
    }

    @Test func markersAtTheEdgeKeepInsideAndStackInRows() throws {
        var chart = ChartSamples.histogram()
        chart.markers = [
            .init(x: -0.03, label: "worst case at the edge"), .init(x: -0.03, label: "also at the edge"),
        ]
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        let first = try box(inspection, "worst case at the edge")
        let second = try box(inspection, "also at the edge")
        #expect(!overlaps(first, second))
        // No room on the left of the plot: both labels are on the right.
        #expect(inspection.label("worst case at the edge")?.attributes["text-anchor"] == nil)
        #expect(inspection.label("also at the edge")?.attributes["text-anchor"] == nil)
        expectTextInside(inspection, width: chart.frame.width)
    }
}
