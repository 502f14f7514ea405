import Testing

@testable import Charts

/// Labels of point markers that lie close together, as two portfolios on a frontier often do.
struct MarkerLabelTests {
    /// The box a marker label takes: 0.6 em a character, 11 units high above its baseline.
    struct Box {
        var left, top, right, bottom: Double

        init(_ element: SVGInspection.Element, characters: Int) throws {
            let x = try #require(element.attributes["x"].flatMap(Double.init))
            let y = try #require(element.attributes["y"].flatMap(Double.init))
            let width = Double(characters) * 0.6 * 11
            left = element.attributes["text-anchor"] == "end" ? x - width : x
            right = left + width
            top = y - 11
            bottom = y + 3
        }

        func overlaps(_ o: Box) -> Bool { left < o.right && o.left < right && top < o.bottom && o.top < bottom }
    }

    /// Marker labels carry a white halo (`paint-order`); nothing else in these charts does.
    func labels(_ inspection: SVGInspection) -> [SVGInspection.Element] {
        inspection.elements.filter { $0.name == "text" && $0.attributes["paint-order"] != nil }
    }

    func chart(_ markers: [LineChart.Marker]) -> LineChart {
        LineChart(
            frame: ChartFrame(title: "Frontier", xTitle: "Volatility", yTitle: "Return"),
            series: [.init(name: "frontier", xs: [0.10, 0.15, 0.20], ys: [0.05, 0.08, 0.09])], markers: markers,
            xFormat: .percent(), yFormat: .percent())
    }

    @Test func closeMarkersGetLabelsThatDoNotOverlap() throws {
        let names = ["minimum variance", "maximum Sharpe", "target"]
        let chart = chart([
            .init(x: 0.150, y: 0.070, label: names[0], shape: .square),
            .init(x: 0.151, y: 0.071, label: names[1], shape: .diamond),
            .init(x: 0.152, y: 0.070, label: names[2], shape: .triangle),
        ])
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        let found = labels(inspection)
        #expect(found.count == 3)
        let boxes = try zip(found, names).map { try Box($0, characters: $1.count) }
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                #expect(!boxes[i].overlaps(boxes[j]), "labels \(names[i]) and \(names[j]) overlap")
            }
        }
    }

    /// A lone marker keeps the usual place: above and to its right, or to its left at the right edge.
    @Test func aLoneMarkerIsLabelledAboveToTheRight() throws {
        let chart = chart([.init(x: 0.10, y: 0.05, label: "A"), .init(x: 0.20, y: 0.09, label: "a long label here")])
        let found = labels(try #require(checkContract(chart.svg(id: "c"))))
        #expect(found.count == 2)
        #expect(found[0].attributes["text-anchor"] == nil)
        #expect(found[1].attributes["text-anchor"] == "end")
    }

    /// Labels pushed a line or more away from their markers are joined to them by a thin grey
    /// leader and written in their marker's colour, darkened to stay legible; labels beside their
    /// markers have neither.
    @Test func labelsMovedAwayGetALeaderAndTheirMarkersColour() throws {
        let names = ["minimum variance", "maximum Sharpe", "target", "equal weight"]
        let chart = chart(
            names.indices.map {
                .init(x: 0.150 + 0.001 * Double($0), y: 0.070, label: names[$0], colorIndex: $0 == 3 ? 11 : $0)
            })
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        let found = labels(inspection)
        let leaders = inspection.elements.filter { $0.classes == ["leader"] }
        let glyphs = inspection.marks("marker")
        #expect(found.count == 4 && glyphs.count == 4)
        #expect(!leaders.isEmpty && leaders.count < 4)
        for leader in leaders {
            #expect(leader.attributes["stroke"] == Palette.leader && leader.attributes["stroke-width"] == "0.75")
        }
        var coloured = 0
        for (index, label) in found.enumerated() {
            guard let fill = label.attributes["fill"] else { continue }
            coloured += 1
            #expect(Palette.contrastOnWhite(fill) >= 4.5, "label \(names[index]) in \(fill)")
            #expect(fill == Palette.readable(Palette.color(at: index == 3 ? 11 : index)))
        }
        #expect(coloured == leaders.count)
    }

    @Test func labelsBesideTheirMarkersHaveNoLeader() throws {
        let chart = chart([.init(x: 0.10, y: 0.05, label: "A"), .init(x: 0.20, y: 0.09, label: "B")])
        let inspection = try #require(checkContract(chart.svg(id: "c")))
        #expect(!inspection.elements.contains { $0.classes == ["leader"] })
        #expect(labels(inspection).allSatisfy { $0.attributes["fill"] == nil })
    }

    @Test func aLeaderRunsFromTheMarkersEdgeToTheNearestPointOfItsLabel() throws {
        let plot = PlotArea(left: 0, top: 0, width: 400, height: 300)
        var placer = MarkerLabelPlacer(glyphs: [(100, 100)], plot: plot)
        // The first four places (above and below, right and left) are beside the marker.
        for _ in 0..<4 {
            #expect(placer.place("near", x: 100, y: 100).leader(fromX: 100, y: 100) == nil)
        }
        let away = placer.place("far", x: 100, y: 100)
        let leader = try #require(away.leader(fromX: 100, y: 100))
        let start = ((leader.x1 - 100) * (leader.x1 - 100) + (leader.y1 - 100) * (leader.y1 - 100)).squareRoot()
        #expect(abs(start - MarkerLabelPlacer.glyphRadius) < 1e-9)
        let end = away.nearestPoint(toX: 100, y: 100)
        #expect(leader.x2 == end.x && leader.y2 == end.y)
        #expect(end.x >= away.box.left && end.x <= away.box.right && end.y >= away.box.top && end.y <= away.box.bottom)
    }
}
