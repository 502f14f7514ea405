import GSLKit

@testable import CoreSatEngine

/// Small stock universes for the tests of `StockUniverse`.
enum UniverseTestSpecs {
    static let premiumMean = [0.004, -0.003, 0.002, 0.003, -0.002, 0.001, -0.001]

    static func regime(name: String = "flat", marketMean: Double = 0.005, premiumMean: [Double] = premiumMean)
        -> UniverseRegime
    {
        UniverseRegime(
            name: name, marketMean: marketMean, marketVolatility: 0.05, premiumMean: premiumMean,
            premiumVolatility: Array(repeating: 0.01, count: StyleFactor.allCases.count), industryVolatility: 0.03,
            idiosyncraticVolatility: 0.08)
    }

    /// One regime, four industries.
    static func oneRegime(
        stocks: Int = 200, every: Int = 1, persistence: [Double] = [0.9, 0.8, 0.95, 0.7], elasticity: Double = 0.2
    ) -> UniverseSpec {
        UniverseSpec(
            stocks: stocks, industryNames: ["banks", "chemicals", "media", "utilities"], regimes: [regime()],
            chain: RegimeChain(transition: .identity(1), start: [1]), persistence: persistence, capMedian: 1e9,
            capDispersion: 1, betaDispersion: 0.2, characteristicsEvery: every, noiseSizeElasticity: elasticity)
    }

    /// Three regimes with a chain that moves often, so a few thousand months show every transition.
    static func threeRegimes(stocks: Int = 30) -> UniverseSpec {
        var spec = oneRegime(stocks: stocks)
        spec.regimes = [regime(name: "up", marketMean: 0.02), regime(name: "down", marketMean: -0.02), regime()]
        spec.chain = RegimeChain(
            transition: SquareMatrix(rows: [[0.8, 0.15, 0.05], [0.3, 0.6, 0.1], [0.2, 0.2, 0.6]]),
            start: [0.2, 0.3, 0.5])
        return spec
    }
}

/// The population mean and standard deviation of `n` values read by `value`.
func populationMoments(_ n: Int, _ value: (Int) -> Double) -> (mean: Double, sd: Double) {
    let mean = (0..<n).reduce(0.0) { $0 + value($1) } / Double(n)
    let variance = (0..<n).reduce(0.0) { $0 + (value($1) - mean) * (value($1) - mean) } / Double(n)
    return (mean, variance.squareRoot())
}
