import ArgumentParser
import CoreSat
import CoreSatEngine
import Foundation

/// The outputs `run` and `merge` share besides the text report: an HTML report and per-path CSV files.
struct ReportOptions: ParsableArguments {
    @OptionGroup var page: PageOption

    var report: String? { page.report }

    @Option(name: .customLong("export-paths"), help: ArgumentHelp(
        "Also write every path's figures (and wealth over time) as CSV files into this folder, made when missing.",
        valueName: "folder"))
    var exportPaths: String?

    /// The months whose wealth a run keeps: every month for a small export, the coarse grid for a
    /// report or results file, none otherwise.
    func wealthGrid(for scenario: Scenario, saving: Bool) -> [Int] {
        if exportPaths != nil {
            let policies = scenario.policies.count
            return PathExport.wealthGrid(paths: scenario.paths, policies: policies, months: scenario.months)
        }
        return report != nil || saving ? RecordLayout.wealthGrid(months: scenario.months) : []
    }

    /// Opens the report file and the export folder before any work, refusing either when it is also
    /// another output (`others`: flag and path) or one of the inputs.
    func open(protecting inputs: [String], others: [(flag: String, path: String?)]) throws(InputError) -> (report: OutputFile?, export: PathExport?) {
        if let exportPaths {
            // Refused now: the folder would be made, and the file's rename onto it fail, after the run.
            for (flag, path) in [(flag: "--report", path: report)] + others {
                guard let path else { continue }
                if OutputFile.sameTarget(exportPaths, path) {
                    throw InputError(
                        file: exportPaths, keyPath: "--export-paths",
                        reason: "is also the \(flag) file; give a folder of its own")
                }
                // One of the export's own files would replace that output, or that output it.
                if let name = PathExport.allFileNames.first(where: { OutputFile.sameTarget(exportPaths + "/" + $0, path) }) {
                    throw InputError(
                        file: path, keyPath: flag,
                        reason: "is the file \(name) that --export-paths writes in \(exportPaths); write it elsewhere")
                }
            }
        }
        let file = try page.open(protecting: inputs, others: others)
        let export = try exportPaths.map { (folder) throws(InputError) in try PathExport(folder: folder, protecting: inputs) }
        return (file, export)
    }
}

extension ReportOptions {
    /// Writes the HTML report and the per-path files, and hands them back uncommitted: they replace
    /// their targets together with the command's other outputs, once everything is written.
    func write(
        meta: SavedRun, summary: RunSummary, columns: some PathColumns, report: OutputFile?, export: PathExport?
    ) throws -> [OutputFile] {
        try report?.write(try HTMLRunReport.render(meta: meta, summary: summary, columns: columns))
        return [report].compactMap { $0 } + (try export?.write(columns) ?? [])
    }
}
