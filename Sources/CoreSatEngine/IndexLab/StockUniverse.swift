import Foundation
import GSLKit

/// M stocks in industries along one path, month by month, under a multi-factor model of log returns:
///
///     log(1 + r_i) = beta_i m + g_industry(i) + sum_f x_if p_f + s_i (e_i - s_i / 2)
///
/// with m the market factor and p the style premia (correlated, drawn each month from the month's
/// regime), g each industry's own factor (log mean -sigma^2 / 2: unpriced), x_if stock i's
/// standardized score for factor f at the start of the month, and e_i standard normal noise. Its
/// scale s_i is the regime's idiosyncratic volatility times (cap_i / geometric-mean cap)^(-elasticity),
/// refreshed with the characteristics and kept within 1/3 and 3 times the regime's, so smaller
/// stocks are noisier; the -s_i / 2 keeps noise unpriced (simple-return mean 0), so a stock's
/// expected return comes from its factor exposures only. After the month: caps follow returns;
/// value, growth, quality and dividend evolve as AR(1) characteristics when due; momentum, low
/// volatility and size are recomputed from the returns and caps.
///
/// One per worker: every buffer is allocated at init, so `start` and `step` allocate nothing.
public final class StockUniverse {
    public let spec: UniverseSpec
    public let stocks: Int
    public let factorCount = StyleFactor.allCases.count
    public let industryCount: Int

    /// This month's regime (index into `spec.regimes`).
    @exclusivity(unchecked) public internal(set) var regime = 0
    /// The month last stepped: negative in the warm-up, -1 right after `start`, 0 for the first
    /// month after it.
    @exclusivity(unchecked) public internal(set) var month = 0
    /// This month's cap-weighted universe's simple return.
    @exclusivity(unchecked) public internal(set) var universeReturn = 0.0
    /// Whether this month's step updated value, growth, quality and dividend.
    @exclusivity(unchecked) public internal(set) var characteristicsUpdated = false

    let factors: FactorDraws
    let windows: TrailingWindows
    /// Per characteristic (`StyleFactor.characteristics`): the AR(1) coefficient per update
    /// (persistence^every) and the innovation's weight sqrt(1 - decay^2), which keeps unit variance.
    let characteristicCoefficients: [(decay: Double, innovation: Double)]
    /// The universe's total cap after the latest month: next month's cap weights divide by it.
    @exclusivity(unchecked) var capTotal = 0.0

    /// One block for every per-stock buffer, carved below.
    private let storage: UnsafeMutablePointer<Double>
    let returnStore, logReturnStore, capStore, logCapStore, scoreStore: UnsafeMutablePointer<Double>
    /// `factorStore`: this month's market factor, then the premia.
    let betaStore, noiseStore, factorStore, industryReturnStore, normalStore: UnsafeMutablePointer<Double>
    /// One raw score per stock, before standardization.
    let rawStore: UnsafeMutablePointer<Double>
    let industryStore: UnsafeMutablePointer<Int32>

