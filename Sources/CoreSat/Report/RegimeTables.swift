import CoreSatEngine

/// The terminal report's per-regime part (only with more than one regime): one table per regime,
/// each policy with a second row for the first months after the market entered the regime, then
/// how well the policies that classify regimes recognised them and how much of the edge of the
/// best-informed one (the highest hit rate: the oracle, if there is one) each kept.
enum RegimeTables {
    static func blocks(_ s: RunSummary) -> [ReportBlock] {
        let entry = "first \(s.regimeEntryMonths) mo"
        var blocks: [ReportBlock] = [
            .heading(
                "By regime (medians across paths; sat wt, turn/yr and drag: means;\n"
                    + "'\(entry)': the first \(s.regimeEntryMonths) months after the market entered the regime)")
        ]
        for (k, regime) in s.regimes.enumerated() {
            blocks.append(
                .heading(
                    "In \(regime.name): \(TableReport.percent(regime.shareOfMonths, 0)) of months, "
                        + "\(TableReport.percent(regime.entryShareOfMonths, 0)) "
                        + "in its first \(s.regimeEntryMonths) months"
                ))
            var table = TextTable(header: [
                "policy", "return", "excess", "TE", "IR", "win/mo", "sat wt", "turn/yr", "drag",
            ])
            for p in s.policies where p.regimes.indices.contains(k) && p.regimeEntries.indices.contains(k) {
                table.rows.append(row(p.name, p.regimes[k], benchmark: p.isBenchmark))
                table.rows.append(row("  " + entry, p.regimeEntries[k], benchmark: p.isBenchmark))
            }
            blocks.append(.table(table))
        }
        // Policies that name regimes, with their hit rate (NaN when the summary lacks it).
        let classifiers = s.policies.compactMap { p in
            p.recognition.map { (policy: p, recognition: $0, hitRate: $0[.hitRate]?.mean ?? .nan) }
        }
        guard let best = classifiers.max(by: { $0.hitRate < $1.hitRate }) else { return blocks }
        let bestEdge = best.policy.versusBenchmark?.cagrDifference.mean ?? .nan
        blocks.append(
            .heading(
                "Regime recognition (hit rate, switches detected: means; delay: median months)\n"
                    + "and the edge kept: mean dCAGR against \(s.benchmark), and its share of the edge of\n"
                    + "the best-informed policy, \(best.policy.name)"))
        var table = TextTable(header: ["policy", "hit rate", "delay", "detected", "dCAGR", "kept"])
        for (p, r, hitRate) in classifiers {
            let edge = p.versusBenchmark?.cagrDifference.mean ?? .nan
            table.rows.append([
                p.name, TableReport.percent(hitRate, 1), TableReport.number(r[.detectionDelay]?.median ?? .nan),
                TableReport.percent(r[.switchesDetected]?.mean ?? .nan, 1), TableReport.signedPercent(edge),
                bestEdge > 0 ? TableReport.percent(edge / bestEdge, 0) : "n/a",
            ])
        }
        return blocks + [.table(table)]
    }

    /// The benchmark has no figures against itself: a dash.
    static func row(_ label: String, _ b: RegimeBucketSummary, benchmark: Bool) -> [String] {
        func relative(_ f: RegimeFigure, _ format: (Double) -> String) -> String {
            benchmark ? "-" : format(b.distribution(f).median)
        }
        return [
            label, TableReport.percent(b.distribution(.annualReturn).median),
            relative(.excessReturn, TableReport.signedPercent), relative(.trackingError) { TableReport.percent($0) },
            relative(.informationRatio, TableReport.number), relative(.winRate) { TableReport.percent($0, 1) },
            TableReport.percent(b.distribution(.satelliteWeight).mean, 1),
            TableReport.percent(b.distribution(.annualTurnover).mean, 1),
            TableReport.percent(b.distribution(.costDrag).mean),
        ]
    }
}
