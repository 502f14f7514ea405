/// Which statistics the reports give for each kind of figure: the JSON and CSV reports, and the
/// baselines that compare them, all read this one list.
public enum ReportedStatistics {
    public static let distribution: [(String, Statistic)] = [
        ("mean", .mean), ("median", .median), ("p05", .p05), ("p25", .p25), ("p75", .p75), ("p95", .p95),
    ]
    public static let terminalWealth: [(String, Statistic)] = [
        ("p05", .p05), ("p25", .p25), ("p50", .median), ("p75", .p75), ("p95", .p95), ("mean", .mean),
    ]
    public static let cagrDifference: [(String, Statistic)] = [
        ("mean", .mean), ("ci95_low", .ci95Low), ("ci95_high", .ci95High), ("median", .median), ("p05", .p05),
        ("p25", .p25), ("p75", .p75), ("p95", .p95),
    ]
    /// Per-path counts of a policy's decisions and fallbacks: only their means.
    public static let perPathMean: [(String, Statistic)] = [("per_path", .mean)]
}
