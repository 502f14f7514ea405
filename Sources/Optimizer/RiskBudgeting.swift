import Foundation

/// Long-only, fully invested weights whose risk contributions w_i (Σw)_i / wᵀΣw equal given budgets.
///
/// Solves the strictly convex problem (Spinu 2013)
///
///     minimize over y > 0:   ½ yᵀΣy - Σ_i b_i log y_i
///
/// whose optimality conditions y_i (Σy)_i = b_i say that y's risk contributions are the budgets (and
/// yᵀΣy = Σ b_i = 1), so w = y / Σ y. Newton's method with a backtracking line search, each Newton
/// system Σ + diag(b / y²) solved by Cholesky, from inverse-volatility weights scaled to the best
/// multiple. The solver owns its workspace and grows it for a larger problem, so repeated solves
/// allocate nothing.
public final class RiskBudgetSolver {
    /// Newton steps of the last solve.
    public private(set) var iterations = 0
    /// max_i |RC_i / total - b_i| of the last solution (b normalized to sum 1); +∞ before any.
    public private(set) var budgetResidual = Double.infinity

    /// Newton steps before giving up (quadratic convergence needs well under 20 on sane inputs).
    public var iterationLimit = 100

    private var capacity = 0
    private var hessian: UnsafeMutablePointer<Double>
    private var y: UnsafeMutablePointer<Double>
    private var sigmaY: UnsafeMutablePointer<Double>
    private var step: UnsafeMutablePointer<Double>
    private var trial: UnsafeMutablePointer<Double>
    private var budget: UnsafeMutablePointer<Double>

    /// Σ is rejected when a Cholesky pivot falls below this fraction of its largest diagonal entry:
    /// a condition number beyond about 1e12 is treated as singular.
    static let relativePivotFloor = 1e-12
    /// Residual at which the iteration stops: a few rounding errors of the contributions themselves.
    static let residualTarget = 1e-15
    /// Below this squared Newton decrement the full step is taken: Newton converges quadratically
    /// there and objective differences would be lost in rounding.
    static let fullStepDecrement = 1e-10
    /// A squared Newton decrement this small means y cannot be improved in double precision.
    static let negligibleDecrement = 1e-30

    public init() {
        hessian = .allocate(capacity: 0)
        y = .allocate(capacity: 0)
        sigmaY = .allocate(capacity: 0)
        step = .allocate(capacity: 0)
        trial = .allocate(capacity: 0)
        budget = .allocate(capacity: 0)
    }

    deinit { release() }

    /// Writes the weights; returns .optimal, .notPositiveDefinite (Σ singular/indefinite) or .iterationLimit.
    ///
    /// - Parameters:
    ///   - covariance: n x n, symmetric, row-major.
    ///   - budgets: n positive numbers; they are divided by their sum, so any positive scale works.
    ///     A budget that is not a positive finite number gives `.infeasible(conflict:)` naming its
    ///     `.lowerBound(i)` (the requirement b_i > 0), and the weights are left as they were.
    ///   - weights: receives n weights summing to 1 (the last iterate on `.iterationLimit`; left as
    ///     they were on `.notPositiveDefinite`).
    public func solve(covariance: UnsafePointer<Double>, assets n: Int, budgets: UnsafePointer<Double>,
                      weights: UnsafeMutablePointer<Double>) -> SolveStatus {
        precondition(n > 0, "a risk budget needs at least one asset")
        iterations = 0
        budgetResidual = .infinity

        let isValid = { (i: Int) in budgets[i] > 0 && budgets[i].isFinite }
        if !(0..<n).allSatisfy(isValid) {
            return .infeasible(conflict: (0..<n).filter { !isValid($0) }.map { .lowerBound($0) })
        }
        var budgetSum = 0.0
        for i in 0..<n { budgetSum += budgets[i] }
        reserve(n)
        for i in 0..<n { budget[i] = budgets[i] / budgetSum }

        guard isPositiveDefinite(covariance, n) else { return .notPositiveDefinite }
        startFromInverseVolatility(covariance, n)

        var status = SolveStatus.iterationLimit
        while true {
            let quadratic = multiply(covariance, n, y, into: sigmaY)
            budgetResidual = contributionResidual(n, quadratic: quadratic)
            if budgetResidual <= Self.residualTarget { status = .optimal; break }
            if iterations >= iterationLimit { break }

            // Newton system (Σ + diag(b / y²)) step = -(Σy - b / y).
            for i in 0..<n {
                let row = hessian + i * n, sigmaRow = covariance + i * n
                for j in i..<n { row[j] = sigmaRow[j] }
                row[i] += budget[i] / (y[i] * y[i])
                step[i] = budget[i] / y[i] - sigmaY[i]
            }
            // Σ is positive definite, so only a non-finite entry can stop this factorization.
            guard DenseCholesky.factor(hessian, order: n, pivotFloor: 0) else { return .notPositiveDefinite }
            DenseCholesky.solve(hessian, order: n, step)
            var slope = 0.0  // gradientᵀ step = -(Newton decrement)²
            for i in 0..<n { slope += (sigmaY[i] - budget[i] / y[i]) * step[i] }
            let decrement = -slope
            if decrement <= Self.negligibleDecrement { status = .optimal; break }
            iterations += 1
            guard takeStep(covariance, n, slope: slope, quadratic: quadratic, decrement: decrement) else {
                // No decrease along a descent direction: y is as good as double precision allows.
                status = decrement < Self.fullStepDecrement ? .optimal : .iterationLimit
                break
            }
        }

        var total = 0.0
        for i in 0..<n { total += y[i] }
        for i in 0..<n { weights[i] = y[i] / total }
        return status
    }

