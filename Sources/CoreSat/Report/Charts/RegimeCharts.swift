import Charts
import CoreSatEngine

/// Per-regime bars: each policy's figures against the benchmark over the months of each regime
/// (medians across paths), and its satellite weight there (mean).
struct RegimeCharts {
    let charts: RunCharts

    func section() -> ChartSection {
        let summary = charts.summary
        let regimes = summary.regimes.map(\.name)
        let others = charts.policies.filter { $0 != charts.benchmark }
        let title = "By regime"
        guard !others.isEmpty else {
            return ChartSection(title: title, intro: "", figures: [
                .omitted(title: "Figures by regime", reason: "the run has only the benchmark policy")
            ])
        }
        let shares = summary.regimes.map { "\($0.name) \(TableReport.percent($0.shareOfMonths, 0))" }.joined(separator: ", ")
        let across = charts.run.paths == 1 ? "on the one path" : "across all paths"
        let statistic = charts.run.paths == 1 ? "each policy's figures" : "medians across paths of each policy's figures"
        let intro = "Each regime's months \(across) (\(shares) of months): \(statistic) against "
            + "\(charts.name(charts.benchmark)) over those months."
        let figures = [
            bars(.excessReturn, "Excess return by regime", axis: "Annualized excess return (%)", format: .signedPercent, policies: others),
            bars(.informationRatio, "Information ratio by regime", axis: "Information ratio", format: .number, policies: others),
            bars(.winRate, "Months ahead of the benchmark by regime", axis: "Win rate (% of months)", format: .percent(),
                policies: others, reference: 0.5),
            weightsChangeWithRegimes
                ? bars(.satelliteWeight, "Satellite weight by regime", axis: "Satellite weight (mean, %)", format: .percent(),
                    policies: Array(charts.policies), mean: true)
                : .omitted(title: "Satellite weight by regime", reason: "no policy's satellite weight moves with the regime"),
        ]
        return ChartSection(title: title, intro: intro + " Regimes: " + regimes.joined(separator: ", ") + ".", figures: figures)
    }

    /// Whether some policy's mean satellite weight differs between regimes by half a point or more.
    var weightsChangeWithRegimes: Bool {
        charts.summary.policies.contains { p in
            let weights = p.regimes.compactMap { $0.figures[.satelliteWeight]?.mean }.filter(\.isFinite)
            guard let low = weights.min(), let high = weights.max() else { return false }
            return high - low >= 0.005
        }
    }

    func bars(
        _ figure: RegimeFigure, _ title: String, axis: String, format: TickFormat, policies: [Int], mean: Bool = false,
        reference: Double? = nil
    ) -> ChartFigure {
        let summary = charts.summary
        let series = policies.map { p in
            GroupedBarChart.Series(
                name: charts.name(p),
                values: summary.regimes.indices.map { k in
                    guard k < summary.policies[p].regimes.count, let d = summary.policies[p].regimes[k].figures[figure] else { return .nan }
                    return mean ? d.mean : d.median
                },
                colorIndex: charts.color(p))
        }
        let chart = GroupedBarChart(
            frame: ChartFrame(title: title, xTitle: "Regime", yTitle: axis), categories: summary.regimes.map(\.name),
            series: series, valueFormat: format, showValues: policies.count * summary.regimes.count <= 16,
            referenceValue: reference)
        let caption = mean ? "Mean share of the portfolio in satellites during each regime's months."
            : charts.run.paths == 1 ? "A bar is missing (n/a) where the figure is undefined in that regime's months."
            : "Median across paths; a bar is missing (n/a) where a regime never occurred on enough paths."
        return charts.figure("regime", figure.key, title: title, caption: caption) { chart.svg(id: $0) }
    }
}
