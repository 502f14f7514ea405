import Foundation
import GSLKit

/// The probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation
/// (CSCV; Bailey, Borwein, López de Prado and Zhu 2017, "The Probability of Backtest Overfitting").
///
/// The T periods of N configurations' returns are cut into S contiguous blocks. Every choice of
/// S/2 blocks is an in-sample set, the other S/2 its out-of-sample set. The configuration with the
/// best in-sample Sharpe ratio is ranked among all N out of sample, and the share of choices where
/// it lands at or below the out-of-sample median is the PBO. docs/metrics.md has the conventions.
public enum BacktestOverfitting {
    /// The blocks the returns are cut into, and how many choices of in-sample blocks that makes.
    public static let defaultBlocks = 16
    /// C(24, 12) = 2,704,156 choices; past that the logits alone take hundreds of megabytes.
    public static let maximumBlocks = 24

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// Fewer than 2 configurations: there is nothing to choose from.
        case tooFewConfigurations(Int)
        /// The block count must be even (the two halves swap roles), at least 2, and at most `maximumBlocks`.
        case invalidBlocks(Int)
        /// Every block needs a period and every half two (for a standard deviation): T >= max(S, 4).
        case tooFewPeriods(periods: Int, blocks: Int)
        /// A row of the matrix with another length than the first.
        case raggedRow(row: Int, count: Int, expected: Int)
        case notFinite(period: Int, configuration: Int)

        public var description: String {
            switch self {
            case .tooFewConfigurations(let n): "overfitting needs at least 2 configurations, got \(n)"
            case .invalidBlocks(let s): "the block count must be even and in 2...\(BacktestOverfitting.maximumBlocks), got \(s)"
            case .tooFewPeriods(let t, let s): "\(t) periods cannot fill \(s) blocks (at least \(max(s, 4)) are needed)"
            case .raggedRow(let row, let count, let expected): "row \(row) has \(count) returns, the first has \(expected)"
            case .notFinite(let t, let n): "the return of configuration \(n) in period \(t) is not a finite number"
            }
        }
    }

    /// Mean, spread and quantiles of the logits (quantiles as numpy.percentile, linear).
    public struct LogitSummary: Sendable, Equatable {
        public var mean, standardDeviation, minimum, lowerQuartile, median, upperQuartile, maximum: Double
    }

    /// Least-squares line of the chosen configuration's out-of-sample Sharpe ratio on its
    /// in-sample one across the choices; a slope well below 1 is performance lost out of sample.
    /// NaN when the in-sample ratios do not vary or one is infinite.
    public struct Degradation: Sendable, Equatable {
        public var slope, intercept: Double
    }

    public struct Result: Sendable, Equatable {
        /// PBO: the share of choices whose logit is <= 0.
        public var probability: Double
        /// C(S, S/2); the arrays below have one element per choice, in the lexicographic order of
        /// the in-sample block sets (as Python's itertools.combinations(range(S), S/2)).
        public var combinations: Int
        public var logits: [Double]
        /// The in-sample best configuration (0-based column) of each choice.
        public var chosen: [Int]
        /// Per-period (not annualised) Sharpe ratios of the chosen configuration.
        public var inSampleSharpe, outOfSampleSharpe: [Double]
        public var logitSummary: LogitSummary
        /// Share of choices whose chosen configuration has a negative out-of-sample Sharpe ratio.
        public var probabilityOfLoss: Double
        public var degradation: Degradation
        /// First period of each block, and T after the last.
        public var blockBounds: [Int]
    }

    /// `rows[t][n]`: the return of configuration n in period t.
    public static func evaluate(rows: [[Double]], blocks: Int = defaultBlocks) throws(Problem) -> Result {
        let n = rows.first?.count ?? 0
        var flat: [Double] = []
        flat.reserveCapacity(rows.count * n)
        for (t, row) in rows.enumerated() {
            guard row.count == n else { throw .raggedRow(row: t, count: row.count, expected: n) }
            flat.append(contentsOf: row)
        }
        return try evaluate(flat, configurations: n, blocks: blocks)
    }

    /// `returns`: T x N row-major (period t's N returns together).
    public static func evaluate(_ returns: [Double], configurations n: Int, blocks s: Int = defaultBlocks) throws(Problem) -> Result {
        guard n >= 2 else { throw .tooFewConfigurations(n) }
        guard s >= 2, s % 2 == 0, s <= maximumBlocks else { throw .invalidBlocks(s) }
        let t = returns.count / n
        guard t * n == returns.count else { throw .raggedRow(row: t, count: returns.count - t * n, expected: n) }
        guard t >= max(s, 4) else { throw .tooFewPeriods(periods: t, blocks: s) }
        if let bad = returns.firstIndex(where: { !$0.isFinite }) { throw .notFinite(period: bad / n, configuration: bad % n) }

        let stats = BlockSums(returns, periods: t, configurations: n, blocks: s)
        var walk = ChoiceWalk(stats)
        var logits: [Double] = [], chosen: [Int] = [], inSample: [Double] = [], outOfSample: [Double] = []
        var overfit = 0, losses = 0
        var inBlocks = Array(0..<(s / 2))
        repeat {
            let choice = walk.rank(inSample: inBlocks)
            // rank / (N + 1) against 1 - that: the ratio keeps lambda exactly 0 at the median.
            logits.append(log(choice.rank / (Double(n + 1) - choice.rank)))
            overfit += 2 * choice.rank <= Double(n + 1) ? 1 : 0
            losses += choice.outOfSample < 0 ? 1 : 0
            chosen.append(choice.best)
            inSample.append(choice.inSample)
            outOfSample.append(choice.outOfSample)
        } while nextCombination(&inBlocks, of: s)

        let count = Double(logits.count)
        return Result(
            probability: Double(overfit) / count, combinations: logits.count, logits: logits, chosen: chosen,
            inSampleSharpe: inSample, outOfSampleSharpe: outOfSample, logitSummary: summary(logits),
            probabilityOfLoss: Double(losses) / count, degradation: line(inSample, outOfSample),
            blockBounds: stats.bounds)
    }

    /// Steps `c` (sorted, k of 0..<s) to the next k-subset in lexicographic order; false after the last.
    static func nextCombination(_ c: inout [Int], of s: Int) -> Bool {
        let k = c.count
        var i = k - 1
        while i >= 0 && c[i] == s - k + i { i -= 1 }
        guard i >= 0 else { return false }
        c[i] += 1
        for j in (i + 1)..<k { c[j] = c[j - 1] + 1 }
        return true
    }

    static func summary(_ x: [Double]) -> LogitSummary {
        let quantiles = OrderStatistics(x, fractions: [0, 0.25, 0.5, 0.75, 1])
        return LogitSummary(
            mean: Statistics.mean(x), standardDeviation: Statistics.standardDeviation(x),
            minimum: quantiles.quantile(0), lowerQuartile: quantiles.quantile(0.25), median: quantiles.quantile(0.5),
            upperQuartile: quantiles.quantile(0.75), maximum: quantiles.quantile(1))
    }

    static func line(_ x: [Double], _ y: [Double]) -> Degradation {
        let mx = Statistics.mean(x), my = Statistics.mean(y)
        var sxy = 0.0, sxx = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
        }
        guard sxx > 0, sxx.isFinite, sxy.isFinite else { return Degradation(slope: .nan, intercept: .nan) }
        let slope = sxy / sxx
        return Degradation(slope: slope, intercept: my - slope * mx)
    }
}
