import Foundation
import Testing

@testable import Charts

struct StackedAreaChartTests {
    @Test func oneAreaPerLayer() throws {
        let inspection = try #require(checkContract(ChartSamples.weights().svg(id: "c")))
        #expect(inspection.marks("area").count == 3)
        #expect(inspection.texts.contains("100%") && inspection.texts.contains("2016"))
    }

    @Test func aLayerWithoutDataIsLeftOutAndSaysSo() throws {
        var chart = ChartSamples.weights()
        chart.layers.append(.init(name: "Bonds", values: chart.xs.map { _ in .nan }))
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.count == 3)
        #expect(inspection.texts.contains("Bonds (no data)"))
    }

    @Test func stepsHoldEachValueUntilTheNextX() throws {
        let make = { (steps: Bool) in
            StackedAreaChart(
                frame: ChartFrame(title: "W", xTitle: "Month"), xs: [0, 1, 2],
                layers: [.init(name: "A", values: [1, 3, 1]), .init(name: "B", values: [1, 1, 3])], xFormat: .integer,
                steps: steps)
        }
        let stepped = try #require(checkContract(make(true).svg(id: "c")))
        #expect(stepped.marks("area").count == 2)
        // The top of the first layer: two corners a column, level between them, vertical at each x.
        let top = Array(try #require(stepped.marks("area").first).pathPoints.prefix(6))
        try #require(top.count == 6)
        for pair in stride(from: 0, to: 6, by: 2) { #expect(top[pair].y == top[pair + 1].y) }
        #expect(top[1].x == top[2].x && top[3].x == top[4].x)
        #expect(top[0].y != top[2].y && top[2].y != top[4].y)
        // The last value holds for one step more, up to x = 3.
        let three = try #require(stepped.label("3")?.number("x"))
        #expect(abs(top[5].x - three) < 0.01)
        #expect(stepped.texts.contains { $0.hasPrefix("Stacked steps of") })
        // Without steps the points are the columns themselves.
        let sloped = try #require(checkContract(make(false).svg(id: "c")))
        let line = sloped.marks("area").first?.pathPoints.prefix(3).map(\.x) ?? []
        #expect(Set(line).count == 3 && sloped.label("3") == nil)
    }

    @Test func aStepBeforeAMissingColumnEndsAtItsX() throws {
        let chart = StackedAreaChart(
            frame: ChartFrame(title: "W"), xs: [0, 1, 2, 3], layers: [.init(name: "A", values: [1, 1, .nan, 1])],
            asShare: false, xFormat: .integer, steps: true)
        let area = try #require(checkContract(chart.svg(id: "c"))?.marks("area").first)
        // Two runs: 0...1 holds to x = 2, and 3 holds one step more, to x = 4.
        #expect(area.attributes["d"]?.filter { $0 == "M" }.count == 2)
        let xs = area.pathPoints.map(\.x)
        #expect(Set(xs.map { ($0 * 100).rounded() }).count == 5)
    }

    @Test func allMissingGivesNoData() throws {
        let chart = StackedAreaChart(
            frame: ChartFrame(title: "W"), xs: [0, 1], layers: [.init(name: "A", values: [.nan, .nan])])
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.isEmpty && inspection.texts.contains("no data"))
    }
}

struct HistogramTests {
    @Test func freedmanDiaconisGivesTenToSixtyBins() throws {
        let spread = (0..<1000).map { sin(Double($0)) }
        let bins = try #require(HistogramBins(values: spread, requestedCount: nil))
        #expect((10...60).contains(bins.count))
        #expect(bins.lower == spread.min())
        let few = try #require(HistogramBins(values: [1, 2, 3], requestedCount: nil))
        #expect(few.count == 10)
        #expect(try #require(HistogramBins(values: spread, requestedCount: 7)).count == 7)
    }

    @Test func edgesAndConstantSamples() throws {
        let bins = try #require(HistogramBins(values: [0, 10], requestedCount: 10))
        #expect(bins.index(10) == 9 && bins.index(0) == 0 && bins.index(-5) == 0)
        #expect(bins.shares([0, 10, 10, 5]) == [0.25, 0, 0, 0, 0, 0.25, 0, 0, 0, 0.5])
        let constant = try #require(HistogramBins(values: [2, 2, 2], requestedCount: nil))
        #expect(constant.lower < 2 && constant.upper > 2 && constant.width > 0)
        #expect(HistogramBins(values: [.nan], requestedCount: nil) == nil)
    }

