import CoreSatEngine
import Foundation

/// `--export-paths DIR`: every path's figures as CSV files for spreadsheets and pandas.
///
/// - `paths.csv`: one row per policy and path: each figure of the path, its figures against the
///   benchmark, and its tallies (rows grouped by policy, paths in order).
/// - `wealth.csv`: one row per policy and path, the wealth at the end of each kept month (`m0012`
///   is month 12); every month when the run was small enough, else the report's coarse grid.
/// - `regimes.csv` (more than one regime): each path's share of months in each regime.
/// - `months.csv` (a backtest): each month's net return, weights after any trade, and regime.
///
/// Each file is written whole or not at all (`OutputFile`); nothing else in the folder is touched.
public struct PathExport {
    /// Files are built in memory a policy at a time and written in pieces of about this many bytes.
    static let pieceBytes = 1 << 20

    let folder: String
    let inputs: [String]

    /// Checks the folder before any work is done: an existing folder we may write in, or a name in
    /// one where it can be made (it is made only when the files are written, so a run that fails
    /// leaves nothing behind).
    public init(folder: String, protecting inputs: [String]) throws(InputError) {
        func failure(_ reason: String) -> InputError { InputError(file: folder, keyPath: "--export-paths", reason: reason) }
        var info = stat()
        if stat(folder, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw failure("is not a folder; give a folder to write the CSV files in") }
            guard access(folder, W_OK | X_OK) == 0 else { throw failure("cannot write in this folder: \(Descriptor.reason(errno))") }
        } else if errno == ENOENT {
            let parent = OutputFile.directoryName(folder)
            guard stat(parent, &info) == 0 else { throw failure("cannot make the folder: \(Descriptor.reason(errno))") }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw failure("cannot make the folder: \(Descriptor.reason(ENOTDIR))") }
            guard access(parent, W_OK | X_OK) == 0 else { throw failure("cannot make the folder: \(Descriptor.reason(errno))") }
        } else {
            throw failure("cannot write here: \(Descriptor.reason(errno))")
        }
        self.folder = folder
        self.inputs = inputs
    }

    /// Makes the folder when it is still missing.
    func makeFolder() throws(InputError) {
        guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
            throw InputError(file: folder, keyPath: "--export-paths", reason: "cannot make the folder: \(Descriptor.reason(errno))")
        }
    }

    /// At most this many wealth values (paths x policies x months) make a run's wealth monthly;
    /// larger runs export the coarse grid (about 30 MB of CSV at this size).
    public static let monthlyWealthLimit = 2_000_000

    /// The months whose wealth a run should keep: every month when the export is small enough, else
    /// the report's coarse grid.
    public static func wealthGrid(paths: Int, policies: Int, months: Int) -> [Int] {
        paths * policies * months <= monthlyWealthLimit ? Array(1...months) : RecordLayout.wealthGrid(months: months)
    }

    /// Writes the files, each to a temporary file beside its target: the caller commits them, so
    /// they replace files of the same names only once everything the command writes is written.
    public func write(_ columns: some PathColumns) throws -> [OutputFile] {
        let run = columns.run
        try makeFolder()
        var files: [OutputFile] = []
        func file(_ name: String) throws(InputError) -> OutputFile {
            let made = try OutputFile.open(folder + "/" + name, protecting: inputs, label: "--export-paths")
            files.append(made)
            return made
        }
        try writeFigures(columns, to: try file("paths.csv"))
        if !run.layout.wealthGrid.isEmpty { try writeWealth(columns, to: try file("wealth.csv")) }
        if run.regimeNames.count > 1 { try writeRegimes(columns, to: try file("regimes.csv")) }
        if run.layout.returnMonths > 0 { try writeMonths(columns, to: try file("months.csv")) }
        return files
    }

    /// The most columns of all paths the export holds at once: one policy's figures, or its wealth grid.
    public static func columnsHeldAtOnce(_ layout: RecordLayout) -> Int {
        max(PathFigure.allCases.count + RelativeFigure.allCases.count + PolicyTally.allCases.count, layout.wealthGrid.count, layout.regimes)
    }

    /// Every file an export may write.
    public static let allFileNames = ["paths.csv", "wealth.csv", "regimes.csv", "months.csv"]

    private func writeFigures(_ columns: some PathColumns, to file: OutputFile) throws {
        let run = columns.run
        let keys = PathFigure.allCases.map(\.key) + RelativeFigure.allCases.map(\.key) + PolicyTally.allCases.map(\.key)
        var out = Piece(file)
        try out.line((["path", "policy"] + keys).joined(separator: ","))
        for (p, name) in run.policyNames.enumerated() {
            let values = try keys.map { try columns.column(ColumnKey(.policy(p), $0)) }
            try rows(paths: run.paths, policy: name, values: values, into: &out)
        }
        try out.flush()
    }

    private func writeWealth(_ columns: some PathColumns, to file: OutputFile) throws {
        let run = columns.run
        let grid = run.layout.wealthGrid
        var out = Piece(file)
        try out.line((["path", "policy"] + grid.map { String(format: "m%04d", $0) }).joined(separator: ","))
        for (p, name) in run.policyNames.enumerated() {
            let values = try grid.map { try columns.column(ColumnKey(.policy(p), RecordLayout.wealthKey(month: $0))) }
            try rows(paths: run.paths, policy: name, values: values, into: &out)
        }
        try out.flush()
    }

    private func writeRegimes(_ columns: some PathColumns, to file: OutputFile) throws {
        let run = columns.run
        var out = Piece(file)
        try out.line((["path"] + run.regimeNames.map(CSVReport.quote)).joined(separator: ","))
        let shares = try run.regimeNames.indices.map { try columns.regimeShares($0) }
        for path in 0..<run.paths {
            try out.line(([String(path)] + shares.map { CSVReport.number($0[path]) }).joined(separator: ","))
        }
        try out.flush()
    }

    /// A backtest's months: one row per policy and month (the first path: a backtest has one).
    private func writeMonths(_ columns: some PathColumns, to file: OutputFile) throws {
        let run = columns.run
        let assets = run.layout.monthlyAssets
        let regimes = run.layout.keepsMonthlyRegimes ? try columns.monthlyRegimes() : nil
        var out = Piece(file)
        try out.line((["month", "policy", "net_return"] + assets.map { "weight." + $0 } + (regimes == nil ? [] : ["regime"]))
            .joined(separator: ","))
        for (p, name) in run.policyNames.enumerated() {
            let returns = try columns.monthlyReturns(policy: p)
            let weights = try columns.monthlyWeights(policy: p)
            for t in returns.indices {
                let month = run.firstMonthIndex.map { YearMonth(index: $0 + t).description } ?? String(t + 1)
                var fields = [month, CSVReport.quote(name), CSVReport.number(returns[t])] + weights.map { CSVReport.number($0[t]) }
                if let regimes { fields.append(run.regimeNames.indices.contains(regimes[t]) ? CSVReport.quote(run.regimeNames[regimes[t]]) : "") }
                try out.line(fields.joined(separator: ","))
            }
        }
        try out.flush()
    }

    private func rows(paths: Int, policy: String, values: [[Double]], into out: inout Piece) throws {
        let name = CSVReport.quote(policy)
        for path in 0..<paths {
            var line = String(path) + "," + name
            for column in values {
                line += ","
                line += CSVReport.number(column[path])
            }
            try out.line(line)
        }
    }

    /// Text gathered and written in pieces, so a large file is never one string.
    struct Piece {
        let file: OutputFile
        var text = ""

        init(_ file: OutputFile) { self.file = file }

        mutating func line(_ s: String) throws(InputError) {
            text += s
            text += "\n"
            if text.utf8.count >= PathExport.pieceBytes { try flush() }
        }

        mutating func flush() throws(InputError) {
            try file.write(text)
            text = ""
        }
    }
}