    public init(spec: UniverseSpec) {
        if let problem = spec.problem() { preconditionFailure("invalid universe: \(problem)") }
        self.spec = spec
        let m = spec.stocks, f = StyleFactor.allCases.count
        stocks = m
        industryCount = spec.industryNames.count
        factors = FactorDraws(regimes: spec.regimes, industries: industryCount)
        windows = TrailingWindows(
            stocks: m, momentumMonths: spec.momentumMonths, momentumSkip: spec.momentumSkip,
            volatilityMonths: spec.volatilityMonths)
        characteristicCoefficients = spec.persistence.map { phi in
            let decay = pow(phi, Double(spec.characteristicsEvery))
            return (decay, (1 - decay * decay).squareRoot())
        }
        // Normals: a month takes m idiosyncratic draws and the factors'; an update of the
        // characteristics takes one per stock and characteristic.
        let normalCount = max(m + factors.normalsPerMonth, StyleFactor.characteristics.count * m)
        let sizes = [m, m, m, m, m * f, m, m, 1 + f, industryCount, normalCount, m]
        storage = .allocate(capacity: sizes.reduce(0, +))
        storage.initialize(repeating: 0, count: sizes.reduce(0, +))
        var next = storage
        func take(_ size: Int) -> UnsafeMutablePointer<Double> {
            defer { next += size }
            return next
        }
        (returnStore, logReturnStore, capStore, logCapStore) = (take(m), take(m), take(m), take(m))
        (scoreStore, betaStore, noiseStore) = (take(m * f), take(m), take(m))
        (factorStore, industryReturnStore, normalStore) = (take(1 + f), take(industryCount), take(normalCount))
        rawStore = take(m)
        industryStore = .allocate(capacity: m)
        var stock = 0
        for (industry, count) in spec.industryCounts().enumerated() {
            for _ in 0..<count {
                industryStore[stock] = Int32(industry)
                stock += 1
            }
        }
    }

    deinit {
        storage.deallocate()
        industryStore.deallocate()
    }

    /// This month's simple returns, per stock.
    public var returns: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: returnStore, count: stocks) }
    /// The same as log returns log(1 + r), which the model draws before `expm1`.
    public var logReturns: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: logReturnStore, count: stocks) }
    /// Free-float caps after this month.
    public var caps: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: capStore, count: stocks) }
    /// [stock * factorCount + f]: each factor's scores, standardized across stocks (mean 0,
    /// population sd 1); higher is more of the factor. Known after this month: next month's exposures.
    public var scores: UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: scoreStore, count: stocks * factorCount)
    }
    public var industries: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: industryStore, count: stocks) }
    /// This month's style premia (log returns per unit of score), in `StyleFactor.allCases` order.
    public var factorReturns: UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: factorStore + 1, count: factorCount)
    }
    /// This month's market factor (log return).
    public var marketFactorReturn: Double { factorStore[0] }
    /// This month's industry factors (log returns), per industry.
    public var industryFactorReturns: UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: industryReturnStore, count: industryCount)
    }
    /// Each stock's market beta, drawn at `start`.
    public var betas: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: betaStore, count: stocks) }

    /// A new path: draws betas, initial caps and characteristics, then simulates `warmUp` months
    /// (at least `spec.windowMonths`, the default) so momentum and volatility scores exist at month 0.
    public func start(random: RandomSource, warmUp: Int? = nil) {
        let warmUp = warmUp ?? spec.windowMonths
        precondition(warmUp >= spec.windowMonths, "the warm-up must fill the trailing windows")
        let m = stocks, f = factorCount
        let z = UnsafeMutableBufferPointer(start: normalStore, count: m)
        random.fillNormals(z)
        for i in 0..<m { betaStore[i] = 1 + spec.betaDispersion * z[i] }
        random.fillNormals(z)
        let logMedian = log(spec.capMedian)
        capTotal = 0
        for i in 0..<m {
            logCapStore[i] = logMedian + spec.capDispersion * z[i]
            capStore[i] = exp(logCapStore[i])
            capTotal += capStore[i]
        }
        random.fillNormals(UnsafeMutableBufferPointer(start: normalStore, count: StyleFactor.characteristics.count * m))
        for (c, factor) in StyleFactor.characteristics.enumerated() {
            CrossSection.standardize(normalStore + c * m, count: m, into: scoreStore + factor.index, stride: f)
        }
        // Momentum and volatility have no returns yet: no exposure until their windows fill.
        for i in 0..<m {
            scoreStore[i * f + StyleFactor.momentum.index] = 0
            scoreStore[i * f + StyleFactor.lowVolatility.index] = 0
        }
        updateSize()
        refreshNoise()
        windows.reset()
        month = -warmUp - 1
        for _ in 0..<warmUp { step(random: random) }
    }
}
