/// A linear program over n variables, in the same shape as `QuadraticProgram` without H:
///
///     minimize    cᵀ x
///     subject to  E x = f,  lower ≤ x ≤ upper,  rowLower ≤ G x ≤ rowUpper
///
/// Dense and row-major; kept and edited in place between solves.
public struct LinearProgram: Sendable, Equatable {
    public let variables: Int
    public var objective: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var equalityRows: [Double]
    public var equalityValues: [Double]
    public var rows: [Double]
    public var rowLower: [Double]
    public var rowUpper: [Double]

    public var equalityCount: Int { equalityValues.count }
    public var rowCount: Int { rowLower.count }

    public init(variables n: Int, equalities: Int = 0, rows: Int = 0) {
        variables = n
        objective = Array(repeating: 0, count: n)
        lower = Array(repeating: -.infinity, count: n)
        upper = Array(repeating: .infinity, count: n)
        equalityRows = Array(repeating: 0, count: equalities * n)
        equalityValues = Array(repeating: 0, count: equalities)
        self.rows = Array(repeating: 0, count: rows * n)
        rowLower = Array(repeating: -.infinity, count: rows)
        rowUpper = Array(repeating: .infinity, count: rows)
    }
}
