import ArgumentParser
import CoreSat

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Where a report goes: standard output, or a file (see `OutputFile`).
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    /// Opens the output file (nil: standard output) before any work, so a bad path, or one of the
    /// command's `inputs` named as output, stops the command at once.
    func open(protecting inputs: [String]) throws(InputError) -> OutputFile? {
        guard let output else { return nil }
        return try OutputFile.open(output, protecting: inputs, label: "--output")
    }

    /// Writes the whole report to `file`, or to standard output when there is none.
    static func emit(_ text: String, to file: OutputFile?) throws {
        if let file {
            try file.write(text)
            try file.commit()
        } else {
            try StandardOutput.write(text)
        }
    }
}
