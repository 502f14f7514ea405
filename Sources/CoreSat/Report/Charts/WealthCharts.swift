import Charts
import CoreSatEngine
import Foundation

/// Wealth over time across paths: a fan chart per policy (median with the 25-75 and 5-95 bands
/// against the benchmark's median), and the medians of all policies together. Quantiles are exact,
/// from every path's wealth at each month of the coarse grid the records keep.
struct WealthCharts {
    let charts: RunCharts

    struct Fan {
        var months: [Double]
        var p05: [Double], p25: [Double], median: [Double], p75: [Double], p95: [Double]
    }

    func section() throws -> ChartSection {
        let title = "Wealth over time"
        let grid = chartMonths
        guard !grid.isEmpty else {
            return ChartSection(title: title, intro: "", figures: [
                .omitted(title: "Wealth fan charts", reason: "these results were saved without wealth over time")
            ])
        }
        let inflation = charts.meta.inflationAnnual
        let real = inflation != 0
        let fans = try charts.policies.map { try fan(policy: $0, months: grid, deflatedAt: inflation) }
        let money = real ? "Wealth (money of month 0, \(TableReport.percent(inflation, 1))/yr inflation)" : "Wealth (money)"
        // One path has no bands or medians to explain.
        var intro = charts.run.paths == 1
            ? "Each policy's wealth on the run's one path, at \(grid.count) points of the horizon."
            : "Each policy's wealth across the \(charts.run.paths) paths at \(grid.count) points of the horizon: "
                + "the line is the median, the dark band the middle half of paths (25th to 75th percentile), the light "
                + "band 5th to 95th; the dashed grey line is the median of \(charts.name(charts.benchmark))."
        if real { intro += " Amounts are in today's money: divided by (1 + inflation) for each year passed." }
        var figures: [ChartFigure] = []
        if charts.run.paths > 1 {
            // One scale for every fan, so their spreads compare at a glance.
            let drawn = fans.flatMap { $0.p05 + $0.p95 }.filter { $0.isFinite && $0 > 0 }
            let shared = drawn.min().flatMap { low in drawn.max().map { low...$0 } }
            for p in charts.policies {
                figures.append(fanFigure(p, fans[p], benchmark: fans[charts.benchmark], yTitle: money, yDomain: shared))
            }
        }
        figures.append(mediansFigure(fans, yTitle: money))
        return ChartSection(title: title, intro: intro, figures: figures)
    }

    /// At most about 60 months: the records' own grid, thinned to the coarse grid when every month was kept.
    var chartMonths: [Int] {
        let kept = Set(charts.run.layout.wealthGrid)
        return RecordLayout.wealthGrid(months: charts.run.months).filter(kept.contains)
    }

    func fan(policy p: Int, months: [Int], deflatedAt inflation: Double) throws -> Fan {
        var fan = Fan(months: months.map(Double.init), p05: [], p25: [], median: [], p75: [], p95: [])
        for m in months {
            let wealth = try charts.columns.column(ColumnKey(.policy(p), RecordLayout.wealthKey(month: m)))
            let q = Distribution.quantiles(wealth, at: [0.05, 0.25, 0.5, 0.75, 0.95])
            let deflator = inflation == 0 ? 1 : pow(1 + inflation, Double(m) / 12)
            fan.p05.append(q[0] / deflator)
            fan.p25.append(q[1] / deflator)
            fan.median.append(q[2] / deflator)
            fan.p75.append(q[3] / deflator)
            fan.p95.append(q[4] / deflator)
        }
        return fan
    }

    /// Log scale when every value drawn is positive (growth reads as slope), linear otherwise.
    static func scale(_ values: [[Double]]) -> LineChart.YScale {
        values.joined().allSatisfy { !$0.isFinite || $0 > 0 } ? .log : .linear
    }

    func fanFigure(_ p: Int, _ fan: Fan, benchmark: Fan, yTitle: String, yDomain: ClosedRange<Double>?) -> ChartFigure {
        let name = charts.name(p)
        let xs = fan.months
        // The benchmark's median first, so the policy's own median is drawn over it.
        var series: [LineChart.Series] = []
        if p != charts.benchmark {
            series.append(LineChart.Series(
                name: "\(charts.name(charts.benchmark)) median", xs: xs, ys: benchmark.median, style: .dashed, isBenchmark: true))
        }
        series.append(LineChart.Series(name: "\(name) median", xs: xs, ys: fan.median, colorIndex: charts.color(p)))
        let chart = LineChart(
            frame: ChartFrame(title: "\(name): wealth across paths", xTitle: "Years from the start", yTitle: yTitle),
            series: series,
            bands: [
                LineChart.Band(name: "5th-95th percentile", xs: xs, lower: fan.p05, upper: fan.p95, colorIndex: charts.color(p),
                    opacity: Palette.outerBandOpacity),
                LineChart.Band(name: "25th-75th percentile", xs: xs, lower: fan.p25, upper: fan.p75, colorIndex: charts.color(p),
                    opacity: Palette.innerBandOpacity),
            ],
            yScale: Self.scale([fan.p05, fan.p95, benchmark.median]), xFormat: .yearsFromMonths, yFormat: .money,
            directLabels: false, yDomain: Self.scale([fan.p05, fan.p95, benchmark.median]) == .log ? yDomain : nil)
        let last = fan.median.count - 1
        let caption = "\(name) ends with a median of \(TableReport.money(fan.median[last])) (5th-95th percentile "
            + "\(TableReport.money(fan.p05[last])) to \(TableReport.money(fan.p95[last])))."
        return charts.figure("fan", name, title: "\(name): wealth across paths", caption: caption) { chart.svg(id: $0) }
    }

    func mediansFigure(_ fans: [Fan], yTitle: String) -> ChartFigure {
        let one = charts.run.paths == 1
        let series = charts.policies.map { charts.series($0, xs: fans[$0].months, ys: fans[$0].median) }
        let title = one ? "Wealth of each policy on the one path" : "Median wealth of each policy"
        let chart = LineChart(
            frame: ChartFrame(title: title, xTitle: "Years from the start", yTitle: yTitle), series: series,
            yScale: Self.scale(fans.map(\.median)), xFormat: .yearsFromMonths, yFormat: .money)
        let caption = one
            ? "The run has one path: each line is that path's wealth."
            : "The median path of each policy, month by month (not one path: each point is the median of its month)."
        return charts.figure("medians", "wealth", title: title, caption: caption) { chart.svg(id: $0) }
    }
}
