import CoreSatEngine

/// The terminal report's per-regime part (only with more than one regime): one table per regime,
/// each policy with a second row for the first months after the market entered the regime, then
/// how well the policies that classify regimes recognised them and how much of the edge of the
/// best-informed one (the highest hit rate: the oracle, if there is one) each kept.
enum RegimeTables {
    static func render(_ s: RunSummary) -> String {
        let entry = "first \(s.regimeEntryMonths) mo"
        var out = "\nBy regime (medians across paths; sat wt, turn/yr and drag: means;\n"
        out += "'\(entry)': the first \(s.regimeEntryMonths) months after the market entered the regime)\n"
        for (k, regime) in s.regimes.enumerated() {
            out += "\nIn \(regime.name): \(TableReport.percent(regime.shareOfMonths, 0)) of months, "
                + "\(TableReport.percent(regime.entryShareOfMonths, 0)) in its first \(s.regimeEntryMonths) months\n"
            var table = TextTable(header: ["policy", "return", "excess", "TE", "IR", "win/mo", "sat wt", "turn/yr", "drag"])
            for p in s.policies {
                table.rows.append(row(p.name, p.regimes[k], benchmark: p.isBenchmark))
                table.rows.append(row("  " + entry, p.regimeEntries[k], benchmark: p.isBenchmark))
            }
            out += table.rendered()
        }
        let classifiers = s.policies.filter { $0.recognition != nil }
        guard !classifiers.isEmpty else { return out }
        let best = classifiers.max { $0.recognition![.hitRate]!.mean < $1.recognition![.hitRate]!.mean }!
        let bestEdge = best.versusBenchmark?.cagrDifference.mean ?? .nan
        out += "\nRegime recognition (hit rate, switches detected: means; delay: median months)\n"
        out += "and the edge kept: mean dCAGR against \(s.benchmark), and its share of the edge of\n"
        out += "the best-informed policy, \(best.name)\n"
        var table = TextTable(header: ["policy", "hit rate", "delay", "detected", "dCAGR", "kept"])
        for p in classifiers {
            let r = p.recognition!
            let edge = p.versusBenchmark?.cagrDifference.mean ?? .nan
            table.rows.append([
                p.name, TableReport.percent(r[.hitRate]!.mean, 1), TableReport.number(r[.detectionDelay]!.median),
                TableReport.percent(r[.switchesDetected]!.mean, 1), TableReport.signedPercent(edge),
                bestEdge > 0 ? TableReport.percent(edge / bestEdge, 0) : "n/a",
            ])
        }
        return out + table.rendered()
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
            TableReport.percent(b.distribution(.annualTurnover).mean, 1), TableReport.percent(b.distribution(.costDrag).mean),
        ]
    }
}
