import Charts
import Foundation
import PageInspection
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// The report's charts of a run: what each chart reads from the run's columns, and which charts a
/// run has.
struct RunChartsTests {
    /// A run of `text` with `paths` paths, keeping the wealth grid a report keeps, as `run --report` makes it.
    static func charts(_ text: String, paths: Int) throws -> RunCharts {
        var s = try ScenarioLoader.parse(text, file: "s.yaml")
        s.paths = paths
        let plan = try s.plan(wealthGrid: RecordLayout.wealthGrid(months: s.months))
        let result = try Simulator.run(plan, threads: 2)
        let summary = try RunSummary(scenario: s.name, columns: result)
        let meta = SavedRun(scenario: s, plan: plan, shard: .whole, build: "test")
        return RunCharts(summary: summary, columns: result, meta: meta)
    }

    static func sections(_ charts: RunCharts) throws -> [ChartSection] {
        try HTMLRunReport.content(meta: charts.meta, summary: charts.summary, columns: charts.columns).chartSections
    }

    /// The charts drawn of one kind, in order: id, caption and SVG.
    static func drawn(_ kind: String, in sections: [ChartSection]) -> [(id: String, caption: String, svg: String)] {
        sections.flatMap(\.figures).compactMap {
            guard case .chart(let id, kind, _, let caption, let svg) = $0 else { return nil }
            return (id, caption, svg)
        }
    }

    /// The small scenario's assets and policies in a plain normal market: one regime.
    static let oneRegime = """
        name: one regime
        seed: 5
        paths: 100
        months: 24
        assets:
          - {id: core, sleeve: core, kind: broad}
          - {id: sat, sleeve: satellite, kind: thematic}
        market:
          model: normal
          assets:
            core: {annual_return: 0.06, annual_volatility: 0.16}
            sat: {annual_return: 0.08, annual_volatility: 0.25}
          correlation: 0.7
        benchmark: all core
        policies:
          - {name: all core, weights: {core: 1.0}}
          - {name: 70/30, core: 0.7, core_weights: equal, satellite_weights: {sat: 1.0}, rebalance: quarterly}

        """

