import Foundation

/// The Hamilton filter: after each month t of a path, P(S_t = k | x_0 ... x_t) for every regime k,
/// from the monthly log returns x of a `RegimeFilterModel`. Cost per month O(K^2 + K N^2), K
/// regimes and N density assets: the prediction is a K x K product, each regime's density one
/// product with the inverse of its Cholesky factor, L^-1 (x - mu), inverted once when the filter
/// is made. (The product gives the triangular solve's result with independent rows, where the solve
/// is one chain of dependent steps; the filter runs every month of every path.) One filter per
/// worker: its buffers are allocated once, so a month allocates nothing.
public final class HamiltonFilter {
    public let model: RegimeFilterModel
    /// The log of the month's normaliser, sum_k p_pred(k) f_k(x_t): the log-likelihood of x_t given
    /// the months before it. -infinity or NaN for a month no regime gives a finite density. Taken
    /// from the normaliser when read: a policy filtering every month never needs its logarithm.
    public var lastLogLikelihood: Double { scaledNormaliser.scale + log(scaledNormaliser.total) }
    /// The normaliser as exp(scale) x total.
    @exclusivity(unchecked) private var scaledNormaliser = (scale: 0.0, total: 1.0)
    /// The same, for a caller summing many months' log-likelihoods: it can add the scales and
    /// multiply the totals, and take one logarithm for many months.
    var lastNormaliser: (scale: Double, total: Double) { scaledNormaliser }

    private let regimeCount: Int
    private let dimension: Int
    private let shock: ShockDensity
    private let assets: UnsafeMutablePointer<Int>
    /// One block for the model's arrays (copied, so a month reads raw pointers) and the state.
    private let storage: UnsafeMutablePointer<Double>
    /// `inverseLower`: [regime][packed lower triangle] L_k^-1.
    private let mean, inverseLower, peakLogDensity, transition, start: UnsafeMutablePointer<Double>
    private let filtered, predicted, logJoint: UnsafeMutablePointer<Double>
    /// The month's returns of the density assets, and the solve's result.
    private let x, y: UnsafeMutablePointer<Double>
    /// (The filter belongs to one worker: no exclusivity checks on its per-month state.)
    @exclusivity(unchecked) private var isFirstMonth = true

    public init(model: RegimeFilterModel) {
        self.model = model
        let k = model.regimeCount, n = model.densityAssets.count
        regimeCount = k
        dimension = n
        shock = model.shock
        assets = .allocate(capacity: n)
        assets.initialize(from: model.densityAssets, count: n)
        let sizes = [k * n, model.lower.count, k, k * k, k, k, k, k, n, n]
        storage = .allocate(capacity: sizes.reduce(0, +))
        storage.initialize(repeating: 0, count: sizes.reduce(0, +))
        var next = storage
        func take(_ size: Int) -> UnsafeMutablePointer<Double> {
            defer { next += size }
            return next
        }
        (mean, inverseLower, peakLogDensity) = (take(sizes[0]), take(sizes[1]), take(sizes[2]))
        (transition, start, filtered, predicted, logJoint) = (take(sizes[3]), take(sizes[4]), take(sizes[5]), take(sizes[6]), take(sizes[7]))
        (x, y) = (take(sizes[8]), take(sizes[9]))
        mean.update(from: model.mean, count: model.mean.count)
        peakLogDensity.update(from: model.peakLogDensity, count: k)
        transition.update(from: model.transition, count: k * k)
        start.update(from: model.start, count: k)
        let packed = n * (n + 1) / 2
        for r in 0..<k {
            Self.invertLower(model.lower, from: r * packed, n: n, into: inverseLower + r * packed)
        }
        reset()
    }

    deinit {
        assets.deallocate()
        storage.deallocate()
    }

    /// M = L^-1 for a packed lower-triangular L (row i at i(i + 1)/2): M_ii = 1 / L_ii and, below
    /// the diagonal, M_ij = -(sum over j <= m < i of L_im M_mj) / L_ii.
    static func invertLower(_ l: [Double], from offset: Int, n: Int, into m: UnsafeMutablePointer<Double>) {
        func at(_ i: Int, _ j: Int) -> Int { i * (i + 1) / 2 + j }
        for j in 0..<n {
            m[at(j, j)] = 1 / l[offset + at(j, j)]
            for i in (j + 1)..<max(n, j + 1) {
                var s = 0.0
                for p in j..<i { s += l[offset + at(i, p)] * m[at(p, j)] }
                m[at(i, j)] = -s / l[offset + at(i, i)]
            }
        }
    }

