extension DualActiveSetSolver {
    /// The KKT residuals of the last solution and multipliers, recomputed from `program` (the
    /// program solved; nothing is taken from the factorizations). Allocates: meant for checks.
    public func residuals(_ program: QuadraticProgram) -> KKTResiduals {
        precondition(program.variables == n, "residuals of a program of another size than the one solved")
        let x = solution
        // The solution as the solver holds it, for the constraints' products.
        let point = UnsafePointer(workspace.x)
        let named = (0..<activeCount).map { i in
            let name = names[workspace.activeIds[i]]
            return (name, multiplier(name))
        }
        return program.withView { view in
            // Gradient of the Lagrangian: H x + c - Σ multiplier · normal.
            var gradient = (0..<n).map { i in
                (0..<n).reduce(view.linear[i]) { $0 + view.hessian[i * n + $1] * x[$1] }
            }
            var dual = 0.0, complementarity = 0.0
            for (name, lambda) in named {
                guard let id = ProgramView.id(of: name, n: n, equalities: equalities, rows: rowCount) else { continue }
                let (kind, index, sign) = view.decode(id)
                if let row = view.denseRow(kind, index) {
                    for k in 0..<n { gradient[k] -= lambda * sign * row[k] }
                } else {
                    gradient[index] -= lambda * sign
                }
                if kind != .equality {
                    dual = max(dual, -lambda)
                    let slack = view.product(id, point).value - view.rightHandSide(id)
                    complementarity = max(complementarity, abs(lambda * slack))
                }
            }
            var primal = 0.0
            for id in 0..<view.constraintCount {
                let b = view.rightHandSide(id)
                guard b.isFinite else { continue }
                let slack = view.product(id, point).value - b
                primal = max(primal, id < equalities ? abs(slack) : -slack)
            }
            let stationarity = gradient.reduce(0) { max($0, abs($1)) }
            return KKTResiduals(
                stationarity: stationarity, primal: primal, dual: dual, complementarity: complementarity)
        }
    }
}
