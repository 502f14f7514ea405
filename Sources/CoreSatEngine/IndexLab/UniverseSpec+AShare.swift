import GSLKit

extension UniverseSpec {
    /// The 31 Shenwan (2021) level-1 industries.
    public static let shenwanIndustries = [
        "agriculture", "coal", "petroleum and petrochemicals", "basic chemicals", "steel", "nonferrous metals",
        "building materials", "building decoration", "power equipment", "machinery", "defense", "automobiles",
        "household appliances", "textiles and apparel", "light manufacturing", "commerce and retail",
        "social services", "beauty care", "food and beverage", "pharmaceuticals", "utilities", "transportation",
        "real estate", "environmental protection", "electronics", "computers", "media", "telecommunications",
        "banks", "non-bank financials", "conglomerates",
    ]

    /// An A-share-like universe in bull, bear and range-bound regimes, calibrated to the CSI
    /// small-cap style family (SEEDS.md section 4, table 12; 2005 to 2024): the cap-weighted
    /// universe stands for the small-cap benchmark (11.2% a year, 30.1% volatility) and top-third
    /// cap-weighted selections by one score for the style indices. See `calibrationCheck` in the
    /// tests for how close they land.
    public static func aShareDefaults(stocks: Int) -> UniverseSpec {
        UniverseSpec(
            stocks: stocks, industryNames: shenwanIndustries, regimes: AShareCalibration.regimes,
            chain: AShareCalibration.chain, persistence: AShareCalibration.persistence,
            capMedian: 5e9, capDispersion: 1.0, betaDispersion: 0.25, characteristicsEvery: 3,
            noiseSizeElasticity: 0.1)
    }
}

/// The numbers behind `UniverseSpec.aShareDefaults`, with where each comes from.
enum AShareCalibration {
    /// Monthly AR(1) persistence of value, growth, quality, dividend. Annual autocorrelations of
    /// such ranks are roughly 0.7 (book-to-price), 0.3 (growth rates mean-revert fast), 0.8 (ROE)
    /// and 0.8 (yield); persistence^12 gives 0.69, 0.28, 0.78, 0.78.
    static let persistence = [0.97, 0.90, 0.98, 0.98]

    /// Correlations of the market factor and the premia. Among the premia: table 14's correlations
    /// of the style indices' daily excess returns (value, growth, quality, low volatility, momentum,
    /// dividend); each index's excess return also carries its own stocks' noise, so the indices'
    /// excess returns correlate somewhat less than the premia do. With the market (first row, not
    /// in the seeds): defensive premia fall when the market rises, which is what brings the value,
    /// dividend, quality and low-volatility indices' volatilities under the benchmark's (table 12);
    /// small caps rise harder than large ones (size, large minus small, against the market).
    static let factorCorrelation = SquareMatrix(rows: [
        [1, -0.3, -0.25, -0.35, -0.23, 0.06, -0.37, -0.2],
        [-0.3, 1, -0.16, 0.14, 0.72, -0.51, 0.68, 0],
        [-0.25, -0.16, 1, 0.61, -0.18, 0.67, -0.11, 0],
        [-0.35, 0.14, 0.61, 1, 0.21, 0.38, 0.26, 0],
        [-0.23, 0.72, -0.18, 0.21, 1, -0.51, 0.66, 0],
        [0.06, -0.51, 0.67, 0.38, -0.51, 1, -0.39, 0],
        [-0.37, 0.68, -0.11, 0.26, 0.66, -0.39, 1, 0],
        [-0.2, 0, 0, 0, 0, 0, 0, 1],
    ])

    /// Premia in value, growth, quality, low volatility, momentum, dividend, size order.
    static let premiumVolatility = [0.012, 0.012, 0.008, 0.012, 0.015, 0.010, 0.010]

    /// Premium means per regime: a long-run level plus a regime contrast (bear minus bull, half
    /// each way; range-bound at the level): defensive styles earn more in bear markets.
    static func premia(_ tilt: Double) -> [Double] {
        zip(premiumLevel, premiumContrast).map { $0 + tilt * $1 / 2 }
    }
    static let premiumLevel = [0.0058, 0.0043, 0.0038, 0.0105, -0.0103, 0.0075, -0.0010]
    static let premiumContrast = [0.010, -0.004, 0.004, 0.016, -0.008, 0.010, 0.003]

    static let regimes = [
        UniverseRegime(
            name: "bull", marketMean: 0.0375, marketVolatility: 0.0885, premiumMean: premia(-1),
            premiumVolatility: premiumVolatility, factorCorrelation: factorCorrelation, industryVolatility: 0.04,
            idiosyncraticVolatility: 0.11),
        UniverseRegime(
            name: "bear", marketMean: -0.0325, marketVolatility: 0.1055, premiumMean: premia(1),
            premiumVolatility: premiumVolatility, factorCorrelation: factorCorrelation, industryVolatility: 0.045,
            idiosyncraticVolatility: 0.10),
        UniverseRegime(
            name: "range", marketMean: 0.0065, marketVolatility: 0.0835, premiumMean: premia(0),
            premiumVolatility: premiumVolatility, factorCorrelation: factorCorrelation, industryVolatility: 0.04,
            idiosyncraticVolatility: 0.09),
    ]

    /// Monthly transitions (bull, bear, range): A-share bull and bear markets last one to two years
    /// (expected stays 17 and 14 months), range-bound spells about 20 months; ergodic shares about
    /// 0.30, 0.29, 0.41. The first month starts from those shares.
    static let chain: RegimeChain = {
        let transition = [0.94, 0.04, 0.02, 0.02, 0.93, 0.05, 0.03, 0.02, 0.95]
        return RegimeChain(
            transition: SquareMatrix(order: 3, values: transition),
            start: RegimeChain.ergodic(transition: transition, regimes: 3))
    }()
}
