/// Maximum expected return with risk at most `limit`: volatility (no benchmark) or tracking error
/// against `benchmark`. The QP  min ½ (w - b)ᵀΣ(w - b) - t μᵀw  traces the efficient set as t grows,
/// and its solution is linear in t while the active set stays the same, so the search brackets the t
/// where risk crosses the limit until both ends share an active set, then solves the quadratic
/// risk(t)² = limit² exactly on that segment and re-solves there (the warm path, exact KKT).
struct RiskLimitSearch {
    let optimizer: PortfolioOptimizer
    let inputs: PortfolioInputs
    let benchmark: [Double]?
    let limit: Double
    /// Σb, the benchmark's pull in the linear term (zeros without a benchmark), once for every t.
    let pull: [Double]

    init(optimizer: PortfolioOptimizer, inputs: PortfolioInputs, benchmark: [Double]?, limit: Double) {
        self.optimizer = optimizer
        self.inputs = inputs
        self.benchmark = benchmark
        self.limit = limit
        let n = inputs.assetCount
        pull = (0..<n).map { i in benchmark.map { b in (0..<n).reduce(0.0) { $0 + inputs.covariance[i * n + $1] * b[$1] } } ?? 0 }
    }

    /// Doublings of t allowed while looking for a t whose risk reaches the limit.
    static let maximumDoublings = 200
    static let maximumBisections = 200

    private struct Point {
        var t: Double
        var weights: [Double]
        var active: [ConstraintIndex]
        var risk: Double
    }

    func run(_ constraints: PortfolioConstraints) -> SolveStatus {
        let n = inputs.assetCount
        let what = benchmark == nil ? "volatility" : "tracking error"
        // The highest expected return first (a linear program): when its risk is within the limit,
        // the limit does not bind and that is the answer.
        // (Without a turnover limit, which the linear program does not hold.)
        if constraints.turnover == nil, optimizer.maximumReturn(inputs: inputs, constraints: constraints) != nil {
            let top = risk(optimizer.weights)
            if top <= limit {
                optimizer.searchNotes.append(
                    "the \(what) limit \(limit) does not bind: the highest expected return within the constraints has \(top)")
                return .optimal
            }
        }
        optimizer.buildQuadratic(inputs, constraints, scale: 1, minimumReturn: nil)
        var low: Point
        switch solve(at: 0, warm: false) {
        case .success(let p): low = p
        case .failure(let status): return status
        }
        if low.risk > limit * (1 + 1e-12) {
            optimizer.searchNotes.append("\(what) <= \(limit) (the least risky weights within the constraints have \(low.risk))")
            return .infeasible(conflict: [])
        }
        let spread = (inputs.mean.max() ?? 0) - (inputs.mean.min() ?? 0)
        var t = limit * limit / max(spread, 1e-300)
        var high: Point?
        for _ in 0..<Self.maximumDoublings {
            let p: Point
            switch solve(at: t, warm: true) {
            case .success(let point): p = point
            case .failure(let status): return status
            }
            if p.risk >= limit {
                high = p
                break
            }
            // The same active set and weights at t and 2t: w(t) is constant from here on (expected
            // returns tied at the top, or a turnover limit that stops it), so the limit cannot bind.
            let settled = low.t > 0 && p.active == low.active
                && zip(p.weights, low.weights).allSatisfy { abs($0 - $1) <= 1e-12 }
            low = p
            if settled { break }
            t *= 2
        }
        guard var high else {
            optimizer.searchNotes.append("the \(what) limit \(limit) does not bind")
            return finish(low)
        }
        for _ in 0..<Self.maximumBisections where high.active != low.active {
            let mid = 0.5 * (low.t + high.t)
            guard mid > low.t && mid < high.t else { break }
            switch solve(at: mid, warm: true) {
            case .success(let p): if p.risk >= limit { high = p } else { low = p }
            case .failure(let status): return status
            }
        }
        guard high.active == low.active else {
            // The limit is met exactly where the active set changes: the bracket has closed to
            // neighbouring numbers, w(t) is continuous, and the low end keeps the limit.
            return resolve(at: low.t)
        }
        // On the segment w(t) = w_low + s d, risk² is A + 2Bs + Cs².
        var a = 0.0, b = 0.0, c = 0.0
        let d = (0..<n).map { (high.weights[$0] - low.weights[$0]) / (high.t - low.t) }
        let e = (0..<n).map { low.weights[$0] - (benchmark?[$0] ?? 0) }
        for i in 0..<n {
            for j in 0..<n {
                let s = inputs.covariance[i * n + j]
                a += e[i] * s * e[j]
                b += e[i] * s * d[j]
                c += d[i] * s * d[j]
            }
        }
        let target = limit * limit
        var s = 0.0
        if c > 0 {
            s = (-b + max(b * b - c * (a - target), 0).squareRoot()) / c
        } else if b > 0 {
            s = (target - a) / (2 * b)
        }
        return resolve(at: min(max(low.t + s, low.t), high.t))
    }

    /// Solves once more at `t` so that the optimizer's program, weights and residuals are this point's.
    private func resolve(at t: Double) -> SolveStatus {
        switch solve(at: t, warm: true) {
        case .success(let p):
            optimizer.riskLimitMiss = max(p.risk - limit, 0)
            return .optimal
        case .failure(let status): return status
        }
    }

    /// The last solve was at `p`: its weights are the optimizer's.
    private func finish(_ p: Point) -> SolveStatus {
        for i in p.weights.indices { optimizer.weights[i] = p.weights[i] }
        return .optimal
    }

    private enum Outcome {
        case success(Point)
        case failure(SolveStatus)
    }

    /// Solves min ½(w - b)ᵀΣ(w - b) - t μᵀw, divided by 1 + t so that a large t does not swamp the
    /// quadratic term in rounding (the same minimizer).
    private func solve(at t: Double, warm: Bool) -> Outcome {
        let n = inputs.assetCount
        let scale = 1 / (1 + t)
        for k in 0..<(n * n) { optimizer.quadratic.hessian[k] = scale * inputs.covariance[k] }
        for i in 0..<n { optimizer.quadratic.linear[i] = -scale * pull[i] - (t * scale) * inputs.mean[i] }
        let status = optimizer.solveQuadratic(warmStart: warm)
        guard status == .optimal else { return .failure(status) }
        let w = optimizer.weights
        return .success(Point(t: t, weights: w, active: optimizer.qp.activeSet, risk: risk(w)))
    }

    private func risk(_ w: [Double]) -> Double {
        let n = inputs.assetCount
        var v = 0.0
        for i in 0..<n {
            let ei = w[i] - (benchmark?[i] ?? 0)
            for j in 0..<n { v += ei * inputs.covariance[i * n + j] * (w[j] - (benchmark?[j] ?? 0)) }
        }
        return max(v, 0).squareRoot()
    }
}
