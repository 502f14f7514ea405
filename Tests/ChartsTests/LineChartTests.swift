import Testing

@testable import Charts

struct LineChartTests {
    @Test func fanChartDrawsBandsMedianAndADashedGreyBenchmark() throws {
        let inspection = try #require(checkContract(ChartSamples.fanChart().svg(id: "c")))
        #expect(inspection.marks.count == 4)
        #expect(inspection.marks("band").count == 2)
        let benchmark = try #require(inspection.marks("benchmark").first)
        #expect(benchmark.attributes["stroke"] == "#555555")
        #expect(benchmark.attributes["stroke-dasharray"] != nil)
        #expect(inspection.texts.contains("Benchmark median"))
        #expect(inspection.texts.contains("Wealth (money)") && inspection.texts.contains("Year"))
    }

    @Test func regimeShadingOnALogAxisOverMonths() throws {
        let inspection = try #require(checkContract(ChartSamples.regimeChart().svg(id: "c")))
        #expect(inspection.marks("line").count == 2)
        #expect(inspection.marks("shade").count == 2)
        // One legend entry for both bear markets, and Januaries of whole years on the x axis.
        #expect(inspection.texts.filter { $0 == "Bear" }.count == 1)
        #expect(inspection.texts.contains("1990") && inspection.texts.contains("2020"))
        #expect(inspection.texts.contains("10k"))
    }

    @Test func aMissingValueBreaksTheLine() throws {
        let inspection = try #require(checkContract(ChartSamples.rollingExcess().svg(id: "c")))
        let line = try #require(inspection.marks("line").first)
        #expect(line.attributes["d"]?.filter { $0 == "M" }.count == 2)
        #expect(inspection.elements.contains { $0.classes == ["reference"] })
        #expect(inspection.texts.contains("+1.0%") && inspection.texts.contains("-1.0%"))
    }

    @Test func markersAreLabelledAndNonFiniteOnesSkipped() throws {
        let inspection = try #require(checkContract(ChartSamples.frontier().svg(id: "c")))
        #expect(inspection.marks("marker").count == 2)
        #expect(inspection.marks.count == 3)
        #expect(inspection.texts.contains("Max Sharpe") && !inspection.texts.contains("Lost"))
    }

    @Test func namesAreEscaped() throws {
        let name = #"a<b & "c""#
        let chart = LineChart(
            frame: ChartFrame(title: name, xTitle: "x", yTitle: "y"),
            series: [.init(name: name, xs: [0, 1], ys: [1, 2]), .init(name: "d'e", xs: [0, 1], ys: [2, 1])])
        let svg = chart.svg(id: "c")
        #expect(svg.contains("a&lt;b &amp; &quot;c&quot;"))
        #expect(!svg.contains(name))
        let inspection = try #require(checkContract(svg))
        #expect(inspection.texts.contains(name) && inspection.texts.contains("d'e"))
    }