    /// Moves y along `step` by the largest of 1, 1/2, 1/4, ... that keeps y positive and decreases the
    /// objective enough (Armijo); false when no such length is found.
    private func takeStep(_ covariance: UnsafePointer<Double>, _ n: Int, slope: Double, quadratic: Double,
                          decrement: Double) -> Bool {
        var length = 1.0
        for i in 0..<n where step[i] < 0 {
            // Stay strictly inside y > 0: the log barrier is infinite on the boundary.
            length = min(length, -0.99 * y[i] / step[i])
        }
        if decrement < Self.fullStepDecrement && length == 1 {
            for i in 0..<n { y[i] += step[i] }
            return true
        }
        let current = objective(quadratic: quadratic, point: y, n)
        while length > 1e-12 {
            for i in 0..<n { trial[i] = y[i] + length * step[i] }
            let trialQuadratic = multiply(covariance, n, trial, into: sigmaY)
            if objective(quadratic: trialQuadratic, point: trial, n) <= current + 1e-4 * length * slope {
                swap(&y, &trial)
                return true
            }
            length *= 0.5
        }
        return false
    }

    private func objective(quadratic: Double, point: UnsafePointer<Double>, _ n: Int) -> Double {
        var logs = 0.0
        for i in 0..<n { logs += budget[i] * log(point[i]) }
        return 0.5 * quadratic - logs
    }

    /// out = Σ v; returns vᵀΣv.
    private func multiply(_ covariance: UnsafePointer<Double>, _ n: Int, _ v: UnsafePointer<Double>,
                          into out: UnsafeMutablePointer<Double>) -> Double {
        var quadratic = 0.0
        for i in 0..<n {
            let row = covariance + i * n
            var sum = 0.0
            for j in 0..<n { sum += row[j] * v[j] }
            out[i] = sum
            quadratic += v[i] * sum
        }
        return quadratic
    }

    /// max_i |y_i (Σy)_i / yᵀΣy - b_i|, with sigmaY = Σy.
    private func contributionResidual(_ n: Int, quadratic: Double) -> Double {
        guard quadratic > 0 else { return .infinity }
        var worst = 0.0
        for i in 0..<n { worst = max(worst, abs(y[i] * sigmaY[i] / quadratic - budget[i])) }
        return worst
    }

    /// Cholesky on a copy of Σ, with a pivot floor relative to its largest diagonal entry.
    private func isPositiveDefinite(_ covariance: UnsafePointer<Double>, _ n: Int) -> Bool {
        var largest = 0.0
        for i in 0..<n { largest = max(largest, covariance[i * n + i]) }
        guard largest > 0, largest.isFinite else { return false }
        for i in 0..<n {
            for j in i..<n { hessian[i * n + j] = covariance[i * n + j] }
        }
        return DenseCholesky.factor(hessian, order: n, pivotFloor: Self.relativePivotFloor * largest)
    }

    /// y = t / σ_i with t = 1 / sqrt(xᵀΣx), the minimizer of the objective along x = 1 / σ (Σb = 1).
    /// Exact when the assets are uncorrelated and the budgets equal.
    private func startFromInverseVolatility(_ covariance: UnsafePointer<Double>, _ n: Int) {
        for i in 0..<n { trial[i] = 1 / covariance[i * n + i].squareRoot() }
        let quadratic = multiply(covariance, n, trial, into: sigmaY)
        let scale = 1 / quadratic.squareRoot()
        for i in 0..<n { y[i] = scale * trial[i] }
    }

    private func reserve(_ n: Int) {
        guard n > capacity else { return }
        release()
        hessian = .allocate(capacity: n * n)
        y = .allocate(capacity: n)
        sigmaY = .allocate(capacity: n)
        step = .allocate(capacity: n)
        trial = .allocate(capacity: n)
        budget = .allocate(capacity: n)
        capacity = n
    }

    private func release() {
        for buffer in [hessian, y, sigmaY, step, trial, budget] { buffer.deallocate() }
    }
}
