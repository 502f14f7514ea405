import Foundation

/// `run --format csv`: one tidy row per number (policy, section, figure, statistic, value).
public enum CSVReport {
    public static func render(_ s: RunSummary) -> String {
        var lines = ["policy,section,figure,statistic,value"]
        func add(_ policy: String, _ section: String, _ figure: String, _ statistic: String, _ value: Double) {
            lines.append([quote(policy), section, figure, statistic, value.isFinite ? "\(value)" : ""].joined(separator: ","))
        }
        for p in s.policies {
            for f in PathFigure.allCases {
                let d = p.figures[f]!
                for (stat, v) in [("mean", d.mean), ("median", d.median), ("p05", d.p05), ("p25", d.p25), ("p75", d.p75), ("p95", d.p95), ("standard_error", d.standardError)] {
                    add(p.name, "metrics", f.key, stat, v)
                }
            }
            add(p.name, "outcome", "probability_of_loss", "value", p.probabilityOfLoss)
            guard let c = p.versusBenchmark else { continue }
            let ci = c.cagrDifference.confidence95
            add(p.name, "vs_benchmark", "cagr_difference", "mean", c.cagrDifference.mean)
            add(p.name, "vs_benchmark", "cagr_difference", "ci95_low", ci.low)
            add(p.name, "vs_benchmark", "cagr_difference", "ci95_high", ci.high)
            add(p.name, "vs_benchmark", "probability_outperform", "value", c.probabilityOutperform)
            for (name, d) in [("tracking_error", c.trackingError), ("information_ratio", c.informationRatio), ("win_rate", c.winRate)] {
                for (stat, v) in [("mean", d.mean), ("median", d.median), ("p05", d.p05), ("p95", d.p95)] {
                    add(p.name, "vs_benchmark", name, stat, v)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