    @Test func oneSampleIsFilledBarsWithMarkersAndAnInterval() throws {
        let chart = ChartSamples.histogram()
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        let values = (ChartSamples.cagrDifferences + [0.5, -0.4]).map { min(max($0, -0.03), 0.03) }
        let bins = try #require(HistogramBins(values: values, requestedCount: nil))
        #expect(inspection.marks("bar").count == bins.shares(values).filter { $0 > 0 }.count)
        #expect(inspection.marks("marker").count == 2)
        #expect(inspection.marks("interval").count == 1)
        #expect(
            inspection.texts.contains { $0.contains("2 values below -3.0% or above 3.0% are counted in the edge bins") }
        )
        #expect(inspection.texts.contains("95% CI of the mean"))
    }

    @Test func severalSamplesAreOutlinedSteps() throws {
        var chart = ChartSamples.overlaidHistogram()
        chart.samples.append(.init(name: "Missing", values: [.nan]))
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks("step").count == 2 && inspection.marks.count == 2)
        #expect(inspection.texts.contains("Missing (no data)"))
    }

    @Test func allMissingGivesNoData() throws {
        let chart = HistogramChart(
            frame: ChartFrame(title: "H"), samples: [.init(name: "A", values: [.nan, .infinity])])
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.isEmpty && inspection.texts.contains("no data"))
    }
}

struct BoxPlotChartTests {
    @Test func whiskerBoxMedianAndMeanPerRow() throws {
        let inspection = try #require(checkContract(ChartSamples.boxPlot().svg(id: "c")))
        #expect(inspection.marks("box").count == 3 && inspection.marks("whisker").count == 3)
        #expect(inspection.marks("median").count == 3 && inspection.marks("mean").count == 2)
        #expect(inspection.marks.count == 11)
        #expect(inspection.texts.contains("n/a"))
    }

    @Test func heightFollowsTheRows() throws {
        var chart = ChartSamples.boxPlot()
        let four = try #require(checkContract(chart.svg(id: "c"))?.elements.first?.attributes["viewBox"])
        chart.rows += chart.rows
        let eight = try #require(checkContract(chart.svg(id: "c"))?.elements.first?.attributes["viewBox"])
        let height = { (box: String) in Double(box.split(separator: " ").last ?? "") ?? 0 }
        #expect(abs(height(eight) - height(four) - 4 * BoxPlotChart.rowHeight) < 0.01)
    }

    @Test func allMissingGivesNoData() throws {
        let chart = BoxPlotChart(
            frame: ChartFrame(title: "B"), rows: [.init(name: "A", p05: .nan, p25: 0, p50: 0, p75: 0, p95: 0)])
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.isEmpty && inspection.texts.contains("no data"))
    }
}

struct GroupedBarChartTests {
    @Test func barsHangFromTheZeroLineAndMissingValuesSayNotAvailable() throws {
        let inspection = try #require(checkContract(ChartSamples.groupedBars().svg(id: "c")))
        let bars = inspection.marks("bar")
        #expect(bars.count == 5)
        #expect(inspection.texts.filter { $0 == "n/a" }.count == 1)
        let zero = try #require(inspection.elements.first { $0.classes == ["zero"] }?.attributes["y1"])
        // The bear-market momentum bar is negative: it starts at the zero line and goes down.
        #expect(bars[2].attributes["y"] == zero)
        #expect(inspection.texts.contains("-3.0%") && inspection.texts.contains("+2.0%"))
    }

    @Test func aReferenceValueIsADashedLineOverTheBars() throws {
        let chart = GroupedBarChart(
            frame: ChartFrame(title: "Win rate", yTitle: "Share of paths (%)"), categories: ["Bull", "Bear"],
            series: [.init(name: "A", values: [0.3, 0.2]), .init(name: "B", values: [0.25, 0.1])],
            valueFormat: .percent(), referenceValue: 0.5)
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.count == 4)
        let reference = try #require(inspection.elements.first { $0.classes == ["reference"] })
        #expect(reference.attributes["stroke-dasharray"] != nil)
        #expect(reference.attributes["y1"] == reference.attributes["y2"])
        let position = try #require(inspection.index { $0.classes == ["reference"] })
        let lastBar = try #require(inspection.elements.lastIndex { $0.classes.contains("bar") })
        #expect(position > lastBar)
        // The axis reaches the reference though every bar is below it.
        let y = try #require(reference.number("y1"))
        let bars = inspection.marks("bar").compactMap { $0.number("y") }
        #expect(bars.allSatisfy { $0 > y })
        #expect(inspection.texts.contains("50.0%"))
        var none = chart
        none.referenceValue = .nan
        #expect(try #require(checkContract(none.svg(id: "c"))).elements.allSatisfy { $0.classes != ["reference"] })
    }

    @Test func longCategoryNamesAreTurned() throws {
        let chart = GroupedBarChart(
            frame: ChartFrame(title: "Long"), categories: (0..<12).map { "A rather long regime name \($0)" },
            series: [.init(name: "S", values: (0..<12).map(Double.init))])
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.elements.contains { $0.attributes["transform"]?.hasPrefix("rotate(-30") == true })
        // A zero is a value: its bar has no height but is drawn.
        #expect(inspection.marks.count == 12)
    }

    @Test func allMissingGivesNoData() throws {
        let chart = GroupedBarChart(
            frame: ChartFrame(title: "G"), categories: ["a"], series: [.init(name: "S", values: [])])
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.isEmpty && inspection.texts.contains("no data"))
    }
}

