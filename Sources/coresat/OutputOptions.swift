import CoreSatEngine
import ArgumentParser
import CoreSat
import Foundation

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

    /// Opens the report file and a `--save` results file, refusing the same path for both.
    func open(protecting inputs: [String], alongside save: String?) throws(InputError) -> (report: OutputFile?, saved: OutputFile?) {
        if let save, let output, OutputFile.sameTarget(save, output) {
            throw InputError(file: save, keyPath: "--save", reason: "is also the --output file; give two different files")
        }
        let report = try open(protecting: inputs)
        let saved = try save.map { (path) throws(InputError) in try OutputFile.open(path, protecting: inputs, label: "--save") }
        return (report, saved)
    }

    /// Writes the report, then commits the files written beside it (`saved`) and the report file:
    /// a report that cannot be written leaves none of them behind.
    static func emit(_ text: String, to file: OutputFile?, committing saved: [OutputFile?]) throws {
        if let file { try file.write(text) } else { try StandardOutput.write(text) }
        for other in saved { try other?.commit() }
        try file?.commit()
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
