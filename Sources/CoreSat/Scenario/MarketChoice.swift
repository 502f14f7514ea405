/// Which market block a scenario runs: its one `market:`, or one of its named `markets:` (the
/// first unless asked for another), so one file can hold a backtest, rolling windows and a
/// bootstrap of the same history beside the same policies.
struct MarketChoice {
    let cursor: YAMLCursor
    /// nil for a single `market:`.
    let name: String?
    let names: [String]

    init(_ top: YAMLMapping, file: String, selected: String?) throws(InputError) {
        switch (top.optional("market"), top.optional("markets")) {
        case (let single?, nil):
            if let selected {
                throw InputError(file: "--market", reason: "'\(selected)': \(file) has one market, not named ones (markets:)")
            }
            (cursor, name, names) = (single, nil, [])
        case (nil, let named?):
            let entries = try named.entries()
            guard let first = entries.first else { throw named.error("name at least one market") }
            names = entries.map(\.0)
            let chosen = selected ?? first.0
            guard let entry = entries.first(where: { $0.0 == chosen }) else {
                throw InputError(file: "--market", reason: "unknown market '\(chosen)'\(NearestName.hint(chosen, among: names)); \(file) has \(names.joined(separator: ", "))")
            }
            (cursor, name) = (entry.1.value, chosen)
        case (_?, let named?):
            throw named.error("give either market: or markets:, not both")
        case (nil, nil):
            throw top.owner.error("missing required key 'market'")
        }
    }
}
