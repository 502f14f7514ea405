import Charts
import CoreSatEngine
import Foundation

/// The report's charts of a run, drawn from its per-path columns (in memory after a run, or read
/// from saved results by a merge: the same columns give the same charts). Each chart is drawn only
/// where the run has its data; otherwise the figure says why it is left out.
struct RunCharts {
    let summary: RunSummary
    let columns: any PathColumns
    let meta: SavedRun
    /// Names already given, so two policies whose names clean to the same text ("70/30" and
    /// "70-30") still get ids of their own.
    let figureIDs = ChartIDs()

    var run: RunDescription { columns.run }
    /// The policies charted one by one: all but a sweep's cells.
    var policies: Range<Int> { 0..<run.reportedPolicies }
    var benchmark: Int { run.benchmark }
    var isBacktest: Bool { summary.backtest != nil }

    func sections() throws -> [ChartSection] {
        var sections: [ChartSection] = []
        if isBacktest {
            sections.append(try HistoryCharts(charts: self).section())
        } else {
            sections.append(try WealthCharts(charts: self).section())
            sections.append(try DistributionCharts(charts: self).section())
        }
        sections.append(try BenchmarkCharts(charts: self).section())
        if summary.windows != nil { sections.append(try WindowCharts(charts: self).section()) }
        if summary.hasRegimeFigures { sections.append(RegimeCharts(charts: self).section()) }
        if let sweep = summary.sweep { sections.append(SweepCharts(sweep: sweep, charts: self).section()) }
        return sections
    }

    func name(_ p: Int) -> String { run.policyNames[p] }

    /// A chart's figure: its SVG with a caption (see `ChartIDs.figure`).
    func figure(_ kind: String, _ id: String, title: String, caption: String, svg: (String) -> String) -> ChartFigure {
        figureIDs.figure(kind, id, title: title, caption: caption, svg: svg)
    }

    /// Policy `p`'s line: in its colour, or the benchmark's dashed grey.
    func series(_ p: Int, xs: [Double], ys: [Double]) -> LineChart.Series {
        LineChart.Series(
            name: name(p), xs: xs, ys: ys, style: p == benchmark ? .dashed : .solid, colorIndex: color(p),
            isBenchmark: p == benchmark)
    }

    /// A policy's series colour, the same in every chart: the benchmark's grey for the benchmark,
    /// the others in turn by their place among the other policies.
    func color(_ p: Int) -> Int { p == benchmark ? Palette.benchmarkIndex : p < benchmark ? p : p - 1 }
}

/// Chart ids: made of letters, digits and hyphens only, and unique in a page.
final class ChartIDs {
    private var used: Set<String> = []

    /// `id`, or `id-2`, `id-3`, ... when a chart of the same kind has it already.
    func unique(kind: String, _ id: String) -> String {
        var candidate = id
        var n = 1
        while used.contains(kind + "-" + candidate) {
            n += 1
            candidate = "\(id)-\(n)"
        }
        used.insert(kind + "-" + candidate)
        return candidate
    }

    /// A chart's figure, named `KIND-ID` on the page from its kind and a unique id (the SVG's own ids
    /// take the whole name). The chart module draws every finite value as a `mark`; a chart without
    /// one has nothing to show and becomes a figure left out with its reason.
    func figure(_ kind: String, _ id: String, title: String, caption: String, svg: (String) -> String) -> ChartFigure {
        let name = unique(kind: kind, Self.clean(id))
        let drawn = svg(kind + "-" + name)
        guard drawn.contains("class=\"mark") else {
            return .omitted(title: title, reason: "none of its values is defined in this run")
        }
        return .chart(id: name, kind: kind, title: title, caption: caption, svg: drawn)
    }

    static func clean(_ id: String) -> String {
        let cleaned = id.lowercased().unicodeScalars.map {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-"
        }
        return String(cleaned)
    }
}
