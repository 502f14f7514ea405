import Charts
import CoreSatEngine

/// Path-by-path differences: each policy's CAGR minus the benchmark's on the same path, as a
/// histogram with the 95% confidence interval of its mean and the share of paths it is ahead; the
/// same for the pairs the scenario compares. On one path, a bar per policy instead.
struct BenchmarkCharts {
    let charts: RunCharts

    func section() throws -> ChartSection {
        let benchmark = charts.name(charts.benchmark)
        let title = "Against \(benchmark), path by path"
        let others = charts.policies.filter { $0 != charts.benchmark }
        guard !others.isEmpty else {
            return ChartSection(title: title, intro: "", figures: [
                .omitted(title: "CAGR difference from the benchmark", reason: "the run has only the benchmark policy")
            ])
        }
        guard charts.run.paths > 1 else {
            return ChartSection(title: title, intro: "On its one path, each policy's CAGR minus \(benchmark)'s.",
                figures: [onePath(others)])
        }
        let benchmarkCAGR = try charts.columns.values(policy: charts.benchmark, .cagr)
        var figures: [ChartFigure] = []
        if let relative = try relativeWealth(others) { figures.append(relative) }
        for p in others {
            guard let versus = charts.summary.policies[p].versusBenchmark else { continue }
            let differences = try charts.columns.values(policy: p, .cagrDifference)
            figures.append(histogram(
                name: charts.name(p), against: benchmark, differences: differences, mean: versus.cagrDifference,
                beats: versus.probabilityOutperform, color: charts.color(p)))
        }
        for pair in charts.run.comparisons {
            let own = try charts.columns.values(policy: pair.policy, .cagr)
            let other = pair.against == charts.benchmark ? benchmarkCAGR : try charts.columns.values(policy: pair.against, .cagr)
            let differences = zip(own, other).map { $0 - $1 }
            guard let comparison = charts.summary.comparisons.first(where: {
                $0.policy == charts.name(pair.policy) && $0.against == charts.name(pair.against)
            }) else { continue }
            figures.append(histogram(
                name: charts.name(pair.policy), against: charts.name(pair.against), differences: differences,
                mean: comparison.cagrDifference, beats: comparison.probabilityOutperform, color: charts.color(pair.policy)))
        }
        var intro = "Every policy ran on the same paths, so each path gives one difference of CAGRs. The shaded strip is "
            + "the 95% confidence interval of the mean difference: how sure the run is of the average, not the spread of paths."
        if charts.summary.windows != nil {
            intro += " Here the paths are overlapping windows of one history, not independent draws: the interval is too narrow."
        }
        return ChartSection(title: title, intro: intro, figures: figures)
    }

    func histogram(
        name: String, against: String, differences: [Double], mean: Distribution, beats: Double, color: Int
    ) -> ChartFigure {
        let ci = mean.confidence95
        let title = "\(name) minus \(against): CAGR difference"
        let chart = HistogramChart(
            frame: ChartFrame(
                title: title, subtitle: "ahead on \(TableReport.percent(beats, 1)) of paths",
                xTitle: "CAGR difference (%/yr)", yTitle: "Share of paths (%)"),
            samples: [HistogramChart.Sample(name: name, values: differences, colorIndex: color)],
            clip: DistributionCharts.clip([mean]),
            markers: [
                HistogramChart.Marker(x: 0, label: "no difference", style: .dashed),
                HistogramChart.Marker(x: mean.mean, label: "mean \(TableReport.signedPercent(mean.mean))"),
            ],
            interval: HistogramChart.Interval(from: ci.low, to: ci.high, label: "95% CI of the mean"),
            xFormat: .signedPercent)
        let caption = "\(name) beats \(against) on \(TableReport.percent(beats, 1)) of paths; mean CAGR difference "
            + "\(TableReport.signedPercent(mean.mean)) a year (95% CI \(TableReport.signedPercent(ci.low)) to "
            + "\(TableReport.signedPercent(ci.high)))."
        return charts.figure("difference", "\(name)-vs-\(against)", title: title, caption: caption) { chart.svg(id: $0) }
    }

    /// Each policy's wealth divided by the benchmark's on the same path, month by month: the median
    /// across paths of that ratio (not the ratio of the medians), less one.
    func relativeWealth(_ others: [Int]) throws -> ChartFigure? {
        let months = WealthCharts(charts: charts).chartMonths
        guard !months.isEmpty else { return nil }
        let benchmark = charts.name(charts.benchmark)
        let title = "Wealth relative to \(benchmark), path by path"
        let medians = try relativeMedians(others, months: months)
        let series = others.indices.map { i in
            LineChart.Series(name: charts.name(others[i]), xs: months.map(Double.init), ys: medians[i], colorIndex: charts.color(others[i]))
        }
        let chart = LineChart(
            frame: ChartFrame(title: title, xTitle: "Years from the start", yTitle: "Wealth against \(benchmark) (median, %)"),
            series: series, referenceY: 0, xFormat: .yearsFromMonths, yFormat: .signedPercent)
        let caption = "On every path, each policy's wealth divided by \(benchmark)'s at the same month, less one; the line "
            + "is the median across paths, so it shows how far ahead or behind a typical path is, month by month."
        return charts.figure("relative", "wealth", title: title, caption: caption) { chart.svg(id: $0) }
    }

    /// At each month, the median across paths of each policy's wealth over the benchmark's, less
    /// one (a row per policy). Month by month, so memory holds two columns of all paths, however
    /// many paths a merge has.
    func relativeMedians(_ policies: [Int], months: [Int]) throws -> [[Double]] {
        var medians = [[Double]](repeating: [], count: policies.count)
        for month in months {
            let benchmark = try charts.columns.column(ColumnKey(.policy(charts.benchmark), RecordLayout.wealthKey(month: month)))
            for (i, p) in policies.enumerated() {
                let own = try charts.columns.column(ColumnKey(.policy(p), RecordLayout.wealthKey(month: month)))
                medians[i].append(Distribution.quantiles(zip(own, benchmark).map { $0 / $1 - 1 }, at: [0.5])[0])
            }
        }
        return medians
    }

    /// One path: a bar per policy.
    func onePath(_ others: [Int]) -> ChartFigure {
        let title = "CAGR difference from \(charts.name(charts.benchmark))"
        let values = others.map { charts.summary.policies[$0].versusBenchmark?.cagrDifference.mean ?? .nan }
        let chart = GroupedBarChart(
            frame: ChartFrame(title: title, xTitle: "Policy", yTitle: "CAGR difference (%/yr)"),
            categories: others.map(charts.name),
            series: [GroupedBarChart.Series(name: "CAGR difference", values: values, colorIndex: 0)],
            valueFormat: .signedPercent, showValues: true)
        return charts.figure("bars", "difference", title: title, caption: "Each policy's CAGR minus the benchmark's on the one path.")
            { chart.svg(id: $0) }
    }
}
