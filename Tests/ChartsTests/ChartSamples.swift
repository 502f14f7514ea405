import Charts
import Foundation

/// Charts of the kinds the report draws, on small made-up data with known shapes.
enum ChartSamples {
    static let months = (0...120).map(Double.init)

    /// Median wealth with 5-95 and 25-75 bands, and a dashed benchmark median.
    static func fanChart() -> LineChart {
        let median = months.map { pow(1.006, $0) }
        let spread = months.map { 0.02 * sqrt($0) }
        return LineChart(
            frame: ChartFrame(title: "Wealth", subtitle: "1,000 paths", xTitle: "Year", yTitle: "Wealth (money)"),
            series: [
                .init(name: "Core-satellite median", xs: months, ys: median),
                .init(name: "Benchmark median", xs: months, ys: months.map { pow(1.005, $0) }, isBenchmark: true),
            ],
            bands: [
                .init(
                    name: "5-95%", xs: months, lower: zip(median, spread).map { $0 * (1 - 1.6 * $1) },
                    upper: zip(median, spread).map { $0 * (1 + 1.6 * $1) }, opacity: Palette.outerBandOpacity),
                .init(
                    name: "25-75%", xs: months, lower: zip(median, spread).map { $0 * (1 - 0.7 * $1) },
                    upper: zip(median, spread).map { $0 * (1 + 0.7 * $1) }, opacity: Palette.innerBandOpacity),
            ],
            xFormat: .yearsFromMonths, yFormat: .money)
    }

    /// Cumulative wealth over recorded months on a log axis, with bear markets shaded.
    static func regimeChart() -> LineChart {
        let xs = (0..<420).map { Double(1990 * 12 + $0) }
        let wealth = (0..<420).map { 1000 * exp(0.007 * Double($0) + 0.1 * sin(Double($0) / 20)) }
        return LineChart(
            frame: ChartFrame(title: "Cumulative wealth", xTitle: "Month", yTitle: "Wealth (money, log scale)"),
            series: [
                .init(name: "Policy", xs: xs, ys: wealth),
                .init(name: "Benchmark", xs: xs, ys: wealth.map { $0 * 0.9 }, isBenchmark: true),
            ],
            shades: [
                .init(from: xs[30], to: xs[50], label: "Bear", colorIndex: 5),
                .init(from: xs[200], to: xs[230], label: "Bear", colorIndex: 5),
            ],
            yScale: .log, xFormat: .yearMonth, yFormat: .money)
    }

    /// A rolling excess return crossing zero, with a gap of missing months.
    static func rollingExcess() -> LineChart {
        let ys = months.map { $0 > 40 && $0 < 46 ? .nan : 0.02 * sin($0 / 10) }
        return LineChart(
            frame: ChartFrame(title: "Rolling 36-month excess return", xTitle: "Year", yTitle: "Excess (%/yr)"),
            series: [.init(name: "Excess", xs: months, ys: ys)], referenceY: 0, xFormat: .yearsFromMonths,
            yFormat: .signedPercent)
    }

    /// An efficient frontier with labelled portfolios.
    static func frontier() -> LineChart {
        let risks = stride(from: 0.05, through: 0.2, by: 0.01).map { $0 }
        return LineChart(
            frame: ChartFrame(title: "Efficient frontier", xTitle: "Volatility (%/yr)", yTitle: "Return (%/yr)"),
            series: [.init(name: "Frontier", xs: risks, ys: risks.map { 0.02 + 0.5 * sqrt($0 - 0.04) })],
            markers: [
                .init(x: 0.1, y: 0.13, label: "Core 60/40", shape: .square),
                .init(x: 0.15, y: 0.16, label: "Max Sharpe", shape: .diamond),
                .init(x: .nan, y: 0.1, label: "Lost"),
            ],
            xFormat: .percent(), yFormat: .percent())
    }