    @Test func eachPolicysFanEndsAtItsTerminalWealthPercentiles() throws {
        let charts = try Self.charts(validScenario, paths: 300)
        let sections = try Self.sections(charts)
        let fans = Self.drawn("fan", in: sections)
        #expect(fans.map(\.id) == ["all-core", "70-30"])
        let wealth = WealthCharts(charts: charts)
        #expect(wealth.chartMonths == Array(1...24))
        for p in charts.summary.policies.indices {
            let terminal = try #require(charts.summary.policies[p].figures[.terminalWealth])
            let fan = try wealth.fan(policy: p, months: wealth.chartMonths, deflatedAt: 0)
            #expect(fan.months.last == 24)
            #expect(fan.p05.last == terminal.p05 && fan.median.last == terminal.median && fan.p95.last == terminal.p95)
            #expect(fans[p].caption.contains(
                "ends with a median of \(TableReport.money(terminal.median)) (5th-95th percentile "
                    + "\(TableReport.money(terminal.p05)) to \(TableReport.money(terminal.p95)))"))
        }
        // On the page the figures are named by kind and id, once.
        let page = PageReader.read(
            try HTMLRunReport.render(meta: charts.meta, summary: charts.summary, columns: charts.columns))
        #expect(page.error == nil, "\(String(describing: page.error))")
        #expect(Array((page.attributes["data-chart"] ?? []).prefix(2)) == ["fan-all-core", "fan-70-30"])
    }

    @Test func cashFlowsWithInflationDrawWealthInTodaysMoney() throws {
        let inflation = 0.03
        let text = validScenario.replacingOccurrences(
            of: "costs: {transaction_bps: 10}",
            with: "costs: {transaction_bps: 10}\ncash_flow: {monthly_amount: 0.002, inflation_annual: \(inflation)}")
        let charts = try Self.charts(text, paths: 300)
        #expect(charts.meta.inflationAnnual == inflation)
        let section = try #require(try Self.sections(charts).first { $0.title == "Wealth over time" })
        #expect(section.intro.contains("today's money"))
        let wealth = WealthCharts(charts: charts)
        let deflator = pow(1 + inflation, 24.0 / 12)
        let captions = Self.drawn("fan", in: [section]).map(\.caption)
        for p in charts.summary.policies.indices {
            let terminal = try #require(charts.summary.policies[p].figures[.terminalWealth])
            let fan = try wealth.fan(policy: p, months: wealth.chartMonths, deflatedAt: charts.meta.inflationAnnual)
            let median = try #require(fan.median.last), p05 = try #require(fan.p05.last)
            #expect(abs(median - terminal.median / deflator) <= 1e-14 * median)
            #expect(abs(p05 - terminal.p05 / deflator) <= 1e-14 * p05)
            #expect(captions[p].contains("a median of \(TableReport.money(terminal.median / deflator))"))
            // Month 12 is deflated by one year's inflation.
            let nominal = try WealthCharts(charts: charts).fan(policy: p, months: [12], deflatedAt: 0)
            let real = try WealthCharts(charts: charts).fan(policy: p, months: [12], deflatedAt: inflation)
            #expect(abs(real.median[0] - nominal.median[0] / (1 + inflation)) <= 1e-14 * real.median[0])
        }
    }

    @Test func aSweepIsDrawnAsHeatmaps() throws {
        let charts = try Self.charts(sweepScenario(SweepTests.twoByThree), paths: 60)
        let sections = try Self.sections(charts)
        let sweep = try #require(sections.first { $0.title == "Sweep of moving" })
        let heatmaps = Self.drawn("sweep", in: [sweep])
        #expect(heatmaps.count == 2)
        for heatmap in heatmaps {
            // One cell per setting: lookback_months 3..4 by top 1, 2, 3.
            #expect(heatmap.svg.components(separatedBy: "class=\"mark cell").count - 1 == 6)
        }
        // The cells are charted in the grid only: the fans are the reported policies'.
        #expect(Self.drawn("fan", in: sections).map(\.id) == ["static", "moving"])
        #expect(try Self.sections(Self.charts(validScenario, paths: 60)).allSatisfy { !$0.title.hasPrefix("Sweep") })
    }

    @Test func regimesAreDrawnAsBarsOnlyWhenThereAreSeveral() throws {
        let two = try Self.sections(Self.charts(validScenario, paths: 300))
        let bars = Self.drawn("regime", in: two)
        // Fixed splits hold the same satellite weight in every regime: that chart would say nothing.
        #expect(bars.map(\.id) == ["excess-return", "information-ratio", "win-rate"])
        let left = two.flatMap(\.figures).compactMap { figure -> String? in
            guard case .omitted(let title, let reason) = figure, title == "Satellite weight by regime" else { return nil }
            return reason
        }
        #expect(left == ["no policy's satellite weight moves with the regime"])
        for chart in bars {
            #expect(chart.svg.contains("class=\"mark bar"))
            #expect(chart.svg.contains(">calm<") && chart.svg.contains(">stressed<"))
        }
        let one = try Self.sections(Self.charts(Self.oneRegime, paths: 300))
        #expect(Self.drawn("regime", in: one).isEmpty && !one.contains { $0.title == "By regime" })
        #expect(Self.drawn("fan", in: one).count == 2)
    }
}

extension RunChartsTests {
    @Test func policiesWhoseNamesCleanAlikeGetFiguresOfTheirOwn() throws {
        let text = Self.oneRegime.replacingOccurrences(
            of: "  - {name: 70/30, core: 0.7,",
            with: "  - {name: 70-30, core: 0.7, core_weights: equal, satellite_weights: {sat: 1.0}, rebalance: monthly}\n  - {name: 70/30, core: 0.7,")
        let sections = try Self.sections(try Self.charts(text, paths: 100))
        let fans = Self.drawn("fan", in: sections)
        #expect(fans.map(\.id) == ["all-core", "70-30", "70-30-2"])
        let ids = sections.flatMap(\.figures).compactMap { figure -> String? in
            guard case .chart(let id, let kind, _, _, _) = figure else { return nil }
            return kind + "-" + id
        }
        #expect(Set(ids).count == ids.count)
    }
}

