import Foundation

/// The Hamilton filter: after each month t of a path, P(S_t = k | x_0 ... x_t) for every regime k,
/// from the monthly log returns x of a `RegimeFilterModel`. Cost per month O(K^2 + K N^2), K
/// regimes and N density assets: the prediction is a K x K product, each regime's density one
/// triangular solve. One filter per worker: its buffers are allocated once, so a month allocates
/// nothing.
public final class HamiltonFilter {
    public let model: RegimeFilterModel
    /// The log of the month's normaliser, sum_k p_pred(k) f_k(x_t): the log-likelihood of x_t given
    /// the months before it. -infinity or NaN for a month no regime gives a finite density.
    public private(set) var lastLogLikelihood = 0.0

    private let regimeCount: Int
    private let dimension: Int
    private let shock: ShockDensity
    private let assets: UnsafeMutablePointer<Int>
    /// One block for the model's arrays (copied, so a month reads raw pointers) and the state.
    private let storage: UnsafeMutablePointer<Double>
    private let mean, lower, peakLogDensity, transition, start: UnsafeMutablePointer<Double>
    private let filtered, predicted, logJoint: UnsafeMutablePointer<Double>
    /// The month's returns of the density assets, and the solve's result.
    private let x, y: UnsafeMutablePointer<Double>
    private var isFirstMonth = true

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
        (mean, lower, peakLogDensity) = (take(sizes[0]), take(sizes[1]), take(sizes[2]))
        (transition, start, filtered, predicted, logJoint) = (take(sizes[3]), take(sizes[4]), take(sizes[5]), take(sizes[6]), take(sizes[7]))
        (x, y) = (take(sizes[8]), take(sizes[9]))
        mean.update(from: model.mean, count: model.mean.count)
        lower.update(from: model.lower, count: model.lower.count)
        peakLogDensity.update(from: model.peakLogDensity, count: k)
        transition.update(from: model.transition, count: k * k)
        start.update(from: model.start, count: k)
        reset()
    }

    deinit {
        assets.deallocate()
        storage.deallocate()
    }

    /// Before the first month of a path: the prior of that month is the start distribution, and
    /// `probabilities` read it until the first update.
    public func reset() {
        filtered.update(from: start, count: regimeCount)
        isFirstMonth = true
        lastLogLikelihood = 0
    }

    /// One month: the log returns log(1 + r) of all the model's assets (density assets are read).
    public func update(logReturns: UnsafePointer<Double>) {
        for i in 0..<dimension { x[i] = logReturns[assets[i]] }
        filter()
    }

    /// One month, from simple returns r (the filter takes log(1 + r) itself).
    public func update(simpleReturns: UnsafePointer<Double>) {
        for i in 0..<dimension { x[i] = log1p(simpleReturns[assets[i]]) }
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
        // p_filt is proportional to p_pred f_k(x), in logs with the largest term taken out, so
        // densities far below the smallest double still weigh against each other.
        var largest = -Double.infinity
        for j in 0..<k {
            logJoint[j] = log(predicted[j]) + peakLogDensity[j] + shock.kernel(mahalanobis(j))
            if logJoint[j] > largest { largest = logJoint[j] }
        }
        var total = 0.0
        for j in 0..<k { total += exp(logJoint[j] - largest) }
        guard largest.isFinite && total.isFinite else {
            // A NaN return, or one so far out that no regime has a finite log density: nothing
            // to weigh, so the prediction stands.
            filtered.update(from: predicted, count: k)
            lastLogLikelihood = largest.isNaN || total.isNaN ? .nan : -.infinity
            return
        }
        for j in 0..<k { filtered[j] = exp(logJoint[j] - largest) / total }
        lastLogLikelihood = largest + log(total)
    }

    /// q = |L_k^-1 (x - mu_k)|^2 by forward substitution on the packed lower factor, O(N^2).
    @inline(__always) private func mahalanobis(_ regime: Int) -> Double {
        let n = dimension
        let l = lower + regime * n * (n + 1) / 2
        let mu = mean + regime * n
        var q = 0.0
        var row = 0
        for i in 0..<n {
            var r = x[i] - mu[i]
            for j in 0..<i { r -= l[row + j] * y[j] }
            y[i] = r / l[row + i]
            q += y[i] * y[i]
            row += i + 1
        }
        return q
    }
}
