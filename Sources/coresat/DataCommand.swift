import ArgumentParser

/// `coresat data`: historical monthly returns in the canonical dataset format (docs/data.md).
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Import, join and describe monthly return datasets (docs/data.md).",
        subcommands: [DataImport.self, DataJoin.self, DataDescribe.self])
}

struct DataImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a French Data Library table or a CSV of prices or returns into a monthly dataset.",
        subcommands: [DataImportFrench.self, DataImportCSV.self])
}
