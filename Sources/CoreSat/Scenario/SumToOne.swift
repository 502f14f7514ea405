/// Weights and probabilities a scenario gives must sum to 1 within one tolerance, the same for
/// policy weights, transition rows and start distributions; what is accepted is then scaled to sum
/// to 1 as closely as doubles allow, so the engine never sees the slack.
enum SumToOne {
    /// Six decimals: room for 1/3 written as 0.333333, none for a weight left out.
    static let tolerance = 1e-6

    /// Nil when `values` sum to 1 within the tolerance; otherwise what they sum to ("0.95, 0.05
    /// short of 1"), for a message "weights sum to ...".
    static func shortfall(_ values: [Double]) -> String? {
        let total = values.reduce(0, +)
        guard abs(total - 1) > tolerance else { return nil }
        let gap = total - 1
        return "\(YAMLCursor.show(total)), \(YAMLCursor.show(abs(gap))) \(gap > 0 ? "over" : "short of") 1"
    }

    static func normalised(_ values: [Double]) -> [Double] {
        let total = values.reduce(0, +)
        return values.map { $0 / total }
    }
}
