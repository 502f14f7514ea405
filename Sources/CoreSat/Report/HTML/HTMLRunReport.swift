import CoreSatEngine
import Foundation

/// `run --report` and `merge --report`: the HTML page of a run, from its summary, its per-path
/// columns (for the charts) and its saved metadata (what was run, by which version).
public enum HTMLRunReport {
    public static func render(meta: SavedRun, summary: RunSummary, columns: some PathColumns) throws -> String {
        HTMLReport.render(try content(meta: meta, summary: summary, columns: columns))
    }

    static func content(meta: SavedRun, summary: RunSummary, columns: some PathColumns) throws -> HTMLReportContent {
        let run = meta.run
        var provenance: [(String, String)] = [
            ("tool", "coresat \(meta.toolVersion) (\(meta.build))"),
            ("scenario", "\(meta.scenarioFile), digest \(meta.scenarioDigest)"),
        ]
        if let market = run.market { provenance.append(("market", market)) }
        provenance += [
            ("seed", String(run.seed)),
            ("generator", run.generator.rawValue),
            ("paths", "\(run.paths) x \(run.months) months" + (run.warmUpMonths > 0 ? " after \(run.warmUpMonths) warm-up months" : "")),
        ]
        return HTMLReportContent(
            title: meta.scenarioName, provenance: provenance, reproduce: reproduce(meta), overview: overview(meta),
            headline: PolicyLine.lines(for: summary),
            chartSections: try RunCharts(summary: summary, columns: columns, meta: meta).sections(),
            tables: TableReport.sections(summary))
    }

    /// The scenario's summary as saved; results saved before it was kept say so instead.
    static func overview(_ meta: SavedRun) -> [ReportBlock] {
        guard meta.overview.isEmpty else { return meta.overview }
        return [.paragraph(
            "These results were saved without the scenario's summary (by an earlier version); the scenario's full text "
                + "is in the results file's header. Amounts are shown as saved, in money of their own month.")]
    }

    /// The command that runs the same paths again: a fixed seed and path count make every number.
    static func reproduce(_ meta: SavedRun) -> String {
        var words = ["coresat", "run", meta.scenarioFile]
        if let market = meta.run.market { words += ["--market", market] }
        words += ["--seed", String(meta.run.seed), "--paths", String(meta.run.paths)]
        return words.map(shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_./=:,+".unicodeScalars.contains($0)
        }
        return plain && !word.isEmpty ? word : "'" + word.replacing("'", with: "'\\''") + "'"
    }
}
