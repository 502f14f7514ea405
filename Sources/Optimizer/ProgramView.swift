/// A `QuadraticProgram` seen through raw pointers for the duration of one solve, with every
/// constraint numbered and written in the solvers' one form  aᵀx ≥ b:
///
///     0 ..< e                     equality k            a =  E_k,  b =  f_k  (both signs allowed)
///     e + j                       lower bound of x_j    a =  e_j,  b =  lower_j
///     e + n + j                   upper bound of x_j    a = -e_j,  b = -upper_j
///     e + 2n + r                  row r, lower side     a =  G_r,  b =  rowLower_r
///     e + 2n + m + r              row r, upper side     a = -G_r,  b = -rowUpper_r
///
/// so a bound is a signed unit vector and the solver never forms it.
struct ProgramView {
    let n: Int
    let equalities: Int
    let rowCount: Int
    let hessian: UnsafePointer<Double>
    let linear: UnsafePointer<Double>
    let lower: UnsafePointer<Double>
    let upper: UnsafePointer<Double>
    let equalityRows: UnsafePointer<Double>
    let equalityValues: UnsafePointer<Double>
    let rows: UnsafePointer<Double>
    let rowLower: UnsafePointer<Double>
    let rowUpper: UnsafePointer<Double>

    var constraintCount: Int { equalities + 2 * n + 2 * rowCount }
    var firstBound: Int { equalities }
    var firstRow: Int { equalities + 2 * n }

    /// What a numbered constraint is: its family, the variable/row/equality index and the sign of
    /// its normal in the form aᵀx ≥ b.
    enum Kind { case equality, bound, row }

    @inline(__always)
    func decode(_ id: Int) -> (kind: Kind, index: Int, sign: Double) {
        if id < equalities { return (.equality, id, 1) }
        let b = id - equalities
        if b < n { return (.bound, b, 1) }
        if b < 2 * n { return (.bound, b - n, -1) }
        let r = b - 2 * n
        return r < rowCount ? (.row, r, 1) : (.row, r - rowCount, -1)
    }

    /// b of aᵀx ≥ b (±∞ for a missing side; an equality's value).
    @inline(__always)
    func rightHandSide(_ id: Int) -> Double {
        let (kind, index, sign) = decode(id)
        switch kind {
        case .equality: return equalityValues[index]
        case .bound: return sign > 0 ? lower[index] : -upper[index]
        case .row: return sign > 0 ? rowLower[index] : -rowUpper[index]
        }
    }

    /// The unsigned normal's row (E_k or G_r); nil for a bound.
    @inline(__always)
    func denseRow(_ kind: Kind, _ index: Int) -> UnsafePointer<Double>? {
        switch kind {
        case .equality: return equalityRows + index * n
        case .row: return rows + index * n
        case .bound: return nil
        }
    }

    /// aᵀx, and Σ|a_k x_k| (the size of the terms, for rounding-aware tolerances).
    @inline(__always)
    func product(_ id: Int, _ x: UnsafePointer<Double>) -> (value: Double, magnitude: Double) {
        let (kind, index, sign) = decode(id)
        guard let row = denseRow(kind, index) else { return (sign * x[index], abs(x[index])) }
        var sum = 0.0, size = 0.0
        for k in 0..<n {
            let term = row[k] * x[k]
            sum += term
            size += abs(term)
        }
        return (sign * sum, size)
    }

    /// The public name of a numbered constraint.
    func name(_ id: Int) -> ConstraintIndex {
        let (kind, index, sign) = decode(id)
        switch kind {
        case .equality: return .equality(index)
        case .bound: return sign > 0 ? .lowerBound(index) : .upperBound(index)
        case .row: return sign > 0 ? .rowLower(index) : .rowUpper(index)
        }
    }

    /// The number of a public constraint name, or nil when it is out of range for this shape.
    static func id(of c: ConstraintIndex, n: Int, equalities: Int, rows: Int) -> Int? {
        switch c {
        case .equality(let k): return (0..<equalities).contains(k) ? k : nil
        case .lowerBound(let j): return (0..<n).contains(j) ? equalities + j : nil
        case .upperBound(let j): return (0..<n).contains(j) ? equalities + n + j : nil
        case .rowLower(let r): return (0..<rows).contains(r) ? equalities + 2 * n + r : nil
        case .rowUpper(let r): return (0..<rows).contains(r) ? equalities + 2 * n + rows + r : nil
        }
    }
}

extension QuadraticProgram {
    /// Calls `body` with raw views of every array (valid only inside `body`).
    func withView<R>(_ body: (ProgramView) -> R) -> R {
        precondition(variables > 0, "a program needs at least one variable")
        precondition(hessian.count == variables * variables && linear.count == variables, "H or c has the wrong size")
        precondition(lower.count == variables && upper.count == variables, "bounds have the wrong size")
        precondition(equalityRows.count == equalityCount * variables, "equality rows have the wrong size")
        precondition(rows.count == rowCount * variables && rowUpper.count == rowCount, "rows have the wrong size")
        return hessian.withUnsafeBufferPointer { h in
            linear.withUnsafeBufferPointer { c in
                lower.withUnsafeBufferPointer { lo in
                    upper.withUnsafeBufferPointer { up in
                        equalityRows.withUnsafeBufferPointer { e in
                            equalityValues.withUnsafeBufferPointer { f in
                                rows.withUnsafeBufferPointer { g in
                                    rowLower.withUnsafeBufferPointer { gl in
                                        rowUpper.withUnsafeBufferPointer { gu in
                                            body(
                                                ProgramView(
                                                    n: variables, equalities: equalityCount, rowCount: rowCount,
                                                    hessian: h.baseAddress ?? Self.empty,
                                                    linear: c.baseAddress ?? Self.empty,
                                                    lower: lo.baseAddress ?? Self.empty,
                                                    upper: up.baseAddress ?? Self.empty,
                                                    equalityRows: e.baseAddress ?? Self.empty,
                                                    equalityValues: f.baseAddress ?? Self.empty,
                                                    rows: g.baseAddress ?? Self.empty,
                                                    rowLower: gl.baseAddress ?? Self.empty,
                                                    rowUpper: gu.baseAddress ?? Self.empty))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A stand-in address for empty arrays (never read: the counts are zero).
    private nonisolated(unsafe) static let empty: UnsafePointer<Double> = {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()
}
