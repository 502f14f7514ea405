import CoreSatEngine

/// A property a scenario promises, checked by `coresat check`: a figure of a policy (against
/// another policy for relative figures), a comparison and a threshold.
public struct Expectation: Sendable {
    public enum Comparison: Sendable, Equatable, CustomStringConvertible {
        case atLeast(Double)
        case atMost(Double)
        case between(Double, Double)

        public var description: String {
            switch self {
            case .atLeast(let x): ">= \(Self.show(x))"
            case .atMost(let x): "<= \(Self.show(x))"
            case .between(let a, let b): "between \(Self.show(a)) and \(Self.show(b))"
            }
        }

        static func show(_ x: Double) -> String { CheckResult.show(x) }

        /// Distance from `value` to the nearest threshold (how far it is from flipping).
        func margin(_ value: Double) -> Double {
            switch self {
            case .atLeast(let t), .atMost(let t): abs(value - t)
            case .between(let a, let b): min(abs(value - a), abs(value - b))
            }
        }

        func holds(_ value: Double, widenedBy w: Double) -> Bool {
            switch self {
            case .atLeast(let t): value >= t - w
            case .atMost(let t): value <= t + w
            case .between(let a, let b): value >= a - w && value <= b + w
            }
        }
    }

    public enum Tolerance: Sendable, Equatable {
        case none
        /// Widen the threshold by z Monte Carlo standard errors of the figure.
        case auto
        /// Widen the threshold by a fixed amount.
        case absolute(Double)
    }

    public var label: String?
    public var policy: Int
    /// For relative figures: the policy compared against (nil: the benchmark).
    public var versus: Int?
    public var figure: FigureReference
    public var comparison: Comparison
    public var tolerance: Tolerance
    /// Standard errors that count as noise (default 3).
    public var z: Double

    public static let defaultZ = 3.0
    /// Fewer paths give no standard error (quantiles, means) or one too uncertain to widen a
    /// threshold by (a share from 1 path has s.e. 0.47), so `tolerance: auto` is not applied.
    public static let minimumPathsForAutoTolerance = 30
}
