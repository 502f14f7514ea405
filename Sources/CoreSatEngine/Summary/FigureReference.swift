/// A number from a run's summary that an expectation can name, like `max_drawdown.p05`,
/// `terminal_wealth.median`, `probability_of_loss`, `cagr_difference.ci95_low`,
/// `probability_outperform`, `regime[calm].excess_return.median` or `regime_hit_rate.mean`.
public enum FigureReference: Sendable, Equatable, CustomStringConvertible {
    case metric(PathFigure, Statistic)
    /// Against another policy: the benchmark unless the expectation names one.
    case relative(RelativeFigure, Statistic)
    case probabilityOfLoss
    case probabilityOfDepletion
    case probabilityOutperform
    /// A figure over the months of one regime bucket (see `RegimeFigureName` for the names).
    case regime(RegimeBucketReference, RegimeQuantity, Statistic)
    /// How well a policy that classifies regimes recognised them.
    case recognition(RecognitionFigure, Statistic)

    public static let probabilityOfLossName = "probability_of_loss"
    public static let probabilityOfDepletionName = "probability_of_depletion"
    public static let probabilityOutperformName = "probability_outperform"

    /// Every name an expectation may use, for error messages and suggestions.
    public static var allNames: [String] {
        let stats = statisticNames
        return PathFigure.allCases.flatMap { f in stats.map { "\(f.key).\($0)" } }
            + RelativeFigure.allCases.flatMap { f in stats.map { "\(f.key).\($0)" } }
            + [probabilityOfLossName, probabilityOfDepletionName, probabilityOutperformName]
            + RecognitionFigure.allCases.flatMap { f in stats.map { "\(f.key).\($0)" } }
    }

    static let statisticNames = Statistic.allCases.map(\.rawValue) + ["p50"]

    static func statistic(_ name: String) -> Statistic? { Statistic(rawValue: name == "p50" ? "median" : name) }

    /// Parses `figure.statistic` or one of the two probabilities; nil when the name is unknown.
    public init?(_ name: String) {
        if name == Self.probabilityOfLossName { self = .probabilityOfLoss; return }
        if name == Self.probabilityOfDepletionName { self = .probabilityOfDepletion; return }
        if name == Self.probabilityOutperformName { self = .probabilityOutperform; return }
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let statistic = Self.statistic(parts[1]) else { return nil }
        if let figure = PathFigure.allCases.first(where: { $0.key == parts[0] }) {
            self = .metric(figure, statistic)
        } else if let figure = RelativeFigure.allCases.first(where: { $0.key == parts[0] }) {
            self = .relative(figure, statistic)
        } else if let figure = RecognitionFigure.allCases.first(where: { $0.key == parts[0] }) {
            self = .recognition(figure, statistic)
        } else {
            return nil
        }
    }

    /// Whether the figure compares two policies.
    public var isRelative: Bool {
        switch self {
        case .relative, .probabilityOutperform: true
        case .regime(_, .figure(let f), _): f.isRelative
        case .metric, .probabilityOfLoss, .probabilityOfDepletion, .regime, .recognition: false
        }
    }

    /// Whether it can be computed against any policy, not only the benchmark: the path-by-path CAGR
    /// difference and the probability of beating it need only each path's CAGR, which is kept.
    public var worksAgainstAnyPolicy: Bool {
        switch self {
        case .relative(.cagrDifference, _), .probabilityOutperform: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .metric(let f, let s): "\(f.key).\(s.rawValue)"
        case .relative(let f, let s): "\(f.key).\(s.rawValue)"
        case .probabilityOfLoss: Self.probabilityOfLossName
        case .probabilityOfDepletion: Self.probabilityOfDepletionName
        case .probabilityOutperform: Self.probabilityOutperformName
        case .regime(let bucket, let quantity, let s): "\(bucket).\(quantity).\(s.rawValue)"
        case .recognition(let f, let s): "\(f.key).\(s.rawValue)"
        }
    }
}

/// A measured figure and its Monte Carlo standard error.
public struct Estimate: Sendable, Equatable {
    public var value: Double
    public var standardError: Double

    /// A share of `paths`: its binomial standard error, with (k + 1) / (n + 2) in place of k / n so
    /// that a share of exactly 0 or 1 is not treated as certain.
    public static func share(_ p: Double, paths: Int) -> Estimate {
        let n = Double(paths)
        let smoothed = (p * n + 1) / (n + 2)
        return Estimate(value: p, standardError: (smoothed * (1 - smoothed) / n).squareRoot())
    }
}

extension RunSummary {
    /// The figure for a policy, against `versus` for relative figures (nil: the benchmark).
    /// Against another policy only `cagr_difference` and `probability_outperform` exist (they need
    /// only each path's CAGR); other relative figures, and a policy against itself, are NaN.
    public func measure(_ figure: FigureReference, policy: Int, versus: Int?, columns: some PathColumns) throws -> Estimate {
        let p = policies[policy]
        let against = versus ?? benchmarkIndex
        switch figure {
        case .metric(let f, let s):
            let d = p.figures[f]!
            return Estimate(value: d.value(s), standardError: d.standardError(s))
        case .probabilityOfLoss:
            return .share(p.probabilityOfLoss, paths: paths)
        case .probabilityOfDepletion:
            return .share(p.probabilityOfDepletion, paths: paths)
        case .relative(let f, let s):
            let d: Distribution
            if let vs = p.versusBenchmark, against == benchmarkIndex {
                d = vs.distribution(f)
            } else if f == .cagrDifference && against != policy {
                // Against another policy only the CAGR difference can be formed (from each path's CAGR).
                d = Distribution(zip(try columns.values(policy: policy, .cagr), try columns.values(policy: against, .cagr)).map { $0 - $1 })
            } else {
                return Estimate(value: .nan, standardError: .nan)
            }
            return Estimate(value: d.value(s), standardError: d.standardError(s))
        case .probabilityOutperform:
            if let vs = p.versusBenchmark, against == benchmarkIndex {
                return .share(vs.probabilityOutperform, paths: paths)
            }
            guard against != policy else { return Estimate(value: .nan, standardError: .nan) }
            let own = try columns.values(policy: policy, .cagr), other = try columns.values(policy: against, .cagr)
            let wins = zip(own, other).filter { $0 > $1 }.count
            return .share(Double(wins) / Double(paths), paths: paths)
        case .regime(let bucket, let quantity, let s):
            let buckets = bucket.entry ? p.regimeEntries : p.regimes
            guard buckets.indices.contains(bucket.regime) else { return Estimate(value: .nan, standardError: .nan) }
            let d: Distribution
            switch quantity {
            case .figure(let f):
                // Against the benchmark only, and never against itself.
                if f.isRelative && (p.isBenchmark || against != benchmarkIndex) { return Estimate(value: .nan, standardError: .nan) }
                d = buckets[bucket.regime].distribution(f)
            case .weight(let satellite, _):
                guard buckets[bucket.regime].weights.indices.contains(satellite) else { return Estimate(value: .nan, standardError: .nan) }
                d = buckets[bucket.regime].weights[satellite]
            }
            return Estimate(value: d.value(s), standardError: d.standardError(s))
        case .recognition(let f, let s):
            guard let d = p.recognition?[f] else { return Estimate(value: .nan, standardError: .nan) }
            return Estimate(value: d.value(s), standardError: d.standardError(s))
        }
    }
}
