import CoreSatEngine
import Foundation

/// The regimes of a recorded market's months (`market: regimes:`).
struct HistoricalRegimes {
    var names: [String]
    /// One per row of the market's months.
    var labels: [Int32]
    /// How they were found, in words for reports.
    var source: String
    /// The chain a regime-following bootstrap uses; nil: the one the labels show.
    var chain: RegimeChain?
}

/// Reads `regimes:` under a recorded market. Kinds:
/// - `periods`: named date ranges, and `otherwise` for the months they leave out;
/// - `drawdown`: bull and bear markets of one column, dated ex post (`RegimeLabels.bullBear`);
/// - `relative-strength`: which of two columns leads over a trailing window, against its median;
/// - `fitted`: a Gaussian Markov-switching model fitted to columns' log returns (`MarkovSwitchingFit`),
///   each month in its likeliest smoothed regime, and the fitted chain for a bootstrap to follow.
enum HistoricalRegimesLoader {
    enum Kind: String, CaseIterable {
        case periods, drawdown
        case relativeStrength = "relative-strength"
        case fitted
    }

    /// `rows`: the dataset rows the market uses; rules may read the rows before them.
    static func read(_ c: YAMLCursor, dataset: Dataset, rows: ClosedRange<Int>) throws(InputError) -> HistoricalRegimes {
        let probe = try c.mapping(allowed: [
            "kind", "periods", "otherwise", "column", "versus", "fall", "rise", "months", "median_months", "names", "regimes",
            "columns", "restarts", "seed",
        ])
        switch try probe.required("kind").choice(Kind.self) {
        case .periods: return try periods(c.mapping(allowed: ["kind", "periods", "otherwise"]), dataset: dataset, rows: rows)
        case .drawdown:
            let m = try c.mapping(allowed: ["kind", "column", "fall", "rise", "names"])
            let (column, _) = try series(m.required("column"), dataset: dataset, rows: rows)
            let stretch = complete(column, dataset: dataset, around: rows)
            let fall = try m.optional("fall")?.double(in: 0.01...0.99, excludingLower: false, "fall") ?? 0.2
            let rise = try m.optional("rise")?.double(in: 0.01...10, excludingLower: false, "rise") ?? 0.2
            let labels = RegimeLabels.bullBear(returns: stretch.map { dataset.values[column][$0] }, fall: fall, rise: rise)
            return HistoricalRegimes(
                names: try names(m, default: ["bear", "bull"]),
                labels: Array(labels[(rows.lowerBound - stretch.lowerBound)...(rows.upperBound - stretch.lowerBound)]),
                source: "bull and bear markets of \(dataset.columns[column]) (falls of \(Int((fall * 100).rounded()))%, rises of \(Int((rise * 100).rounded()))%), dated with hindsight")
        case .fitted:
            return try fitted(c.mapping(allowed: ["kind", "regimes", "columns", "restarts", "seed", "names"]), dataset: dataset, rows: rows)
        case .relativeStrength:
            let m = try c.mapping(allowed: ["kind", "column", "versus", "months", "median_months", "names"])
            let (a, aName) = try series(m.required("column"), dataset: dataset, rows: rows)
            let (b, bName) = try series(m.required("versus"), dataset: dataset, rows: rows)
            let months = try m.optional("months")?.int() ?? 12
            let medianMonths = try m.optional("median_months")?.int() ?? 60
            for (key, n) in [("months", months), ("median_months", medianMonths)] where n < 1 || n > 600 {
                throw (m.optional(key) ?? m.owner).error("\(key) must be 1 to 600, got \(n)")
            }
            let stretch = complete(a, dataset: dataset, around: rows).clamped(to: complete(b, dataset: dataset, around: rows))
            let labels = RegimeLabels.relativeStrength(
                stretch.map { dataset.values[a][$0] }, stretch.map { dataset.values[b][$0] }, months: months, medianMonths: medianMonths)
            let needed = months + medianMonths - 2
            guard labels[rows.lowerBound - stretch.lowerBound] != nil else {
                throw m.owner.error(
                    "the relative-strength rule needs \(needed) months of \(aName) and \(bName) before \(dataset.months[rows.lowerBound]) "
                        + "(months + median_months - 2) but they start \(dataset.months[stretch.lowerBound]); start later or shorten the windows")
            }
            return HistoricalRegimes(
                names: try names(m, default: ["\(aName) leads", "\(bName) leads"]),
                labels: rows.map { labels[$0 - stretch.lowerBound] ?? 0 },
                source: "\(aName) against \(bName): \(months)-month relative strength above or below its \(medianMonths)-month median")
        }
    }

