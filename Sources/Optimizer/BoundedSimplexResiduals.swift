extension BoundedSimplex {
    /// The KKT residuals of the last solution and its duals against `program` (the program solved):
    /// stationarity |c - Eᵀy - (λ_lower - λ_upper) - Gᵀ(μ_lower - μ_upper)|, the largest constraint
    /// violation, the most negative inequality multiplier, and the largest |multiplier x slack|.
    public func residuals(_ program: LinearProgram) -> KKTResiduals {
        let n = program.variables
        precondition(n == solution.count, "residuals of a program other than the one solved")
        let x = solution
        var stationarity = 0.0, primal = 0.0, dual = 0.0, complementarity = 0.0

        func side(_ multiplier: Double, slack: Double) {
            dual = max(dual, -multiplier)
            if multiplier != 0 { complementarity = max(complementarity, abs(multiplier * slack)) }
        }

        var gradient = program.objective
        for i in 0..<program.equalityCount {
            let y = self.dual(.equality(i))
            var activity = 0.0
            for j in 0..<n {
                activity += program.equalityRows[i * n + j] * x[j]
                gradient[j] -= y * program.equalityRows[i * n + j]
            }
            primal = max(primal, abs(activity - program.equalityValues[i]))
        }
        for k in 0..<program.rowCount {
            let below = self.dual(.rowLower(k)), above = self.dual(.rowUpper(k))
            var activity = 0.0
            for j in 0..<n {
                activity += program.rows[k * n + j] * x[j]
                gradient[j] -= (below - above) * program.rows[k * n + j]
            }
            primal = max(primal, program.rowLower[k] - activity, activity - program.rowUpper[k])
            side(below, slack: activity - program.rowLower[k])
            side(above, slack: program.rowUpper[k] - activity)
        }
        for j in 0..<n {
            let below = self.dual(.lowerBound(j)), above = self.dual(.upperBound(j))
            gradient[j] -= below - above
            primal = max(primal, program.lower[j] - x[j], x[j] - program.upper[j])
            side(below, slack: x[j] - program.lower[j])
            side(above, slack: program.upper[j] - x[j])
            stationarity = max(stationarity, abs(gradient[j]))
        }
        return KKTResiduals(stationarity: stationarity, primal: primal, dual: dual,
                            complementarity: complementarity)
    }
}
