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
    /// universe stands for the small-cap benchmark and the top third of stocks by one score,
    /// cap-weighted and reviewed quarterly, for each style index. Over 1,000 paths of 20 years with
    /// 1,000 stocks (standard error of a level about 0.3 points; of an index against the benchmark
    /// about 0.05), annual return and volatility land at, with table 12 in brackets:
    ///
    ///     benchmark 11.36% (11.21)  30.13% (30.05)    low vol   17.66% (17.24)  27.27% (27.62)
    ///     growth    16.79% (16.79)  30.14% (30.04)    momentum   7.56% (7.62)   30.41% (30.57)
    ///     value     17.53% (17.21)  29.65% (29.68)    quality   15.43% (15.19)  29.83% (29.58)
    ///     dividend  18.80% (18.55)  29.61% (29.37)
    ///
    /// Tracking errors against the benchmark are 4.9% to 6.4% a year. Monthly excess returns of
    /// table 14's strongly related pairs correlate about half as much as its daily ones (0.28 to
    /// 0.40 against 0.61 to 0.72), and momentum's negative correlations nearly vanish (-0.06
    /// against -0.51 with value): a momentum index holds the stocks whose other exposures paid.
    /// `UniverseCalibrationTests` repeats the check on fewer paths. One 19-year history is behind
    /// the targets, so they are a plausible centre, not a certainty.
    public static func aShareDefaults(stocks: Int) -> UniverseSpec {
        // Not in the seeds, round figures of the right order: a median free-float cap of CNY 5
        // billion with a log spread of 1, betas 1 +- 0.25, and a noise elasticity of 0.1 (a stock
        // ten times the typical size has 80% of its noise).
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
    /// excess returns correlate less than the premia do. With the market (first row, not in the
    /// seeds, tuned): defensive premia fall when the market rises, which brings the value,
    /// dividend, quality and low-volatility indices' volatilities under the benchmark's as in
    /// table 12; small caps rise harder than large ones (size is large minus small).
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

    /// Premium volatilities (value, growth, quality, low volatility, momentum, dividend, size): not
    /// in the seeds; they give the tracking errors above.
    static let premiumVolatility = [0.012, 0.012, 0.008, 0.012, 0.015, 0.010, 0.010]

    /// Premium means per regime: a long-run level plus a regime contrast (bear minus bull, half
    /// each way; range-bound at the level): defensive styles earn more in bear markets.
    static func premia(_ tilt: Double) -> [Double] {
        zip(premiumLevel, premiumContrast).map { $0 + tilt * $1 / 2 }
    }
    /// Levels tuned so each index's return over the benchmark's is table 12's excess (value +6.0,
    /// growth +5.6, quality +4.0, low vol +6.0, momentum -3.6, dividend +7.3 points a year). A top
    /// third averages a score of about 1.1, but the benchmark already holds 0.55 of low volatility
    /// (large stocks are calmer) and 0.45 of momentum (winners grew), so those two need the largest
    /// premia; momentum's is negative, as A-share momentum lagged. Size: small caps a little ahead
    /// of large ones (not in the seeds).
    static let premiumLevel = [0.0058, 0.0043, 0.0038, 0.0105, -0.0103, 0.0075, -0.0010]
    static let premiumContrast = [0.010, -0.004, 0.004, 0.016, -0.008, 0.010, 0.003]

    /// Market means and volatilities tuned so the benchmark lands at table 12's 11.2% and 30.1%;
    /// bull and bear months of +3.7% and -3.3% on average are the scale of A-share years such as
    /// 2018 (-30%) and 2019 (+31%, seed 002). Own noise of 9% to 11% a month (about 35% a year) and
    /// industry factors of 4% to 4.5% are not in the seeds: round figures of the right order.
    static let regimes = [
        UniverseRegime(
            name: "bull", marketMean: 0.0373, marketVolatility: 0.0885, premiumMean: premia(-1),
            premiumVolatility: premiumVolatility, factorCorrelation: factorCorrelation, industryVolatility: 0.04,
            idiosyncraticVolatility: 0.11),
        UniverseRegime(
            name: "bear", marketMean: -0.0327, marketVolatility: 0.1055, premiumMean: premia(1),
            premiumVolatility: premiumVolatility, factorCorrelation: factorCorrelation, industryVolatility: 0.045,
            idiosyncraticVolatility: 0.10),
        UniverseRegime(
            name: "range", marketMean: 0.0063, marketVolatility: 0.0835, premiumMean: premia(0),
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