    /// Fits on the log returns of the months the market uses; regimes are ordered by the first
    /// column's mean, lowest first.
    static func fitted(_ m: YAMLMapping, dataset: Dataset, rows: ClosedRange<Int>) throws(InputError) -> HistoricalRegimes {
        let countCursor = try m.required("regimes")
        let k = try countCursor.int()
        guard (2...6).contains(k) else { throw countCursor.error("a fit needs 2 to 6 regimes, got \(k)") }
        let columnsCursor = try m.required("columns")
        let columns = try columnsCursor.sequence().map { (c) throws(InputError) in try series(c, dataset: dataset, rows: rows) }
        guard !columns.isEmpty, Set(columns.map(\.0)).count == columns.count else {
            throw columnsCursor.error("list one or more different dataset columns to fit")
        }
        let restarts = try m.optional("restarts").map { (c) throws(InputError) in
            let n = try c.int()
            guard (0...1000).contains(n) else { throw c.error("restarts must be 0 to 1000, got \(n)") }
            return n
        } ?? 20
        let options = RegimeFitOptions(
            regimeCount: k, restarts: restarts,
            seed: try m.optional("seed").map { (c) throws(InputError) in try ScenarioLoader.seedValue(c) } ?? 1,
            threads: ProcessInfo.processInfo.activeProcessorCount)  // the fit is the same on any number of threads
        let fit: RegimeFit
        do {
            fit = try MarkovSwitchingFit.fit(rows.map { r in columns.map { log1p(dataset.values[$0.0][r]) } }, options: options)
        } catch {
            throw m.owner.error("the regime fit failed: \(error.description)")
        }
        let names = columns.map(\.1).joined(separator: ", ")
        return HistoricalRegimes(
            names: try self.names(m, default: RegimeFitNames.defaults(k)),
            labels: fit.smoothedProbabilities.map { p in Int32(p.indices.max { p[$0] < p[$1] } ?? 0) },
            source: "a \(k)-regime Markov-switching fit of \(names) (log-likelihood \(String(format: "%.3f", fit.logLikelihood)), "
                + "BIC \(String(format: "%.1f", fit.bic))), each month in its likeliest regime" + (fit.warning.map { "; \($0)" } ?? ""),
            chain: RegimeChain(transition: fit.transition, start: fit.ergodic))
    }

    static func periods(_ m: YAMLMapping, dataset: Dataset, rows: ClosedRange<Int>) throws(InputError) -> HistoricalRegimes {
        var names: [String] = []
        var labels = [Int32?](repeating: nil, count: rows.count)
        for item in try m.required("periods").sequence() {
            let p = try item.mapping(allowed: ["name", "from", "to"])
            let name = try p.required("name").string()
            let fromCursor = try p.required("from"), toCursor = try p.required("to")
            let from = try RecordedMarketLoader.month(fromCursor, in: dataset), to = try RecordedMarketLoader.month(toCursor, in: dataset)
            guard from <= to else { throw toCursor.error("'to' (\(dataset.months[to])) is before 'from' (\(dataset.months[from]))") }
            if !names.contains(name) { names.append(name) }
            let label = Int32(names.firstIndex(of: name) ?? 0)
            for r in from...to where rows.contains(r) {
                if let other = labels[r - rows.lowerBound] {
                    throw item.error("\(dataset.months[r]) is already in a period of '\(names[Int(other)])'; periods may not overlap")
                }
                labels[r - rows.lowerBound] = label
            }
        }
        if let c = m.optional("otherwise") {
            let name = try c.string()
            if !names.contains(name) { names.append(name) }
            let label = Int32(names.firstIndex(of: name) ?? 0)
            labels = labels.map { $0 ?? label }
        } else if let gap = labels.firstIndex(where: { $0 == nil }) {
            throw m.owner.error("\(dataset.months[rows.lowerBound + gap]) is in no period; add one or name the rest with 'otherwise'")
        }
        if names.isEmpty { throw m.owner.error("at least one period is needed") }
        return HistoricalRegimes(names: names, labels: labels.map { $0 ?? 0 }, source: "labelled periods")
    }

    /// A dataset column named by a rule, which must have data in every row the market uses.
    static func series(_ c: YAMLCursor, dataset: Dataset, rows: ClosedRange<Int>) throws(InputError) -> (Int, String) {
        let name = try c.string()
        guard let column = dataset.column(name) else {
            throw c.error("the dataset has no column '\(name)'\(NearestName.hint(name, among: dataset.columns)); its columns are \(dataset.columns.joined(separator: ", "))")
        }
        if let r = rows.first(where: { dataset.values[column][$0].isNaN }) {
            throw c.error("column \(name) has no data for \(dataset.months[r])")
        }
        return (column, name)
    }

    /// The longest run of rows with data in `column` that holds `rows`.
    static func complete(_ column: Int, dataset: Dataset, around rows: ClosedRange<Int>) -> ClosedRange<Int> {
        var first = rows.lowerBound, last = rows.upperBound
        while first > 0 && !dataset.values[column][first - 1].isNaN { first -= 1 }
        while last + 1 < dataset.months.count && !dataset.values[column][last + 1].isNaN { last += 1 }
        return first...last
    }

    /// `names: [a, b]`, in the order of the rule's labels.
    static func names(_ m: YAMLMapping, default fallback: [String]) throws(InputError) -> [String] {
        guard let c = m.optional("names") else { return fallback }
        let names = try c.sequence().map { (n) throws(InputError) in try n.string() }
        guard names.count == fallback.count else { throw c.error("expected \(fallback.count) names, found \(names.count)") }
        guard Set(names).count == names.count else { throw c.error("regime names must differ") }
        return names
    }
}
