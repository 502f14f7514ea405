import ArgumentParser
import CoreSat

struct DataImportCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Import a CSV of daily or monthly prices or returns: a date column, then one column per series.")

    enum ValueKind: String, ExpressibleByArgument, CaseIterable { case prices, returns }

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "What the columns hold: prices (monthly returns from month-end prices) or returns (decimal, compounded within each month).")
    var values: ValueKind

    @Flag(help: "Returns are in percent (1.2 for 1.2%).")
    var percent = false

    @Option(help: "The date column (default: the first).")
    var dateColumn: String?

    @Option(help: ArgumentHelp("A price series that leaves out dividends (repeatable): warns unless --add-yield covers it.", valueName: "COLUMN"))
    var priceOnly: [String] = []

    @Option(help: ArgumentHelp("Add an annual yield as YIELD/12 to each month's return of COLUMN, e.g. SP500=0.02 (repeatable).", valueName: "COLUMN=YIELD"))
    var addYield: [String] = []

    @OptionGroup var options: DataImportOptions

    func run() throws {
        let output = try options.open(protecting: [file])
        var csv = CSVImport.Options(values: values == .prices ? .prices : .returns)
        csv.percent = percent
        csv.dateColumn = dateColumn
        csv.priceOnly = priceOnly
        let imported = try CSVImport.load(path: file, options: csv, edits: options.edits(yields: addYield))
        try DataImportOptions.finish(imported, to: output)
    }
}
