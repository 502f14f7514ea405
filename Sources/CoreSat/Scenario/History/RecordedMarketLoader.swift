import CoreSatEngine
import Foundation

/// Reads `market:` for the models built from a dataset of recorded months: `historical` (a
/// backtest, or rolling windows) and `bootstrap` (block resampling).
enum RecordedMarketLoader {
    static let sharedKeys = ["model", "data", "columns", "from", "to", "regimes", "risk_free"]

    /// `warmUpMonths`: the scenario's; a replay takes them from the months before `from`.
    static func read(
        _ cursor: YAMLCursor, bootstrap: Bool, assets: [String], warmUpMonths: Int
    ) throws(InputError) -> MarketModelSpec {
        let m = try cursor.mapping(allowed: sharedKeys + (bootstrap ? ["mean_block_months", "follow_regimes"] : ["windows"]))
        let dataCursor = try m.required("data")
        let dataset = try loadDataset(dataCursor)
        let columns = try readColumns(m.required("columns"), assets: assets, dataset: dataset)
        let available = try availableRows(columns, dataset: dataset, assets: assets, at: m.owner)
        let lead = bootstrap ? 0 : warmUpMonths
        let from = try m.optional("from").map { (c) throws(InputError) in try month(c, in: dataset) }
            ?? min(available.lowerBound + lead, available.upperBound)
        let to = try m.optional("to").map { (c) throws(InputError) in try month(c, in: dataset) } ?? available.upperBound
        guard from <= to else { throw (m.optional("to") ?? m.owner).error("'to' (\(dataset.months[to])) is before 'from' (\(dataset.months[from]))") }
        let first = from - lead
        if first < available.lowerBound && from >= available.lowerBound {
            let reason = "needs data from \(YearMonth(index: dataset.months[0].index + first)) for warm_up_months: \(warmUpMonths), "
                + "but the columns have data only from \(dataset.months[available.lowerBound]); start at "
                + "\(dataset.months[min(available.lowerBound + lead, dataset.months.count - 1)]) or later, or lower warm_up_months"
            throw (m.optional("from") ?? m.owner).error(reason)
        }
        try checkComplete(columns, rows: first...to, dataset: dataset, assets: assets, at: m.owner)
        let regimes = try m.optional("regimes").map { (c) throws(InputError) in try HistoricalRegimesLoader.read(c, dataset: dataset, rows: first...to) }
        var market = RecordedMarket(
            data: try dataCursor.string(), firstMonth: dataset.months[first],
            rows: (first...to).map { r in columns.map { dataset.values[$0][r] } },
            labels: regimes?.labels ?? Array(repeating: 0, count: to - first + 1),
            regimeNames: regimes?.names ?? ["history"], regimeSource: regimes?.source)
        if let c = m.optional("risk_free") {
            let (column, name) = try HistoricalRegimesLoader.series(c, dataset: dataset, rows: from...to)
            // The compounded rate over the months that count (a replay's warm-up does not).
            let growth = (from...to).reduce(1.0) { $0 * (1 + dataset.values[column][$1]) }
            market.riskFree = (name, pow(growth, 12 / Double(to - from + 1)) - 1)
        }
        let use: RecordedMarketUse
        if bootstrap {
            let block = try m.optional("mean_block_months")?.double(in: 1...1200, "mean block length") ?? 12
            let follow = try m.optional("follow_regimes").map { (c) throws(InputError) in try c.bool() } ?? false
            if follow && regimes == nil { throw (m.optional("follow_regimes") ?? m.owner).error("follow_regimes needs 'regimes'") }
            use = .bootstrap(
                meanBlockMonths: block,
                chain: follow ? regimes?.chain ?? RegimeChain.estimated(labels: market.labels, regimeCount: market.regimeNames.count) : nil)
        } else {
            let span = to - from + 1
            if let windows = m.optional("windows") {
                let w = try windows.mapping(allowed: ["months", "every"])
                let monthsCursor = try w.required("months")
                let length = try monthsCursor.int()
                guard (1...span).contains(length) else {
                    throw monthsCursor.error("a window of \(length) months does not fit in the \(span) months from \(dataset.months[from]) to \(dataset.months[to])")
                }
                let every = try w.optional("every")?.int() ?? 1
                guard every >= 1 else { throw (w.optional("every") ?? w.owner).error("windows start at least 1 month apart, got \(every)") }
                let starts = Array(stride(from: 0, through: span - length, by: every))
                use = .replay(starts: starts, warmUpMonths: lead, months: length)
            } else {
                use = .replay(starts: [0], warmUpMonths: lead, months: span)
            }
        }
        return .recorded(market, use)
    }

