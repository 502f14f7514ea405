import ArgumentParser
import CoreSat

/// `--report FILE` of `frontier` and `optimize`: an HTML page besides the table or JSON output,
/// under the output-file rules of `run --report`.
struct PageOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Also write a self-contained HTML report (charts and tables, no external files) to this file.",
        valueName: "file"))
    var report: String?

    /// Opens the page's file before any work: refused when it is the `--output` file or one of the inputs.
    func open(protecting inputs: [String], output: String?) throws(InputError) -> OutputFile? {
        guard let report else { return nil }
        if let output, OutputFile.sameTarget(report, output) {
            throw InputError(
                file: report, keyPath: "--report", reason: "is also the --output file; give two different files")
        }
        return try OutputFile.open(report, protecting: inputs, label: "--report")
    }

    /// Writes the page whole; `page` is only called when there is a file to write.
    static func write(_ page: () -> String, to file: OutputFile?) throws {
        guard let file else { return }
        try file.write(page())
        try file.commit()
    }
}
