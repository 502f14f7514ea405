/// Figures computed for every path and policy over the months of one regime bucket: the months
/// the market spent in a regime, or the first months after it entered one (see `RegimeBuckets`).
/// Each satellite asset's average weight follows them in the record (`weight.<asset id>`).
public enum RegimeFigure: Int, CaseIterable, Sendable {
    case annualReturn, excessReturn, trackingError, informationRatio, winRate
    case annualTurnover, costDrag, coreContribution, satelliteContribution, satelliteWeight

    public var key: String {
        switch self {
        case .annualReturn: "annual_return"
        case .excessReturn: "excess_return"
        case .trackingError: "tracking_error"
        case .informationRatio: "information_ratio"
        case .winRate: "win_rate"
        case .annualTurnover: "annual_turnover"
        case .costDrag: "cost_drag"
        case .coreContribution: "core_contribution"
        case .satelliteContribution: "satellite_contribution"
        case .satelliteWeight: "satellite_weight"
        }
    }

    /// Figures against the benchmark: undefined for the benchmark itself.
    public var isRelative: Bool {
        switch self {
        case .excessReturn, .trackingError, .informationRatio, .winRate: true
        default: false
        }
    }

    static let count = allCases.count
    /// The prefix of a satellite asset's weight in column and report names: `weight.<asset id>`.
    public static let weightPrefix = "weight"
}

/// How well a policy that names the regime it believes in (`Policy.classifiesRegimes`) recognised
/// the true one, per path.
public enum RecognitionFigure: Int, CaseIterable, Sendable {
    /// Share of months whose belief was the true regime (months without a belief count as wrong).
    case hitRate
    /// Mean months from a true regime change to the first month believed to be in the new regime,
    /// over the changes detected before the regime changed again or the path ended.
    case detectionDelay
    /// Share of true regime changes detected in that sense.
    case switchesDetected

    public var key: String {
        switch self {
        case .hitRate: "regime_hit_rate"
        case .detectionDelay: "detection_delay"
        case .switchesDetected: "switches_detected"
        }
    }

    static let count = allCases.count
}
