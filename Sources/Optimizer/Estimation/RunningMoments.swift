/// Moments of a trailing window of monthly returns, updated in O(N²) a month: the estimator a
/// policy runner keeps along one simulated path and asks for an estimate every few months.
///
/// For every estimator but `.exponential` it holds the last `window` months in a ring buffer and
/// running sums of the returns' powers and cross products, added when a month enters and
/// subtracted when it leaves; an estimate expands the centred moments its formula needs from those
/// sums in O(N²), with no pass over the months. The sums are taken about a shift near the window's
/// mean (so that the expansions cancel little) and are re-summed from the buffer every `window`
/// months, which bounds the rounding that subtracting departed months accumulates while keeping
/// the cost amortized O(N²) a month. For `.exponential` there is no window: every month seen keeps
/// its exponentially decaying weight, and `window` is not used.
///
/// An asset whose returns are all equal over the window (over all months for `.exponential`)
/// gets that value as its mean and exactly zero variance and covariances, as in
/// `MomentEstimate.estimate`. Nothing is allocated after `init`.
public final class RunningMoments {
    public let assets: Int
    public let window: Int
    public let estimator: CovarianceEstimator
    /// Months in the window so far (≤ window); for `.exponential`, all months seen.
    public internal(set) var count = 0

    let isExponential: Bool
    let decay: Double
    /// Rows the ring buffer holds: `window`, or 1 (the latest month) for `.exponential`.
    let capacity: Int
    /// The ring slot the next month is written to; when the window is full, the oldest month's.
    var head = 0
    var removalsSinceResync = 0

    let rows: UnsafeMutablePointer<Double>
    /// Per asset, how many consecutive months in the window differ: 0 means a constant asset.
    let changes: UnsafeMutablePointer<Int>

    // Running sums, all of z = x - shift over the window's months (j ≥ i where symmetric).
    let shift: UnsafeMutablePointer<Double>
    let sum1: UnsafeMutablePointer<Double>  // Σ z_i
    let sum2: UnsafeMutablePointer<Double>  // Σ z_i z_j, upper triangle
    let normWeighted: UnsafeMutablePointer<Double>  // Σ ‖z‖² z_i (.ledoitWolf)
    var normFourth = 0.0  // Σ ‖z‖⁴ (.ledoitWolf)
    let squareLinear: UnsafeMutablePointer<Double>  // Σ z_i² z_j, full (.constantCorrelation)
    let squareSquare: UnsafeMutablePointer<Double>  // Σ z_i² z_j², upper triangle (.constantCorrelation)
    let cubeLinear: UnsafeMutablePointer<Double>  // Σ z_i³ z_j, full (.constantCorrelation)
    var weightSum = 0.0, weightSquareSum = 0.0  // Σ w, Σ w² (.exponential)

    // Scratch for one month and for an estimate.
    let centredRow: UnsafeMutablePointer<Double>
    let offset: UnsafeMutablePointer<Double>  // the window mean of z
    let squares: UnsafeMutablePointer<Double>  // Σ y_i² y_j² (.constantCorrelation)
    let cubes: UnsafeMutablePointer<Double>  // Σ y_i³ y_j (.constantCorrelation)
    let deviations: UnsafeMutablePointer<Double>

    /// - Precondition: assets ≥ 1, window ≥ 2 (unless `.exponential`), and a valid estimator
    ///   (`CovarianceEstimator.validate()` does not throw).
    public init(assets: Int, window: Int, estimator: CovarianceEstimator) {
        precondition(assets >= 1, "RunningMoments needs at least one asset")
        precondition((try? estimator.validate()) != nil, "RunningMoments needs a validated estimator")
        isExponential = if case .exponential = estimator { true } else { false }
        precondition(isExponential || window >= 2, "RunningMoments needs a window of at least 2 months")
        self.assets = assets
        self.window = window
        self.estimator = estimator
        decay = estimator.decay
        capacity = isExponential ? 1 : window
        let n = assets, square = assets * assets
        let fourth = estimator == .constantCorrelation
        rows = .zeroed(capacity * n)
        changes = .allocate(capacity: n)
        changes.initialize(repeating: 0, count: n)
        shift = .zeroed(n)
        sum1 = .zeroed(n)
        sum2 = .zeroed(square)
        normWeighted = .zeroed(estimator == .ledoitWolf ? n : 0)
        squareLinear = .zeroed(fourth ? square : 0)
        squareSquare = .zeroed(fourth ? square : 0)
        cubeLinear = .zeroed(fourth ? square : 0)
        centredRow = .zeroed(n)
        offset = .zeroed(n)
        squares = .zeroed(fourth ? square : 0)
        cubes = .zeroed(fourth ? square : 0)
        deviations = .zeroed(2 * n)
    }

