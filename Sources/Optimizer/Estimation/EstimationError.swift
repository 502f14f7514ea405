/// Why moments could not be estimated from the given returns.
public enum EstimationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer than two months: no covariance can be estimated.
    case tooFewMonths(Int)
    /// No assets.
    case noAssets
    /// The returns array does not hold months x assets values.
    case sizeMismatch(expected: Int, actual: Int)
    /// A NaN or infinite return (month and asset counted from 0).
    case nonFiniteReturn(month: Int, asset: Int)
    /// An exponential half-life that is not positive and finite.
    case invalidHalfLife(Double)

    public var reason: String {
        switch self {
        case .tooFewMonths(let months): "at least 2 months of returns are needed, got \(months)"
        case .noAssets: "at least 1 asset is needed"
        case .sizeMismatch(let expected, let actual): "expected \(expected) returns (months x assets), got \(actual)"
        case .nonFiniteReturn(let month, let asset): "the return of asset \(asset) in month \(month) is not finite"
        case .invalidHalfLife(let halfLife): "the half-life must be a positive number of months, got \(halfLife)"
        }
    }

    public var description: String { "cannot estimate moments: \(reason)" }
}
