import CoreSatEngine

/// The index lab's tables: for each built index, what it returned and cost, how far it strayed
/// from its parent segment, how it traded and how much money it could take, and its average
/// exposure to each style factor: medians across paths (5th-95th percentile for the return).
enum IndexLabTables {
    /// The indices named in the market's figures (`index[ID].figure`), in the model's order.
    static func indices(_ m: MarketFigureSummary) -> [String] {
        var ids: [String] = []
        for name in m.names {
            guard let id = LabIndex.parse(figureName: name)?.index else { continue }
            if ids.last != id { ids.append(id) }
        }
        return ids
    }

    static func count(_ x: Double) -> String { x.isFinite ? String(Int(x.rounded())) : "n/a" }

    static func blocks(_ m: MarketFigureSummary) -> [ReportBlock] {
        let ids = indices(m)
        guard !ids.isEmpty else { return [] }
        func median(_ id: String, _ figure: String) -> Double { m.distribution(LabIndex.figureName(index: id, figure))?.median ?? .nan }
        var built = TextTable(header: [
            "index", "return", "p05..p95", "volatility", "TE", "turnover", "cost/yr", "stocks", "largest", "capacity",
        ], maxWidth: 120)
        for id in ids {
            let annual = m.distribution(LabIndex.figureName(index: id, "annual_return"))
            built.rows.append([
                id, TableReport.percent(annual?.median ?? .nan),
                "\(TableReport.percent(annual?.p05 ?? .nan, 1))..\(TableReport.percent(annual?.p95 ?? .nan, 1))",
                TableReport.percent(median(id, "volatility")), TableReport.percent(median(id, "tracking_error")),
                TableReport.percent(median(id, "turnover"), 1), TableReport.percent(median(id, "cost")),
                count(median(id, "constituents")), TableReport.percent(median(id, "largest_weight"), 1),
                TableReport.money(median(id, "capacity")),
            ])
        }
        let factors = StyleFactor.allCases.map(\.rawValue)
        var exposures = TextTable(header: ["index"] + factors, maxWidth: 120)
        for id in ids {
            exposures.rows.append([id] + factors.map { TableReport.number(median(id, "exposure." + $0)) })
        }
        let shortfalls: [ReportBlock] = ids.compactMap { id in
            guard let share = m.distribution(LabIndex.figureName(index: id, "shortfall"))?.mean, share > 0 else { return nil }
            return .note("note: \(id) fell short of its rule (no stock to select, or caps out of reach) at "
                + "\(TableReport.percent(share, 1)) of reviews (mean across paths)")
        }
        return [
            .heading("Index lab: the built indices (medians across paths; return 5th to 95th percentile)"),
            .table(built),
        ] + shortfalls + [
            .paragraph("Return and volatility are the index's, net of its trading costs but before a fund's fee; TE is the tracking "
                + "error to the cap-weighted index of its segment; turnover is one-way per review; capacity is the most money "
                + "the index can hold while owning at most 5% of any constituent's free float."),
            .heading("Index lab: average factor exposure at reviews (weighted standardized score, median across paths)"),
            .table(exposures),
        ]
    }
}
