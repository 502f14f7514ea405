import Foundation
import GSLKit
import Testing

@testable import CoreSatEngine

/// The A-share defaults against the CSI small-cap style family (SEEDS.md section 4, table 12):
/// the cap-weighted universe stands for the small-cap benchmark, and the top third of stocks by one
/// score, cap-weighted and reviewed quarterly, for each style index. With a fixed seed, each figure
/// must land within four standard errors (the paths' spread over sqrt(paths)) plus half a point of
/// the table, the half point being how closely the defaults were aimed.
struct UniverseCalibrationTests {
    /// Table 12: annual return and volatility, 2005 to 2024-05-10.
    static let benchmark = (annual: 0.1121, volatility: 0.3005)
    static let styles: [(factor: StyleFactor, annual: Double, volatility: Double)] = [
        (.growth, 0.1679, 0.3004), (.value, 0.1721, 0.2968), (.lowVolatility, 0.1724, 0.2762),
        (.momentum, 0.0762, 0.3057), (.quality, 0.1519, 0.2958), (.dividend, 0.1855, 0.2937),
    ]
    static let aim = 0.005

    @Test func styleIndicesLandNearTheSeedFigures() {
        let check = StyleIndexCheck(spec: .aShareDefaults(stocks: 1_000), paths: 48, months: 240, seed: 2_024)
        let bench = check.benchmark
        expectNear(bench.logReturn, log(1 + Self.benchmark.annual), "benchmark return")
        expectNear(bench.volatility, Self.benchmark.volatility, "benchmark volatility")
        // Against the benchmark path by path: the differences are far less noisy than the levels.
        for style in Self.styles {
            let excess = check.relative(style.factor)
            let (annual, volatility) = (Self.benchmark.annual, Self.benchmark.volatility)
            expectNear(excess.logReturn, log((1 + style.annual) / (1 + annual)), "\(style.factor) excess return")
            expectNear(excess.volatility, style.volatility - volatility, "\(style.factor) volatility difference")
        }
        // Table 14's strongly related pairs (daily correlations of excess returns 0.61 to 0.72) move
        // together month by month too; with 11,520 months a correlation's standard error is about 0.01.
        for (a, b) in [(StyleFactor.value, StyleFactor.lowVolatility), (.value, .dividend), (.lowVolatility, .dividend),
                       (.growth, .momentum), (.growth, .quality)] {
            #expect(check.excessCorrelation(a, b) > 0.15, "\(a) and \(b)")
        }
    }

    private func expectNear(_ figure: StyleIndexCheck.PathMean, _ target: Double, _ name: String) {
        #expect(
            abs(figure.mean - target) < 4 * figure.standardError + Self.aim,
            "\(name): \(figure.mean) vs \(target) (standard error \(figure.standardError))")
    }
}

/// Top-third cap-weighted style indices over simulated paths, against the cap-weighted universe.
/// Per path: the annualized log return (12 x the mean monthly log return) and volatility
/// (sqrt(12) x the monthly simple returns' standard deviation).
struct StyleIndexCheck {
    /// A mean over paths and its standard error.
    typealias PathMean = (mean: Double, standardError: Double)

    /// [path][index], index f for StyleFactor f and the benchmark last.
    private var logReturns: [[Double]] = [], volatilities: [[Double]] = []
    /// [index][month over all paths]: each style index's monthly return in excess of the benchmark's.
    private var excess: [[Double]]

    init(spec: UniverseSpec, paths: Int, months: Int, seed: UInt32) {
        let universe = StockUniverse(spec: spec)
        let random = RandomSource(seed: seed)
        let f = universe.factorCount
        excess = Array(repeating: [], count: f)
        var members = [[Int]](repeating: [], count: f)
        for _ in 0..<paths {
            universe.start(random: random)
            var monthly = [[Double]](repeating: [], count: f + 1)
            for t in 0..<months {
                if t % 3 == 0 { Self.select(universe, into: &members) }
                let caps = Array(universe.caps)
                universe.step(random: random)
                let returns = Array(universe.returns)
                for k in 0..<f {
                    var (earned, total) = (0.0, 0.0)
                    for i in members[k] {
                        earned += caps[i] * returns[i]
                        total += caps[i]
                    }
                    monthly[k].append(earned / total)
                    excess[k].append(earned / total - universe.universeReturn)
                }
                monthly[f].append(universe.universeReturn)
            }
            logReturns.append(monthly.map { 12 * $0.reduce(0) { $0 + log1p($1) } / Double(months) })
            volatilities.append(monthly.map { r in
                let mean = r.reduce(0, +) / Double(months)
                return (12 * r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(months - 1)).squareRoot()
            })
        }
    }

    /// Each factor's top third by score: the stocks at or above the score of rank m / 3.
    private static func select(_ universe: StockUniverse, into members: inout [[Int]]) {
        let m = universe.stocks, f = universe.factorCount
        for k in 0..<f {
            var column = (0..<m).map { universe.scores[$0 * f + k] }
            let threshold = largest(rank: m / 3 - 1, in: &column)
            members[k] = (0..<m).filter { universe.scores[$0 * f + k] >= threshold }
        }
    }

    /// The value of 0-based rank `k` in descending order, by quickselect (Hoare partitions around
    /// the middle value); a sort per factor and review would dominate the check's time.
    private static func largest(rank k: Int, in x: inout [Double]) -> Double {
        var (low, high) = (0, x.count - 1)
        while low < high {
            let pivot = x[(low + high) / 2]
            var (i, j) = (low, high)
            while i <= j {
                while x[i] > pivot { i += 1 }
                while x[j] < pivot { j -= 1 }
                if i <= j {
                    x.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return x[k] }
        }
        return x[k]
    }

    private func meanAndError(_ values: [Double]) -> PathMean {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, (variance / n).squareRoot())
    }

    var benchmark: (logReturn: PathMean, volatility: PathMean) {
        (meanAndError(logReturns.map { $0.last ?? 0 }), meanAndError(volatilities.map { $0.last ?? 0 }))
    }

    /// The style index's annualized log return and volatility less the benchmark's, path by path.
    func relative(_ factor: StyleFactor)
        -> (logReturn: PathMean, volatility: PathMean)
    {
        let k = factor.index
        return (
            meanAndError(logReturns.map { $0[k] - ($0.last ?? 0) }),
            meanAndError(volatilities.map { $0[k] - ($0.last ?? 0) })
        )
    }

    /// Correlation of two style indices' monthly excess returns over all paths and months.
    func excessCorrelation(_ a: StyleFactor, _ b: StyleFactor) -> Double {
        let (x, y) = (excess[a.index], excess[b.index])
        let n = Double(x.count)
        let (mx, my) = (x.reduce(0, +) / n, y.reduce(0, +) / n)
        var (sxy, sxx, syy) = (0.0, 0.0, 0.0)
        for (u, v) in zip(x, y) {
            sxy += (u - mx) * (v - my)
            sxx += (u - mx) * (u - mx)
            syy += (v - my) * (v - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
