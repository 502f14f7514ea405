/// Per-path figures of every policy. Memory grows with paths x policies, never with months or assets.
public struct SimulationResult: Sendable {
    public let paths: Int
    public let months: Int
    public let policyNames: [String]
    public let benchmark: Int
    public let regimeNames: [String]
    /// [policy][figure][path]
    let figures: [Double]
    /// [policy][relative figure][path]
    let relative: [Double]
    /// [regime][path]: share of the path's months spent in each regime.
    let regimeShares: [Double]

    static func figureIndex(policy: Int, _ figure: PathFigure, path: Int, paths: Int) -> Int {
        (policy * PathFigure.count + figure.rawValue) * paths + path
    }

    static func relativeIndex(policy: Int, _ figure: RelativeFigure, path: Int, paths: Int) -> Int {
        (policy * RelativeFigure.count + figure.rawValue) * paths + path
    }

    /// The figure for every path, in path order.
    public func values(policy: Int, _ figure: PathFigure) -> ArraySlice<Double> {
        let start = Self.figureIndex(policy: policy, figure, path: 0, paths: paths)
        return figures[start..<(start + paths)]
    }

    public func values(policy: Int, _ figure: RelativeFigure) -> ArraySlice<Double> {
        let start = Self.relativeIndex(policy: policy, figure, path: 0, paths: paths)
        return relative[start..<(start + paths)]
    }

    public func regimeShares(_ regime: Int) -> ArraySlice<Double> {
        regimeShares[(regime * paths)..<((regime + 1) * paths)]
    }
}

extension PathFigure {
    static let count = allCases.count
}

extension RelativeFigure {
    static let count = allCases.count
}
