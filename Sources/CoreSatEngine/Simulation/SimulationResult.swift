/// Where each number of a path's record sits. A path's figures are stored together (one
/// contiguous record per path), so a worker writes one block of memory per path.
struct PathRecordLayout: Sendable {
    let policies: Int
    let regimes: Int

    /// Each policy's figures, its relative figures, and the money it had put in on net.
    var perPolicy: Int { PathFigure.count + RelativeFigure.count + 1 }
    var stride: Int { policies * perPolicy + regimes }

    func offset(policy: Int, _ figure: PathFigure) -> Int { policy * perPolicy + figure.rawValue }
    func offset(policy: Int, _ figure: RelativeFigure) -> Int { policy * perPolicy + PathFigure.count + figure.rawValue }
    func offsetOfNetInvested(policy: Int) -> Int { policy * perPolicy + PathFigure.count + RelativeFigure.count }
    func offset(regime: Int) -> Int { policies * perPolicy + regime }
}

/// Per-path figures of every policy. Memory grows with paths x policies, never with months or assets.
public struct SimulationResult: Sendable {
    public let paths: Int
    public let months: Int
    public let policyNames: [String]
    public let benchmark: Int
    public let regimeNames: [String]
    let layout: PathRecordLayout
    /// [path][record]
    let records: [Double]

    /// Every path's value at one offset of the record, in path order.
    func column(_ offset: Int) -> [Double] {
        records.withUnsafeBufferPointer { r in (0..<paths).map { r[$0 * layout.stride + offset] } }
    }

    /// The figure for every path, in path order.
    public func values(policy: Int, _ figure: PathFigure) -> [Double] {
        column(layout.offset(policy: policy, figure))
    }

    public func values(policy: Int, _ figure: RelativeFigure) -> [Double] {
        column(layout.offset(policy: policy, figure))
    }

    /// Money put in minus money taken out, on each path (see `AccountOutcome.netInvested`).
    public func netInvested(policy: Int) -> [Double] {
        column(layout.offsetOfNetInvested(policy: policy))
    }

    /// Share of each path's months spent in the regime.
    public func regimeShares(_ regime: Int) -> [Double] {
        column(layout.offset(regime: regime))
    }
}

extension PathFigure {
    static let count = allCases.count
}

extension RelativeFigure {
    static let count = allCases.count
}
