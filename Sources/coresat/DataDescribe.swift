import ArgumentParser
import CoreSat

struct DataDescribe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "A dataset's months, and each column's span, missing months and return figures.")

    @Argument(help: "The dataset file.")
    var file: String

    @Option(help: "table or json.")
    var format: Metrics.MetricsFormat = .table

    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try output.open(protecting: [file])
        let description = DatasetReport(try Dataset.load(path: file))
        try OutputOptions.emit(format == .table ? description.table() : description.json(), to: report)
    }
}