    static func weights() -> StackedAreaChart {
        let xs = (0..<60).map { Double(2015 * 12 + $0) }
        return StackedAreaChart(
            frame: ChartFrame(title: "Satellite weights", xTitle: "Month", yTitle: "Share of satellites (%)"),
            xs: xs,
            layers: [
                .init(name: "Momentum", values: xs.indices.map { 0.5 + 0.3 * sin(Double($0) / 6) }),
                .init(name: "Value", values: xs.indices.map { 0.5 - 0.3 * sin(Double($0) / 6) }),
                .init(name: "Gold", values: xs.indices.map { _ in 0.2 }),
            ],
            xFormat: .yearMonth)
    }

    static let cagrDifferences: [Double] = (0..<500).map { (i: Int) -> Double in
        let wave: Double = 0.01 * sin(Double(i) * 1.7)
        return wave + 0.002 * Double(i % 7 - 3)
    }

    static func histogram() -> HistogramChart {
        HistogramChart(
            frame: ChartFrame(title: "CAGR difference", xTitle: "CAGR difference (%/yr)", yTitle: "Share of paths (%)"),
            samples: [.init(name: "Policy minus benchmark", values: cagrDifferences + [0.5, -0.4])],
            clip: -0.03...0.03,
            markers: [.init(x: 0, label: "zero"), .init(x: 0.001, label: "mean", style: .dashed)],
            interval: .init(from: 0.0005, to: 0.0015, label: "95% CI of the mean"), xFormat: .percent())
    }

    static func overlaidHistogram() -> HistogramChart {
        HistogramChart(
            frame: ChartFrame(title: "Terminal wealth", xTitle: "Wealth (money)", yTitle: "Share of paths (%)"),
            samples: [
                .init(name: "Policy", values: cagrDifferences.map { 1000 * (1 + 10 * $0) }),
                .init(name: "Benchmark", values: cagrDifferences.map { 1000 * (1 + 8 * $0) }),
            ],
            xFormat: .money)
    }

    static func boxPlot() -> BoxPlotChart {
        BoxPlotChart(
            frame: ChartFrame(title: "CAGR by policy", xTitle: "CAGR (%/yr)"),
            rows: [
                .init(name: "Static 60/40", p05: 0.01, p25: 0.04, p50: 0.055, p75: 0.07, p95: 0.1, mean: 0.056),
                .init(
                    name: "Momentum", p05: -0.01, p25: 0.03, p50: 0.06, p75: 0.08, p95: 0.12, mean: 0.058,
                    highlight: true),
                .init(name: "Broken", p05: .nan, p25: 0, p50: 0, p75: 0, p95: 0),
                .init(name: "Trend", p05: 0.0, p25: 0.035, p50: 0.05, p75: 0.065, p95: 0.09),
            ],
            xFormat: .percent(), referenceX: 0)
    }

    static func groupedBars() -> GroupedBarChart {
        GroupedBarChart(
            frame: ChartFrame(title: "Excess return by regime", xTitle: "Regime", yTitle: "Excess return (%/yr)"),
            categories: ["Bull", "Bear", "Sideways"],
            series: [
                .init(name: "Momentum", values: [0.02, -0.03, 0.001]),
                .init(name: "Trend", values: [0.01, 0.015, .nan]),
            ],
            valueFormat: .signedPercent, showValues: true)
    }

    static func heatmap() -> HeatmapChart {
        HeatmapChart(
            frame: ChartFrame(title: "Sweep: CAGR difference", xTitle: "Lookback (months)", yTitle: "Top N"),
            rowLabels: ["1", "2", "3"], columnLabels: ["3", "6", "9", "12"],
            values: [[0.01, 0.02, -0.005, 0.0], [0.015, .nan, 0.002, -0.01], [0.004, 0.006, 0.008, 0.03]],
            colors: .diverging(center: 0), valueFormat: .signedPercent, highlight: (row: 2, column: 3))
    }
}
