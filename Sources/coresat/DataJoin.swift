import ArgumentParser
import CoreSat

struct DataJoin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Join datasets on their months (the union of months; a cell is missing where a dataset has no row).")

    @Argument(help: "Two or more dataset files.")
    var files: [String]

    @Option(name: .shortAndLong, help: "The joined dataset file to write.")
    var output: String

    func run() throws {
        guard files.count >= 2 else { throw InputError(file: "join", reason: "give at least two dataset files") }
        let file = try OutputFile.open(output, protecting: files, label: "--output")
        let datasets = try files.map { (path) throws(InputError) in try Dataset.load(path: path) }
        try DataImportOptions.finish(Dataset.join(datasets), to: file)
    }
}
