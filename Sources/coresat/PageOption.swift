import ArgumentParser
import CoreSat

/// `--report FILE` of `frontier` and `optimize`: an HTML page besides the table or JSON output,
/// under the output-file rules of `run --report`.
struct PageOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Also write a self-contained HTML report (charts and tables, no external files) to this file.",
        valueName: "file"))
    var report: String?

    /// Opens the page's file before any work: refused when it is another output of the command
    /// (`others`: flag and path) or one of its inputs.
    func open(protecting inputs: [String], others: [(flag: String, path: String?)]) throws(InputError) -> OutputFile? {
        guard let report else { return nil }
        for (flag, path) in others {
            if let path, OutputFile.sameTarget(report, path) {
                throw InputError(file: report, keyPath: "--report", reason: "is also the \(flag) file; give two different files")
            }
        }
        return try OutputFile.open(report, protecting: inputs, label: "--report")
    }
}
