/// A convex quadratic program over n variables:
///
///     minimize    ½ xᵀ H x + cᵀ x
///     subject to  E x = f                  (equality rows)
///                 lower ≤ x ≤ upper        (bounds; -∞ / +∞ where there is none)
///                 rowLower ≤ G x ≤ rowUpper (two-sided general rows; -∞ / +∞ for a missing side)
///
/// H must be symmetric positive definite (a covariance matrix, possibly with a ridge). Matrices are
/// dense and row-major. A program is a value that a caller keeps and edits in place between solves
/// (same shape, new numbers), so a solve in a loop allocates nothing.
public struct QuadraticProgram: Sendable, Equatable {
    public let variables: Int
    /// n x n, row-major.
    public var hessian: [Double]
    /// n.
    public var linear: [Double]
    /// n each.
    public var lower: [Double]
    public var upper: [Double]
    /// equalityCount x n, row-major, and its right-hand side.
    public var equalityRows: [Double]
    public var equalityValues: [Double]
    /// rowCount x n, row-major, and the two sides of each row.
    public var rows: [Double]
    public var rowLower: [Double]
    public var rowUpper: [Double]

    public var equalityCount: Int { equalityValues.count }
    public var rowCount: Int { rowLower.count }

    /// A program with no constraints and H = 0, c = 0 for the caller to fill.
    public init(variables n: Int, equalities: Int = 0, rows: Int = 0) {
        variables = n
        hessian = Array(repeating: 0, count: n * n)
        linear = Array(repeating: 0, count: n)
        lower = Array(repeating: -.infinity, count: n)
        upper = Array(repeating: .infinity, count: n)
        equalityRows = Array(repeating: 0, count: equalities * n)
        equalityValues = Array(repeating: 0, count: equalities)
        self.rows = Array(repeating: 0, count: rows * n)
        rowLower = Array(repeating: -.infinity, count: rows)
        rowUpper = Array(repeating: .infinity, count: rows)
    }
}

/// One constraint of a `QuadraticProgram` (or `LinearProgram`), as the solvers name it in active
/// sets, multipliers and conflicts.
public enum ConstraintIndex: Sendable, Hashable, Comparable {
    case equality(Int)
    case lowerBound(Int)
    case upperBound(Int)
    case rowLower(Int)
    case rowUpper(Int)
}

/// How a solve ended.
public enum SolveStatus: Sendable, Equatable {
    case optimal
    /// No point satisfies the constraints; `conflict` names a set of constraints that cannot hold
    /// together (small, not necessarily minimal).
    case infeasible(conflict: [ConstraintIndex])
    /// The objective decreases without limit on the feasible set (linear programs only).
    case unbounded
    /// H is not positive definite (a singular or indefinite covariance).
    case notPositiveDefinite
    /// The iteration limit was reached (a sign of degeneracy or bad scaling).
    case iterationLimit
}

/// How far a returned point is from satisfying the KKT conditions, each the largest absolute entry.
public struct KKTResiduals: Sendable, Equatable {
    /// |H x + c - Eᵀ y - (multipliers of active bounds and rows)|: the gradient of the Lagrangian.
    public var stationarity: Double
    /// The largest violation of any constraint (0 when all hold).
    public var primal: Double
    /// The largest wrong-signed multiplier of an inequality (0 when all have the right sign).
    public var dual: Double
    /// The largest |multiplier x slack| over inequalities.
    public var complementarity: Double

    public init(stationarity: Double, primal: Double, dual: Double, complementarity: Double) {
        self.stationarity = stationarity
        self.primal = primal
        self.dual = dual
        self.complementarity = complementarity
    }

    public var worst: Double { max(stationarity, primal, dual, complementarity) }
}