    @Test func emptyAndSinglePointSeries() throws {
        let chart = LineChart(
            frame: ChartFrame(title: "Sparse", xTitle: "x", yTitle: "y"),
            series: [.init(name: "Empty", xs: [], ys: []), .init(name: "Single", xs: [3], ys: [5])])
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.count == 1)
        #expect(inspection.texts.contains("Empty (no data)"))
        // A single point is a short level stroke with round caps: a dot with a size of its own.
        let line = try #require(inspection.marks.first)
        #expect(line.attributes["stroke-linecap"] == "round")
        let d = try #require(line.attributes["d"])
        let numbers = d.split(whereSeparator: { "ML ".contains($0) }).compactMap { Double($0) }
        #expect(numbers.count == 4 && numbers[0] < numbers[2] && numbers[1] == numbers[3])
    }

    @Test func allMissingGivesNoDataAndNoMarks() throws {
        let chart = LineChart(
            frame: ChartFrame(title: "Nothing", xTitle: "x", yTitle: "y"),
            series: [.init(name: "A", xs: [0, 1, .infinity], ys: [.nan, .nan, 1])],
            bands: [.init(name: "B", xs: [0, 1], lower: [.nan, 1], upper: [1, .nan])],
            markers: [.init(x: .nan, y: 1, label: "M")])
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.isEmpty)
        #expect(inspection.texts.contains("no data"))
    }

    @Test func aLogAxisSkipsValuesThatAreNotPositive() throws {
        let chart = LineChart(
            frame: ChartFrame(title: "Log", xTitle: "x", yTitle: "y"),
            series: [.init(name: "A", xs: [0, 1, 2, 3, 4], ys: [1, 0, 10, -5, 100])], yScale: .log)
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(inspection.marks.first?.attributes["d"]?.filter { $0 == "M" }.count == 3)
        #expect(inspection.texts.contains("10") && inspection.texts.contains("100"))
    }

    @Test func colorsCycleWithDashesBeyondTwelveSeries() throws {
        let series = (0..<14).map { LineChart.Series(name: "S\($0)", xs: [0, 1], ys: [Double($0), Double($0) + 1]) }
        let inspection = try #require(
            checkContract(LineChart(frame: ChartFrame(title: "Many"), series: series).svg(id: "c")))
        let lines = inspection.marks("line")
        #expect(lines.count == 14)
        #expect(lines[0].attributes["stroke"] == "#0072B2" && lines[0].attributes["stroke-dasharray"] == nil)
        #expect(lines[6].attributes["stroke"] == "#882255" && lines[11].attributes["stroke-dasharray"] == nil)
        #expect(lines[12].attributes["stroke"] == "#0072B2" && lines[12].attributes["stroke-dasharray"] != nil)
    }

    @Test func theBenchmarkColourIndexDrawsAnyLineGrey() throws {
        let chart = LineChart(
            frame: ChartFrame(title: "Grey"),
            series: [
                .init(name: "Policy", xs: [0, 1], ys: [1, 2]),
                .init(name: "Benchmark", xs: [0, 1], ys: [1, 1.5], colorIndex: Palette.benchmarkIndex),
            ])
        let lines = try #require(checkContract(chart.svg(id: "c"))).marks("line")
        #expect(lines[1].attributes["stroke"] == Palette.benchmark)
        #expect(lines[1].attributes["stroke-dasharray"] == nil)
    }

    /// The y tick labels of a chart, top to bottom: the texts right-aligned left of the plot.
    func yTickLabels(_ inspection: SVGInspection) -> [String] {
        inspection.labels.filter { $0.element.attributes["text-anchor"] == "end" && $0.element.number("x") ?? 99 < 80 }
            .map(\.text)
    }

    @Test func aSharedYDomainGivesSmallMultiplesOneScale() throws {
        let domain = 0.5...3.0
        let charts = [[1.0, 1.2, 1.1], [0.9, 2.6, 2.4]].map { ys in
            LineChart(
                frame: ChartFrame(title: "Fan", xTitle: "Year", yTitle: "Wealth"),
                series: [.init(name: "median", xs: [0, 1, 2], ys: ys)], yDomain: domain)
        }
        let scales = try charts.map { yTickLabels(try #require(checkContract($0.svg(id: "c")))) }
        #expect(scales[0] == scales[1])
        let values = scales[0].compactMap(Double.init)
        #expect(values.min() == 0.5 && values.max() == 3)
        // Data beyond the range widens the axis: the range is a minimum, not a clip.
        var wider = charts[0]
        wider.series[0].ys = [1, 4, 1]
        let widened = yTickLabels(try #require(checkContract(wider.svg(id: "c")))).compactMap(Double.init)
        #expect(widened.min() == 0.5 && widened.max() == 4)
        // Without the range the first chart keeps its own, narrower axis.
        var own = charts[0]
        own.yDomain = nil
        #expect(yTickLabels(try #require(checkContract(own.svg(id: "c")))) != scales[0])
    }

    @Test func aYDomainOnALogAxisCountsItsPositiveBounds() throws {
        let make = { (domain: ClosedRange<Double>?) in
            LineChart(
                frame: ChartFrame(title: "Log"), series: [.init(name: "A", xs: [0, 1], ys: [20, 40])],
                yScale: .log, yFormat: .money, yDomain: domain)
        }
        let wide = yTickLabels(try #require(checkContract(make(1...10_000).svg(id: "c"))))
        #expect(wide.contains("1") && wide.contains("10k"))
        // A bound that is not positive is left out on a log axis; the other still counts.
        let half = yTickLabels(try #require(checkContract(make(-5...10_000).svg(id: "c"))))
        #expect(half.contains("10k") && !half.contains("1"))
        // Infinite bounds count as nothing: the axis is the data's own.
        let infinite = yTickLabels(try #require(checkContract(make(-.infinity ... .infinity).svg(id: "c"))))
        #expect(infinite == yTickLabels(try #require(checkContract(make(nil).svg(id: "c")))))
    }

    @Test func regimeShadesAreLightTintsAndTheLegendMatchesThem() throws {
        let inspection = try #require(checkContract(ChartSamples.regimeChart().svg(id: "c")))
        let fill = Palette.shade(at: 5)
        for shade in inspection.marks("shade") { #expect(shade.attributes["fill"] == fill) }
        let swatch = inspection.elements.first { $0.name == "rect" && $0.classes.isEmpty }
        #expect(swatch?.attributes["fill"] == fill)
    }

    @Test func lastXTickLabelsStayInsideTheChart() throws {
        // "15.50%" centred on the plot's right edge used to lose its last character.
        let chart = LineChart(
            frame: ChartFrame(title: "Edge", xTitle: "Volatility", yTitle: "Return"),
            series: [.init(name: "A", xs: [0.1, 0.155], ys: [0.05, 0.08])], xFormat: .percent(decimals: 2))
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        expectTextInside(inspection, width: chart.frame.width)
    }

    @Test func theSameInputGivesTheSameBytes() {
        #expect(ChartSamples.fanChart().svg(id: "a") == ChartSamples.fanChart().svg(id: "a"))
        #expect(ChartSamples.regimeChart().svg(id: "a") == ChartSamples.regimeChart().svg(id: "a"))
    }

    @Test func coordinatesHaveAtMostTwoDecimals() throws {
        let inspection = try #require(checkContract(ChartSamples.fanChart().svg(id: "c")))
        for element in inspection.elements {
            for key in ["x", "y", "x1", "y1", "width", "height", "cx", "cy"] {
                guard let value = element.attributes[key] else { continue }
                #expect(Double(value) != nil)
                #expect((value.split(separator: ".").dropFirst().first?.count ?? 0) <= 2)
            }
        }
    }
}

/// Every text lies inside the chart's width, by the charts' own estimate of its size.
func expectTextInside(_ inspection: SVGInspection, width: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    for label in inspection.labels where label.element.attributes["transform"] == nil {
        guard let box = label.element.textBox(label.text) else { continue }
        #expect(box.left >= 0 && box.right <= width, "\(label.text) leaves the chart", sourceLocation: sourceLocation)
    }
}
