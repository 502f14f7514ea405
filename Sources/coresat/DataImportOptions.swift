import ArgumentParser
import CoreSat

/// The flags every import shares: what to keep and derive, and where the dataset goes.
struct DataImportOptions: ParsableArguments {
    @Option(help: "Columns to keep, comma-separated, as the source names them (default: all).")
    var columns: String?

    @Option(help: ArgumentHelp("Rename a column in the output (repeatable).", valueName: "OLD=NEW"))
    var rename: [String] = []

    @Option(help: "The risk-free column (kept, and named in the dataset).")
    var riskFree: String?

    @Option(help: ArgumentHelp("Add NEW = COLUMN + the risk-free column, e.g. Mkt-RF=Mkt (repeatable; needs --risk-free).", valueName: "COLUMN=NEW"))
    var addRiskFree: [String] = []

    @Option(help: ArgumentHelp("First month to keep.", valueName: "YYYY-MM"))
    var from: String?

    @Option(help: ArgumentHelp("Last month to keep.", valueName: "YYYY-MM"))
    var to: String?

    @Option(help: "A note to record in the dataset (repeatable).")
    var note: [String] = []

    @Option(name: .shortAndLong, help: "The dataset file to write.")
    var output: String

    /// The edits the flags ask for; `yields` come from `--add-yield`, which only CSV imports have.
    func edits(yields: [String] = []) throws(InputError) -> DatasetEdits {
        var edits = DatasetEdits()
        edits.columns = columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        edits.renames = try rename.map { (text) throws(InputError) in try Self.pair(text, flag: "--rename", shape: "OLD=NEW") }
        edits.riskFree = riskFree
        edits.addRiskFree = try addRiskFree.map { (text) throws(InputError) in try Self.pair(text, flag: "--add-risk-free", shape: "COLUMN=NEW") }
        edits.addYield = try yields.map { (text) throws(InputError) in
            let (column, value) = try Self.pair(text, flag: "--add-yield", shape: "COLUMN=YIELD")
            guard let yield = Double(value) else { throw InputError(file: "--add-yield", reason: "'\(value)' is not a number (an annual yield, 0.02 for 2%)") }
            return (column, yield)
        }
        edits.from = try from.map { (text) throws(InputError) in try Self.month(text, flag: "--from") }
        edits.to = try to.map { (text) throws(InputError) in try Self.month(text, flag: "--to") }
        if let from = edits.from, let to = edits.to, from > to { throw InputError(file: "--from", reason: "\(from) is after --to \(to)") }
        edits.notes = note
        return edits
    }

    /// Opens the output first, so a bad path stops the command before any work.
    func open(protecting inputs: [String]) throws(InputError) -> OutputFile {
        try OutputFile.open(output, protecting: inputs, label: "--output")
    }

    /// Prints the warnings (one line each) and writes the dataset whole.
    static func finish(_ imported: Imported, to file: OutputFile) throws(InputError) {
        for warning in imported.warnings { StandardError.write("warning: \(warning)\n") }
        try file.write(imported.dataset.text())
        try file.commit()
    }

    static func pair(_ text: String, flag: String, shape: String) throws(InputError) -> (String, String) {
        guard let equals = text.lastIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
            throw InputError(file: flag, reason: "expected \(shape), got '\(text)'")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    static func month(_ text: String, flag: String) throws(InputError) -> YearMonth {
        guard let month = YearMonth(text) else { throw InputError(file: flag, reason: "'\(text)' is not a month (YYYY-MM)") }
        return month
    }
}