    /// The dataset named by `data:`, a path relative to the scenario file's folder.
    static func loadDataset(_ c: YAMLCursor) throws(InputError) -> Dataset {
        let name = try c.string()
        do {
            return try Dataset.load(path: datasetPath(name, scenarioFile: c.file))
        } catch {
            // A file that cannot be read has no line of its own: point at the scenario's key.
            throw error.line == nil ? c.error("\(name): \(error.reason)") : error
        }
    }

    /// Where a dataset named in a scenario file is: relative to the scenario file's folder.
    static func datasetPath(_ name: String, scenarioFile: String) -> String {
        let folder = (scenarioFile as NSString).deletingLastPathComponent
        return name.hasPrefix("/") || folder.isEmpty ? name : folder + "/" + name
    }

    /// `columns: {asset: column}`: exactly one dataset column per asset.
    static func readColumns(_ c: YAMLCursor, assets: [String], dataset: Dataset) throws(InputError) -> [Int] {
        var found = [Int?](repeating: nil, count: assets.count)
        for (id, (_, value)) in try c.entries() {
            guard let i = assets.firstIndex(of: id) else { throw value.error(ScenarioLoader.unknownAsset(id, assets)) }
            let name = try value.string()
            guard let column = dataset.column(name) else {
                throw value.error("the dataset has no column '\(name)'\(NearestName.hint(name, among: dataset.columns)); its columns are \(dataset.columns.joined(separator: ", "))")
            }
            found[i] = column
        }
        if let missing = found.firstIndex(where: { $0 == nil }) {
            throw c.error("asset '\(assets[missing])' has no column; every asset needs one (columns: {\(assets[missing]): COLUMN})")
        }
        return found.compactMap { $0 }
    }

    /// The rows where every mapped column has data, from the first such row to the last.
    static func availableRows(_ columns: [Int], dataset: Dataset, assets: [String], at c: YAMLCursor) throws(InputError) -> ClosedRange<Int> {
        let complete = dataset.months.indices.filter { r in columns.allSatisfy { !dataset.values[$0][r].isNaN } }
        guard let first = complete.first, let last = complete.last else {
            throw c.error("no month has data in every column the assets map to")
        }
        return first...last
    }

    static func checkComplete(_ columns: [Int], rows: ClosedRange<Int>, dataset: Dataset, assets: [String], at c: YAMLCursor) throws(InputError) {
        for (a, column) in columns.enumerated() {
            if let r = rows.first(where: { dataset.values[column][$0].isNaN }) {
                throw c.error("asset '\(assets[a])' (column \(dataset.columns[column])) has no data for \(dataset.months[r]); "
                    + "choose 'from' and 'to' where every column has data")
            }
        }
    }

    /// The row of a month `YYYY-MM` within the dataset.
    static func month(_ c: YAMLCursor, in dataset: Dataset) throws(InputError) -> Int {
        let text = try c.string()
        guard let month = YearMonth(text) else { throw c.error("'\(text)' is not a month; write YYYY-MM") }
        guard let first = dataset.months.first, let last = dataset.months.last, (first...last).contains(month) else {
            throw c.error("\(month) is outside the dataset's months (\(dataset.months.first.map(\.description) ?? "none") to \(dataset.months.last.map(\.description) ?? "none"))")
        }
        return month.index - first.index
    }
}
