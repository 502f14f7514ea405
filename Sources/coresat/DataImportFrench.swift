import ArgumentParser
import CoreSat

struct DataImportFrench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "french",
        abstract: "Import a monthly table of a Kenneth R. French Data Library CSV file (percent returns).")

    @Argument(help: "The CSV file as the library publishes it.")
    var file: String

    @Option(help: "The table: its title (case and spacing aside) or its number; an untitled first table is 'monthly'.")
    var table: String

    @OptionGroup var options: DataImportOptions

    func run() throws {
        let output = try options.open(protecting: [file])
        let library = try FrenchLibraryFile.load(path: file)
        let imported = try library.dataset(library.table(table), edits: options.edits())
        try DataImportOptions.finish(imported, to: output)
    }
}
