import Charts
import CoreSatEngine

/// A sweep's grid as heatmaps: the median of the swept figure in each cell, and the share of paths
/// on which the cell beats the benchmark. Two parameters make rows and columns; with one, a row;
/// with more, the last parameter makes the columns and the others' combinations the rows.
struct SweepCharts {
    let sweep: SweepSummary
    let charts: RunCharts

    func section() -> ChartSection {
        let grid = sweep.grid
        let figure = Self.readable(grid.figure.key)
        let one = charts.run.paths == 1
        let statistic = one ? "" : "median "
        let columnParameter = grid.parameters[grid.parameters.count - 1]
        let columnCount = columnParameter.values.count
        let rowCount = grid.cellCount / max(columnCount, 1)
        let rowLabels = (0..<rowCount).map { r in
            grid.values(cell: r * columnCount).dropLast().enumerated()
                .map { "\(Self.readable(grid.parameters[$0.offset].name)) \($0.element)" }.joined(separator: ", ")
        }
        let rows = rowLabels.map { $0.isEmpty ? grid.policy : $0 }
        func values(_ value: (SweepSummary.Cell) -> Double) -> [[Double]] {
            (0..<rowCount).map { r in (0..<columnCount).map { c in value(sweep.cells[r * columnCount + c]) } }
        }
        let higherIsBetter = Self.higherIsBetter(grid.figure)
        let best = sweep.extremes.map { extremes in
            let cell = higherIsBetter ? extremes.highest : extremes.lowest
            return (row: cell / columnCount, column: cell % columnCount)
        }
        let center = centre(grid.figure)
        let columns = columnParameter.values
        var figures = [heatmap(
            "\(grid.policy): \(statistic)\(figure) by setting", rows: rows, columns: columns, values: values { $0.median.value },
            colors: center.map { .diverging(center: $0) } ?? .sequential, format: format(grid.figure), highlight: best,
            xTitle: Self.readable(columnParameter.name),
            caption: (one ? "The \(figure) of each cell on the one path" : "Median across paths of \(figure) in each cell")
                + colouring(grid.figure, center)
                + "; outlined: the best cell (the \(higherIsBetter ? "highest" : "lowest") value). It overstates what the rule "
                + "would earn: it was picked after seeing these \(one ? "months" : "paths").")]
        if charts.run.paths > 1 {
            figures.append(heatmap(
                "\(grid.policy): share of paths beating \(charts.name(charts.benchmark))", rows: rows, columns: columns,
                values: values { $0.probabilityOutperform.value }, colors: .diverging(center: 0.5), format: .percent(),
                highlight: nil, xTitle: Self.readable(columnParameter.name), caption: "Share of paths on which the cell's CAGR beats the benchmark's; coloured around 50%."))
        }
        return ChartSection(title: "Sweep of \(grid.policy)", intro: "The swept rule's settings, each run on the same paths.",
            figures: figures)
    }

    /// A key as words: `cagr_difference` -> "CAGR difference", `lookback_months` -> "lookback months".
    static func readable(_ key: String) -> String {
        let words = ["cagr": "CAGR", "var": "VaR", "cvar": "CVaR"]
        return key.split(separator: "_").map { words[String($0)] ?? String($0) }.joined(separator: " ")
    }

    func colouring(_ figure: SweepGrid.Figure, _ center: Double?) -> String {
        guard let center else { return "" }
        if case .relative = figure { return ", coloured around no difference" }
        return ", coloured around \(charts.name(charts.benchmark))'s \(charts.run.paths == 1 ? "value" : "median"), \(format(figure).label(center))"
    }

    /// The benchmark's own median of the figure, or 0 for figures against the benchmark.
    func centre(_ figure: SweepGrid.Figure) -> Double? {
        switch figure {
        case .relative: return 0
        case .path(let f):
            let value = charts.summary.policies[charts.benchmark].figures[f]?.median ?? .nan
            return value.isFinite ? value : nil
        }
    }

    /// Whether a larger value of the figure is the better one: not for risk, costs, turnover or
    /// drawdown length (drawdown depths and losses are negative, so larger is better there).
    static func higherIsBetter(_ figure: SweepGrid.Figure) -> Bool {
        switch figure {
        case .path(let f):
            switch f {
            case .annualVolatility, .longestDrawdown, .annualTurnover, .costDrag: false
            default: true
            }
        case .relative(let f): f != .trackingError
        }
    }

    func format(_ figure: SweepGrid.Figure) -> TickFormat {
        switch figure {
        case .path(let f):
            switch f {
            case .sharpe, .sortino, .calmar: .number
            case .terminalWealth: .money
            case .longestDrawdown, .monthsToDepletion: .integer
            default: .percent()
            }
        case .relative(let f): f == .informationRatio ? .number : .percent()
        }
    }

    func heatmap(
        _ title: String, rows: [String], columns: [String], values: [[Double]], colors: HeatmapColors, format: TickFormat,
        highlight: (row: Int, column: Int)?, xTitle: String, caption: String
    ) -> ChartFigure {
        let chart = HeatmapChart(
            frame: ChartFrame(title: title, xTitle: xTitle, yTitle: ""), rowLabels: rows,
            columnLabels: columns, values: values, colors: colors, valueFormat: format, showValues: true, highlight: highlight)
        return charts.figure("sweep", title, title: title, caption: caption) { chart.svg(id: $0) }
    }
}
