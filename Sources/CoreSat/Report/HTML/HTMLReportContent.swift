/// Everything one HTML report shows, in the order it shows it; `HTMLReport.render` lays it out.
public struct HTMLReportContent: Sendable {
    /// The scenario's name.
    public var title: String
    /// Label and value pairs: tool version, build, scenario file and digest, seed, generator,
    /// paths, shard information.
    public var provenance: [(String, String)]
    /// The command line that reproduces the run.
    public var reproduce: String
    /// What the scenario sets up (`ScenarioOverview.blocks(for:)`).
    public var overview: [ReportBlock]
    /// The overview section's title: "Scenario" for a run, "Inputs and constraints" for a frontier.
    public var overviewTitle: String
    /// One plain-language line per policy (`PolicyLine.lines(for:)`), also shown as a table; nil
    /// leaves the section out (a page of portfolios, not policies).
    public var headline: [PolicyLine]?
    public var chartSections: [ChartSection]
    /// The full tables, as the text report has them (`TableReport.sections`).
    public var tables: [ReportSection]

    public init(
        title: String, provenance: [(String, String)], reproduce: String, overview: [ReportBlock],
        overviewTitle: String = "Scenario", headline: [PolicyLine]?,
        chartSections: [ChartSection], tables: [ReportSection]
    ) {
        self.title = title
        self.provenance = provenance
        self.reproduce = reproduce
        self.overview = overview
        self.overviewTitle = overviewTitle
        self.headline = headline
        self.chartSections = chartSections
        self.tables = tables
    }
}

/// A titled group of charts, with a sentence saying what they show.
public struct ChartSection: Sendable, Equatable {
    public var title: String
    public var intro: String
    public var figures: [ChartFigure]

    public init(title: String, intro: String, figures: [ChartFigure]) {
        self.title = title
        self.intro = intro
        self.figures = figures
    }
}

/// A chart, or the reason it was left out.
public enum ChartFigure: Sendable, Equatable {
    /// `svg` is a complete `<svg>` element from the chart module, its text already escaped: the
    /// page takes it as it is. `kind` and `id` name the chart (`data-chart="KIND-ID"`).
    case chart(id: String, kind: String, title: String, caption: String, svg: String)
    /// `reason` completes "left out because ...", e.g. "the run has one path".
    case omitted(title: String, reason: String)
}
