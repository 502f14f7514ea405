import GSLKit

/// Each regime's factor distribution, flattened for the month's draw: the market factor and the
/// style premia (correlated), and one independent factor per industry, all from standard normals.
struct FactorDraws: Sendable {
    let industries: Int
    private let industryVolatility: [Double]
    /// Per regime: the typical stock's idiosyncratic volatility.
    let idiosyncraticVolatility: [Double]
    /// [regime][market, premia] means, and [regime][packed lower triangle] Cholesky factors of
    /// their covariance.
    private let mean, lower: [Double]

    /// Standard normals one month takes: the market, each premium, each industry.
    var normalsPerMonth: Int { UniverseRegime.correlatedFactors + industries }

    init(regimes: [UniverseRegime], industries: Int) {
        self.industries = industries
        industryVolatility = regimes.map(\.industryVolatility)
        idiosyncraticVolatility = regimes.map(\.idiosyncraticVolatility)
        mean = regimes.flatMap { [$0.marketMean] + $0.premiumMean }
        lower = regimes.flatMap { $0.factorLower() }
    }

    /// The month's factor log returns in `regime` from `normalsPerMonth` standard normals `z`:
    /// writes the market and each premium to `factors`, each industry to `industryReturns`.
    @inline(__always)
    func draw(
        regime: Int, normals z: UnsafeMutablePointer<Double>, factors: UnsafeMutablePointer<Double>,
        industryReturns: UnsafeMutablePointer<Double>
    ) {
        let n = UniverseRegime.correlatedFactors
        lower.withUnsafeBufferPointer { lower in
            CorrelatedNormals.multiply(
                lower: lower.baseAddress! + regime * (n * (n + 1) / 2), UnsafeMutableBufferPointer(start: z, count: n),
                into: factors)
        }
        for k in 0..<n { factors[k] += mean[regime * n + k] }
        // Industry risk is diversifiable, so unpriced: a log mean of -sigma^2 / 2 gives each
        // industry factor a simple return of mean 0.
        let industryVolatility = industryVolatility[regime]
        let drift = -industryVolatility * industryVolatility / 2
        for j in 0..<industries { industryReturns[j] = drift + industryVolatility * z[n + j] }
    }
}