extension RunChartsTests {
    @Test func aChartWithNothingToDrawIsLeftOutWithItsReason() throws {
        let charts = try Self.charts(Self.oneRegime, paths: 20)
        let empty = LineChart(frame: ChartFrame(title: "t"), series: [.init(name: "a", xs: [0, 1], ys: [.nan, .nan])])
        let figure = charts.figure("line", "empty", title: "t", caption: "c") { empty.svg(id: $0) }
        guard case .omitted(let title, let reason) = figure else {
            Issue.record("a chart without marks was drawn")
            return
        }
        #expect(title == "t" && reason == "none of its values is defined in this run")
    }

    @Test func theSweepOutlinesTheBestCellByTheFiguresDirection() {
        #expect(SweepCharts.higherIsBetter(.path(.cagr)) && SweepCharts.higherIsBetter(.path(.maxDrawdown)))
        #expect(!SweepCharts.higherIsBetter(.path(.annualVolatility)) && !SweepCharts.higherIsBetter(.path(.costDrag)))
        #expect(!SweepCharts.higherIsBetter(.relative(.trackingError)) && SweepCharts.higherIsBetter(.relative(.winRate)))
    }
}

extension RunChartsTests {
    @Test func eachPolicyIsOnePointOfTheRiskReturnChart() throws {
        let charts = try Self.charts(Self.oneRegime, paths: 200)
        let scatter = try #require(Self.drawn("scatter", in: try Self.sections(charts)).first)
        #expect(scatter.svg.components(separatedBy: "class=\"mark marker").count - 1 == 2)
        #expect(scatter.svg.contains(">all core<") && scatter.svg.contains(">70/30<"))
    }
}

extension RunChartsTests {
    @Test func relativeWealthIsTheMedianOfEachPathsRatio() throws {
        let charts = try Self.charts(Self.oneRegime, paths: 200)
        let relative = try #require(Self.drawn("relative", in: try Self.sections(charts)).first)
        #expect(relative.svg.components(separatedBy: "class=\"mark line").count - 1 == 1)  // 70/30 against all core
        let months = WealthCharts(charts: charts).chartMonths
        let last = try #require(months.last)
        let own = try charts.columns.column(ColumnKey(.policy(1), RecordLayout.wealthKey(month: last)))
        let bench = try charts.columns.column(ColumnKey(.policy(0), RecordLayout.wealthKey(month: last)))
        let median = Distribution(zip(own, bench).map { $0 / $1 - 1 }).median
        let builder = BenchmarkCharts(charts: charts)
        let drawn = try #require(try builder.relativeMedians([1], months: months).first)
        #expect(drawn.count == months.count && drawn.last == median && median.isFinite)
        #expect(relative.caption.contains("wealth divided by all core's"))
        #expect(DistributionCharts.quantile([1, 2, 3, 4, 5], 0.5) == 3 && DistributionCharts.quantile([1, 3], 0.25) == 1.5)
        #expect(DistributionCharts.quantile([], 0.5).isNaN)
    }

    @Test func quantilesAloneAreTheDistributionsOwn() {
        var values = (0..<1001).map { sin(Double($0) * 12.9898) * 43758.5453 }
        values += [.nan, .infinity, -.infinity]
        let d = Distribution(values)
        #expect(Distribution.quantiles(values, at: [0.05, 0.25, 0.5, 0.75, 0.95]) == [d.p05, d.p25, d.median, d.p75, d.p95])
        #expect(Distribution.quantiles([.nan], at: [0.5])[0].isNaN)
        #expect(Distribution.quantiles([3], at: [0.05, 0.95]) == [3, 3])
    }
}