    deinit {
        for pointer in [rows, shift, sum1, sum2, normWeighted, squareLinear, squareSquare, cubeLinear,
                        centredRow, offset, squares, cubes, deviations] {
            pointer.deallocate()
        }
        changes.deallocate()
    }

    /// Forgets every month (a new path).
    public func reset() {
        count = 0
        head = 0
        removalsSinceResync = 0
        changes.update(repeating: 0, count: assets)
    }

    /// Adds one month's N simple returns, dropping the oldest month when the window is full. O(N²).
    /// - Precondition: every return is finite.
    public func append(_ row: UnsafePointer<Double>) {
        for i in 0..<assets { precondition(row[i].isFinite, "RunningMoments.append: a return is not finite") }
        if isExponential {
            appendWeighted(row)
            return
        }
        if count == window { removeOldest() }
        if count == 0 {
            shift.update(from: row, count: assets)
            clearSums()
        } else {
            let newest = latestRow
            for i in 0..<assets where row[i] != newest[i] { changes[i] += 1 }
        }
        (rows + head * assets).update(from: row, count: assets)
        head = (head + 1) % capacity
        count += 1
        accumulate(row, sign: 1)
        if removalsSinceResync >= window { resum() }
    }

    /// Writes the window's mean (n) and covariance (n x n, row-major) with the estimator's
    /// conventions, and returns the shrinkage intensity (nil for `.sample` and `.exponential`).
    /// O(N²).
    /// - Precondition: count ≥ 2.
    @discardableResult
    public func estimate(mean: UnsafeMutablePointer<Double>, covariance: UnsafeMutablePointer<Double>) -> Double? {
        precondition(count >= 2, "RunningMoments.estimate needs at least 2 months")
        if isExponential {
            writeWeightedMoments(mean: mean, covariance: covariance)
            return nil
        }
        writeMeanAndScatter(mean: mean, scatter: covariance)
        let n = assets, t = Double(count)
        switch estimator {
        case .sample, .exponential:
            let scale = 1 / (t - 1)
            for k in 0..<(n * n) { covariance[k] *= scale }
            return nil
        case .ledoitWolf:
            let scale = 1 / t
            for k in 0..<(n * n) { covariance[k] *= scale }
            return ScaledIdentityShrinkage.apply(covariance: covariance, assets: n, months: count,
                                                 fourthPowerSum: centredFourthPowerSum())
        case .constantCorrelation:
            let scale = 1 / (t - 1)
            for k in 0..<(n * n) { covariance[k] *= scale }
            writeCentredSquaresAndCubes()
            return ConstantCorrelationShrinkage.apply(covariance: covariance, squares: squares, cubes: cubes,
                                                      assets: n, months: count, deviations: deviations)
        }
    }

    var latestRow: UnsafeMutablePointer<Double> { rows + ((head + capacity - 1) % capacity) * assets }

    func isConstant(_ i: Int) -> Bool { changes[i] == 0 }
}

extension UnsafeMutablePointer<Double> {
    /// A buffer of `count` zeros (at least one element, so that every buffer can be freed alike).
    static func zeroed(_ count: Int) -> UnsafeMutablePointer<Double> {
        let pointer = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: 0, count: Swift.max(count, 1))
        return pointer
    }
}
