/// The style factors of the simulated stock universe, in the order of its score and premium arrays.
/// A higher score means more of the factor: cheaper (value), faster growing, higher quality, calmer
/// (low volatility), stronger trailing return (momentum), higher yield (dividend), larger (size).
public enum StyleFactor: String, CaseIterable, Sendable {
    case value, growth, quality, lowVolatility = "low_volatility", momentum, dividend, size

    /// The factors whose scores are latent AR(1) characteristics (firm data a real index reads from
    /// reports); the others are computed from the simulated returns and caps.
    public static let characteristics: [StyleFactor] = [.value, .growth, .quality, .dividend]

    /// Position in `allCases`, the index of the factor in score rows and premium arrays.
    public var index: Int {
        switch self {
        case .value: 0
        case .growth: 1
        case .quality: 2
        case .lowVolatility: 3
        case .momentum: 4
        case .dividend: 5
        case .size: 6
        }
    }
}
