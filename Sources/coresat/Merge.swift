import ArgumentParser
import CoreSat
import CoreSatEngine
import Foundation

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report on saved results: one whole run, or all shards of one run, merged into exactly what the single run prints.")

    @Argument(help: "Results files written by 'coresat run --save' (a whole run, or shards 0/n ... n-1/n).")
    var results: [String]

    @Option(help: "table, json or csv.")
    var format: ReportFormat = .table

    @OptionGroup var output: OutputOptions

    @OptionGroup var reports: ReportOptions

    @Option(help: ArgumentHelp("Also write the merged results as one whole-run results file.", valueName: "results"))
    var save: String?

    func run() throws {
        let merged = try MergedResults(paths: results)
        let (file, savedFile) = try output.open(protecting: results, alongside: save)
        let (reportFile, export) = try reports.open(protecting: results, others: [("--output", output.output), ("--save", save)])
        if export != nil { try merged.checkExport(columns: PathExport.columnsHeldAtOnce(merged.run.layout)) }
        for (path, difference) in merged.otherMachines {
            StandardError.write("warning: \(path) was written \(difference); the merge may differ from a single run in the last digits\n")
        }
        let summary = try RunSummary(scenario: merged.meta.scenarioName, columns: merged)
        if let savedFile {
            try ResultsFile.write(merged.meta, column: { try merged.column(index: $0) }, to: savedFile.write)
        }
        let pages = try reports.write(meta: merged.meta, summary: summary, columns: merged, report: reportFile, export: export)
        try OutputOptions.emit(format.render(summary), to: file, committing: [savedFile] + pages)
    }
}
