/// A parameter sweep: one policy run once per cell of a grid over one or two of its rule's
/// settings, on the same paths as every other policy. The cells are the run's last policies, in
/// row-major order (the last parameter varies fastest).
public struct SweepGrid: Sendable, Equatable {
    public struct Parameter: Sendable, Equatable {
        public var name: String
        /// The values as the scenario wrote them.
        public var values: [String]

        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    /// The figure the grid shows (its median across paths), beside the probability of beating the benchmark.
    public enum Figure: Sendable, Equatable {
        case path(PathFigure)
        case relative(RelativeFigure)

        public var key: String {
            switch self {
            case .path(let f): f.key
            case .relative(let f): f.key
            }
        }

        public static var allKeys: [String] { PathFigure.allCases.map(\.key) + RelativeFigure.allCases.map(\.key) }

        public init?(key: String) {
            if let f = PathFigure.allCases.first(where: { $0.key == key }) {
                self = .path(f)
            } else if let f = RelativeFigure.allCases.first(where: { $0.key == key }) {
                self = .relative(f)
            } else {
                return nil
            }
        }
    }

    /// The swept policy, as the scenario names it.
    public var policy: String
    public var parameters: [Parameter]
    public var figure: Figure
    /// The index of the first cell among the run's policies.
    public var firstCell: Int

    public init(policy: String, parameters: [Parameter], figure: Figure, firstCell: Int) {
        self.policy = policy
        self.parameters = parameters
        self.figure = figure
        self.firstCell = firstCell
    }

    public var cellCount: Int { parameters.reduce(1) { $0 * $1.values.count } }

    /// Which value of each parameter cell `c` (0-based, row-major) takes, given each parameter's
    /// number of values.
    public static func positions(cell c: Int, counts: [Int]) -> [Int] {
        var rest = c
        var positions = Array(repeating: 0, count: counts.count)
        for p in counts.indices.reversed() {
            positions[p] = rest % counts[p]
            rest /= counts[p]
        }
        return positions
    }

    /// Each parameter's value in cell `c`.
    public func values(cell c: Int) -> [String] {
        let positions = Self.positions(cell: c, counts: parameters.map(\.values.count))
        return zip(parameters, positions).map { $0.values[$1] }
    }

    /// `lookback_months=6, top=2`
    public func label(cell c: Int) -> String {
        zip(parameters, values(cell: c)).map { "\($0.name)=\($1)" }.joined(separator: ", ")
    }

    /// The cell's policy name: the swept policy's name with its settings.
    public func policyName(cell c: Int) -> String { "\(policy) [\(label(cell: c))]" }
}