struct HeatmapChartTests {
    @Test func cellsMissingCellsHighlightAndLegend() throws {
        let inspection = try #require(checkContract(ChartSamples.heatmap().svg(id: "c")))
        #expect(inspection.marks("cell").count == 11)
        #expect(inspection.elements.filter { $0.classes == ["missing"] }.count == 1)
        #expect(inspection.elements.filter { $0.classes == ["highlight"] }.count == 1)
        #expect(inspection.elements.filter { $0.name == "stop" }.count == 3)
        #expect(inspection.texts.contains("n/a") && inspection.texts.contains("+3.0%"))
    }

    @Test func divergingColoursAreBlueBelowAndOrangeAbove() {
        let ramp = ColorRamp(.diverging(center: 0), extent: Extent([-1, 0.5]))
        #expect(ramp.lower == -1 && ramp.upper == 1)
        #expect(ramp.color(-1) == "#0072b2" && ramp.color(1) == "#e69f00" && ramp.color(0) == "#f7f7f7")
        let sequential = ColorRamp(.sequential, extent: Extent([3, 3]))
        #expect(sequential.lower < 3 && sequential.upper > 3)
    }

    @Test func oneRowSweep() throws {
        let chart = HeatmapChart(
            frame: ChartFrame(title: "One parameter", xTitle: "Lookback"), rowLabels: ["CAGR"],
            columnLabels: ["3", "6"], values: [[0.05, 0.06]], valueFormat: .percent())
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.count == 2)
    }

    @Test func allMissingGivesNoData() throws {
        let chart = HeatmapChart(
            frame: ChartFrame(title: "H"), rowLabels: ["a"], columnLabels: ["b", "c"], values: [[.nan]])
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.isEmpty && inspection.texts.contains("no data"))
    }
}

/// Tick labels centred on the ends of an x value axis fit inside the chart in every kind.
struct EdgeLabelTests {
    @Test func xTickLabelsAtTheEndsStayInsideTheChart() throws {
        let frame = ChartFrame(title: "Edge", xTitle: "Volatility (%/yr)")
        let wide = TickFormat.percent(decimals: 2)
        let svgs = [
            HistogramChart(
                frame: frame, samples: [.init(name: "A", values: (0...40).map { 0.1 + 0.0014 * Double($0) })],
                xFormat: wide
            ).svg(id: "c"),
            BoxPlotChart(
                frame: frame, rows: [.init(name: "A", p05: 0.1, p25: 0.12, p50: 0.13, p75: 0.14, p95: 0.155)],
                xFormat: wide
            ).svg(id: "c"),
            StackedAreaChart(
                frame: frame, xs: [0.1, 0.155], layers: [.init(name: "A", values: [1, 1])], xFormat: wide
            ).svg(id: "c"),
            StackedAreaChart(
                frame: frame, xs: (0..<30).map { Double(2020 * 12 + $0) },
                layers: [.init(name: "A", values: .init(repeating: 1, count: 30))], xFormat: .yearMonth
            ).svg(id: "c"),
        ]
        for svg in svgs {
            expectTextInside(try #require(checkContract(svg)), width: frame.width)
        }
    }
}

struct ExtremeValueTests {
    static let extremes: [Double] = [
        -.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0, .leastNonzeroMagnitude, -1e300,
    ]

    @Test func theWholeRangeOfDoublesStillGivesValidCharts() throws {
        let frame = ChartFrame(title: "Extremes", xTitle: "x", yTitle: "y")
        let xs = Self.extremes.indices.map(Double.init)
        let svgs = [
            LineChart(frame: frame, series: [.init(name: "A", xs: xs, ys: Self.extremes)]).svg(id: "c"),
            LineChart(frame: frame, series: [.init(name: "A", xs: Self.extremes, ys: xs)], yScale: .log).svg(id: "c"),
            HistogramChart(frame: frame, samples: [.init(name: "A", values: Self.extremes)]).svg(id: "c"),
            GroupedBarChart(
                frame: frame, categories: xs.map { "\($0)" }, series: [.init(name: "A", values: Self.extremes)]
            )
            .svg(id: "c"),
            HeatmapChart(frame: frame, rowLabels: ["r"], columnLabels: xs.map { "\($0)" }, values: [Self.extremes])
                .svg(id: "c"),
            StackedAreaChart(frame: frame, xs: xs, layers: [.init(name: "A", values: Self.extremes)]).svg(id: "c"),
        ]
        for svg in svgs { checkContract(svg) }
        let smallest = Double.leastNonzeroMagnitude
        let tiny = LineChart(frame: frame, series: [.init(name: "A", xs: [0, 1], ys: [smallest, 2 * smallest])])
        checkContract(tiny.svg(id: "c"))
    }
}
