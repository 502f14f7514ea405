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

    /// Each parameter's value in cell `c` (0-based, row-major).
    public func values(cell c: Int) -> [String] {
        var rest = c
        var values: [String] = []
        for p in parameters.reversed() {
            values.append(p.values[rest % p.values.count])
            rest /= p.values.count
        }
        return values.reversed()
    }

    /// `lookback_months=6, top=2`
    public func label(cell c: Int) -> String {
        zip(parameters, values(cell: c)).map { "\($0.name)=\($1)" }.joined(separator: ", ")
    }

    /// The cell's policy name: the swept policy's name with its settings.
    public func policyName(cell c: Int) -> String { "\(policy) [\(label(cell: c))]" }
}
