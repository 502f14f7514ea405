import CoreSatEngine
import Foundation

/// What `coresat validate` lists: each asset as the scenario describes it, and each policy's targets
/// and rule (a sweep's cells are not listed: `validate` counts them).
public enum AssetTable {
    public static func render(_ s: Scenario) -> String {
        ReportBlock.text(blocks(s))
    }

    /// The assets table, then the policies table, each after a blank line.
    public static func blocks(_ s: Scenario) -> [ReportBlock] {
        [.blank, .table(assets(s)), .blank, .table(policies(s))]
    }

    static func assets(_ s: Scenario) -> TextTable {
        var assets = TextTable(header: ["asset", "name", "sleeve", "kind", "fee/yr"], textColumns: [0, 1, 2, 3])
        for a in s.assets {
            assets.rows.append([a.id, a.name, a.sleeve.rawValue, a.kind.rawValue, TableReport.percent(a.expenseRatio)])
        }
        return assets
    }

    static func policies(_ s: Scenario) -> TextTable {
        var policies = TextTable(header: ["policy", "core", "satellite", "review", "rule"], textColumns: [0, 3, 4])
        for p in s.policies.prefix(s.sweep?.firstCell ?? s.policies.count) {
            let core = zip(s.assets, p.targets).filter { $0.0.sleeve == .core }.reduce(0) { $0 + $1.1 }
            policies.rows.append([
                p.name, TableReport.percent(core, 1), TableReport.percent(1 - core, 1), describe(p.review),
                p.rule.kindName,
            ])
        }
        return policies
    }

    static func describe(_ rule: RebalanceRule) -> String {
        switch rule {
        case .never: "never"
        case .calendar(let months): months == 1 ? "monthly" : "every \(months) months"
        case .bands(let absolute, let relative):
            "bands "
                + [
                    absolute.map { "±" + TableReport.percent($0, 1) },
                    relative.map { "±" + TableReport.percent($0, 0) + " of target" },
                ]
                .compactMap { $0 }.joined(separator: ", ")
        }
    }
}
