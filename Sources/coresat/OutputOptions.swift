import CoreSatEngine
import ArgumentParser
import CoreSat
import Foundation

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Where a report goes: stdout, or a file written whole (temporary file, then rename).
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    func emit(_ text: String) throws {
        if let output {
            try AtomicFile.write(text, to: output)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
