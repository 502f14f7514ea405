/// The buffers of a `DualActiveSetSolver`, allocated once and grown (never shrunk) when a program
/// with more variables or constraints arrives, so repeated solves allocate nothing.
struct DualActiveSetWorkspace {
    /// Sizes the buffers are allocated for.
    private(set) var variableCapacity = 0
    private(set) var constraintCapacity = 0

    /// U (row-major, upper), Uᵀ U = P H P: the Cholesky factor of H with the variables in reverse
    /// order (P reverses them), so that J = P U⁻¹ P is lower triangular.
    var factor = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// J = L⁻ᵀ Q, n x n column-major: column k contiguous.
    var j = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// R, upper triangular, column-major with leading dimension n.
    var r = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// n x n scratch: the inverse of U while it is built, the warm start's L⁻¹ N and its KKT matrix.
    var scratch = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// The iterate.
    var x = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// Jᵀ a of the constraint being added.
    var d = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// R⁻¹ J₁ᵀ a: how the active multipliers fall per unit step.
    var dual = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// The Givens rotations of one fold of Jᵀa, by the index of the entry they zero.
    var cosines = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    var sines = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// A spare vector of n.
    var vector = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// Multipliers of the active constraints, in active order (equalities in the flipped sign).
    var multipliers = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// +1, or -1 for an equality added as -E_k x ≥ -f_k.
    var activeFlip = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    /// Numbers of the active constraints (see `ProgramView`), in the order of R's columns.
    var activeIds = UnsafeMutablePointer<Int>.allocate(capacity: 0)
    var rememberedIds = UnsafeMutablePointer<Int>.allocate(capacity: 0)
    /// Per column of J: the first row that may be nonzero (J stays close to lower triangular).
    var firstRow = UnsafeMutablePointer<Int>.allocate(capacity: 0)
    /// min(firstRow[k...top]) for the columns of one fold.
    var suffixFirst = UnsafeMutablePointer<Int>.allocate(capacity: 0)
    /// Per numbered constraint: whether it is active.
    var isActive = UnsafeMutablePointer<Bool>.allocate(capacity: 0)

    /// Grows the buffers to hold a program of `variables` and `constraints` (numbered) constraints.
    mutating func reserve(variables n: Int, constraints m: Int) {
        if n > variableCapacity {
            let square = n * n
            Self.grow(&factor, square)
            Self.grow(&j, square)
            Self.grow(&r, square)
            Self.grow(&scratch, square)
            Self.grow(&x, n)
            Self.grow(&d, n)
            Self.grow(&dual, n)
            Self.grow(&cosines, n)
            Self.grow(&sines, n)
            Self.grow(&vector, n)
            Self.grow(&multipliers, n)
            Self.grow(&activeFlip, n)
            // A new size is a new shape, so the remembered active set is dropped with the old buffers.
            activeIds.deallocate()
            activeIds = .allocate(capacity: n)
            firstRow.deallocate()
            firstRow = .allocate(capacity: n)
            suffixFirst.deallocate()
            suffixFirst = .allocate(capacity: n)
            rememberedIds.deallocate()
            rememberedIds = .allocate(capacity: n)
            variableCapacity = n
        }
        if m > constraintCapacity {
            isActive.deallocate()
            isActive = .allocate(capacity: m)
            constraintCapacity = m
        }
    }

    private static func grow(_ buffer: inout UnsafeMutablePointer<Double>, _ count: Int) {
        buffer.deallocate()
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: 0, count: count)
    }

    func release() {
        for buffer in [factor, j, r, scratch, x, d, dual, cosines, sines, vector, multipliers, activeFlip] {
            buffer.deallocate()
        }
        activeIds.deallocate()
        rememberedIds.deallocate()
        firstRow.deallocate()
        suffixFirst.deallocate()
        isActive.deallocate()
    }
}