    /// Before the first month of a path: the prior of that month is the start distribution, and
    /// `probabilities` read it until the first update.
    public func reset() {
        filtered.update(from: start, count: regimeCount)
        isFirstMonth = true
        scaledNormaliser = (0, 1)
    }

    /// One month: the log returns log(1 + r) of all the model's assets (density assets are read).
    public func update(logReturns: UnsafePointer<Double>) {
        for i in 0..<dimension { x[i] = logReturns[assets[i]] }
        filter()
    }

    /// P(S_t = k | x_0 ... x_t) of the last month updated; overwritten by the next update.
    public var probabilities: UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: filtered, count: regimeCount)
    }

    public func probability(_ k: Int) -> Double {
        precondition(k >= 0 && k < regimeCount, "no regime \(k)")
        return filtered[k]
    }

    /// The regime of highest filtered probability (the first on ties).
    public var mostLikelyRegime: Int {
        var best = 0
        for j in 1..<regimeCount where filtered[j] > filtered[best] { best = j }
        return best
    }

    private func filter() {
        let k = regimeCount
        // Prediction p_pred = P' p_filt; the first month's prior is the start distribution itself.
        if isFirstMonth {
            predicted.update(from: filtered, count: k)
            isFirstMonth = false
        } else {
            for to in 0..<k {
                var p = 0.0
                for from in 0..<k { p += transition[from * k + to] * filtered[from] }
                predicted[to] = p
            }
        }
        // p_filt is proportional to p_pred f_k(x). The densities are scaled by the largest one, so
        // densities far below the smallest double still weigh against each other; only if every
        // regime with a prediction is that far below does it take logs of the predictions too.
        var largest = -Double.infinity
        for j in 0..<k {
            logJoint[j] = peakLogDensity[j] + shock.kernel(mahalanobis(j))
            if logJoint[j] > largest { largest = logJoint[j] }
        }
        var total = 0.0
        if largest.isFinite {
            for j in 0..<k {
                // The likeliest regime's scaled density is exp(0): one exp fewer a month.
                filtered[j] = logJoint[j] == largest ? predicted[j] : predicted[j] * exp(logJoint[j] - largest)
                total += filtered[j]
            }
        }
        if total > 0 && total.isFinite {
            let inverse = 1 / total
            for j in 0..<k { filtered[j] *= inverse }
            scaledNormaliser = (largest, total)
            return
        }
        largest = -Double.infinity
        for j in 0..<k {
            logJoint[j] += log(predicted[j])
            if logJoint[j] > largest { largest = logJoint[j] }
        }
        total = 0
        for j in 0..<k { total += exp(logJoint[j] - largest) }
        guard largest.isFinite && total.isFinite else {
            // A NaN return, or one so far out that no regime has a finite log density: nothing
            // to weigh, so the prediction stands.
            filtered.update(from: predicted, count: k)
            scaledNormaliser = largest.isNaN || total.isNaN ? (.nan, 1) : (-.infinity, 1)
            return
        }
        for j in 0..<k { filtered[j] = exp(logJoint[j] - largest) / total }
        scaledNormaliser = (largest, total)
    }

    /// q = |L_k^-1 (x - mu_k)|^2, row by row of the packed inverse factor, O(N^2).
    @inline(__always) private func mahalanobis(_ regime: Int) -> Double {
        let n = dimension
        let m = inverseLower + regime * n * (n + 1) / 2
        let mu = mean + regime * n
        for i in 0..<n { y[i] = x[i] - mu[i] }
        var q = 0.0
        var row = m
        for i in 0..<n {
            // Two sums, even and odd columns: half as long a chain of dependent additions.
            var even = 0.0, odd = 0.0
            var j = 0
            while j + 1 <= i {
                even += row[j] * y[j]
                odd += row[j + 1] * y[j + 1]
                j += 2
            }
            if j == i { even += row[j] * y[j] }
            let z = even + odd
            q += z * z
            row += i + 1
        }
        return q
    }
}
