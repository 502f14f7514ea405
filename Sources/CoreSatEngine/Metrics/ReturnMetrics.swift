import Foundation
import GSLKit

/// Performance figures of one series of simple returns, with empyrical's definitions
/// (docs/metrics.md gives every formula). `periodsPerYear` is P; `riskFree` is per period.
public enum ReturnMetrics {
    /// Everything one pass over the series can gather; the figures below are built from it.
    public struct Scan: Sendable, Equatable {
        public var count: Int
        /// prod(1 + r)
        public var growth: Double
        public var mean: Double
        /// Sample standard deviation (ddof=1), from a second pass around the mean as numpy does.
        public var standardDeviation: Double
        /// Sum of min(r - rf, 0)^2.
        public var downsideSquares: Double
        /// min over t of W_t / max_{s<=t} W_s - 1, with W_0 = 1 counted as a peak (zero or negative).
        public var maxDrawdown: Double
        /// Longest run of consecutive periods with W_t below its running peak.
        public var longestDrawdown: Int
    }

    public static func scan(_ r: UnsafeBufferPointer<Double>, riskFree: Double) -> Scan {
        var wealth = 1.0
        var peak = 1.0
        var lowestRatio = 1.0  // min of W_t / peak so far
        var run = 0
        var longest = 0
        var sum = 0.0
        var downside = 0.0
        for x in r {
            sum += x
            let shortfall = min(x - riskFree, 0)  // branch-free: the sign is unpredictable
            downside += shortfall * shortfall
            wealth *= 1 + x
            if wealth >= peak {
                peak = wealth
                run = 0
            } else {
                run += 1
                longest = max(longest, run)
                // Divide only for a candidate new low: most months in a drawdown are not one.
                if wealth < peak * lowestRatio { lowestRatio = min(lowestRatio, wealth / peak) }
            }
        }
        let n = r.count
        var mean = n > 0 ? sum / Double(n) : .nan
        var sd = n > 1 ? (Statistics.sumOfSquaredDeviations(r, around: mean) / Double(n - 1)).squareRoot() : .nan
        // A constant series still gets a spread: the summed mean is off by rounding, up to about
        // 0.1 n eps |mean| (measured for n = 12 ... 100,000), and the deviations are that error.
        // Below n eps |mean| there is no variation: the spread is 0 and the mean any of the values,
        // so Sharpe is +-inf, or NaN against an equal risk-free rate, as empyrical gives.
        if sd <= Double(n) * .ulpOfOne * abs(mean) {
            sd = 0
            mean = r[0]
        }
        return Scan(
            count: n, growth: wealth, mean: mean,
            standardDeviation: sd,
            downsideSquares: downside, maxDrawdown: lowestRatio - 1, longestDrawdown: longest)
    }

    /// (prod(1 + r))^(P/n) - 1
    public static func cagr(_ s: Scan, periodsPerYear: Double) -> Double {
        s.count > 0 ? pow(s.growth, periodsPerYear / Double(s.count)) - 1 : .nan
    }

    /// std(r, ddof=1) * sqrt(P)
    public static func annualVolatility(_ s: Scan, periodsPerYear: Double) -> Double {
        s.standardDeviation * periodsPerYear.squareRoot()
    }

    /// mean(r - rf) / std(r - rf, ddof=1) * sqrt(P); subtracting a constant leaves the std unchanged.
    public static func sharpe(_ s: Scan, riskFree: Double, periodsPerYear: Double) -> Double {
        (s.mean - riskFree) / s.standardDeviation * periodsPerYear.squareRoot()
    }

    /// mean(r - rf) * P / (sqrt(mean(min(r - rf, 0)^2)) * sqrt(P)); the scan must use the same rf.
    public static func sortino(_ s: Scan, riskFree: Double, periodsPerYear: Double) -> Double {
        let downsideRisk = (s.downsideSquares / Double(s.count)).squareRoot() * periodsPerYear.squareRoot()
        return (s.mean - riskFree) * periodsPerYear / downsideRisk
    }

    /// CAGR / |max drawdown|; NaN when there was no drawdown (as empyrical).
    public static func calmar(cagr: Double, maxDrawdown: Double) -> Double {
        maxDrawdown < 0 ? cagr / abs(maxDrawdown) : .nan
    }

    public struct Tail: Sendable, Equatable {
        /// 5th percentile of r, linear interpolation (numpy.percentile).
        public var valueAtRisk: Double
        /// Mean of the k smallest r, k = floor((n - 1) * 0.05) + 1.
        public var conditionalValueAtRisk: Double
    }

    /// VaR and CVaR at `cutoff` (0.05 for 95%), from a partial sort of the smallest values.
    ///
    /// With the series' scan at hand, values above mean - 1.2 sd (about the 12th percentile of a
    /// normal) cannot be among the smallest 5% unless fewer than `needed` values lie below it, so
    /// the partial sort runs on the short list below that line; otherwise on the whole series.
    /// The answer is the same either way; only the work differs.
    public static func tail(_ r: UnsafeBufferPointer<Double>, cutoff: Double = 0.05, scan: Scan? = nil) -> Tail {
        guard !r.isEmpty else { return Tail(valueAtRisk: .nan, conditionalValueAtRisk: .nan) }
        let position = cutoff * Double(r.count - 1)
        let lowIndex = Int(position.rounded(.down))
        let needed = min(lowIndex + 2, r.count)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: r.count + needed) { scratch in
            let below = UnsafeMutableBufferPointer(rebasing: scratch[0..<r.count])
            let smallest = UnsafeMutableBufferPointer(rebasing: scratch[r.count...])
            var candidates = r
            if let scan, scan.standardDeviation.isFinite {
                let line = scan.mean - 1.2 * scan.standardDeviation
                var count = 0
                for x in r {
                    below[count] = x  // branch-free compaction: keep x only if it is below the line
                    count += x < line ? 1 : 0
                }
                if count >= needed { candidates = UnsafeBufferPointer(rebasing: below[0..<count]) }
            }
            Statistics.smallest(needed, of: candidates, into: smallest)
            var sum = 0.0
            for i in 0...lowIndex { sum += smallest[i] }
            let low = smallest[lowIndex]
            let high = lowIndex + 1 < needed ? smallest[lowIndex + 1] : low
            let fraction = position - Double(lowIndex)
            return Tail(valueAtRisk: low + fraction * (high - low), conditionalValueAtRisk: sum / Double(lowIndex + 1))
        }
    }
}

/// Figures of a series against a benchmark series of the same length.
public enum RelativeMetrics {
    public struct Result: Sendable, Equatable {
        /// std(r - b, ddof=1) * sqrt(P)
        public var trackingError: Double
        /// mean(r - b) * P / tracking error
        public var informationRatio: Double
        /// Share of periods with r > b.
        public var winRate: Double
    }

    /// `activeMean`, when the caller already knows mean(r) - mean(b), saves a pass.
    public static func compute(
        _ r: UnsafeBufferPointer<Double>, benchmark b: UnsafeBufferPointer<Double>, periodsPerYear: Double,
        activeMean: Double? = nil
    ) -> Result {
        precondition(r.count == b.count)
        let n = r.count
        guard n > 0 else { return Result(trackingError: .nan, informationRatio: .nan, winRate: .nan) }
        let mean = activeMean ?? (0..<n).reduce(0.0) { $0 + (r[$1] - b[$1]) } / Double(n)
        var squares = (0.0, 0.0)  // two partial sums: the adds need not wait on each other
        var wins = 0
        var i = 0
        while i + 2 <= n {
            let d0 = r[i] - b[i] - mean, d1 = r[i + 1] - b[i + 1] - mean
            squares.0 += d0 * d0
            squares.1 += d1 * d1
            wins += (r[i] > b[i] ? 1 : 0) + (r[i + 1] > b[i + 1] ? 1 : 0)
            i += 2
        }
        if i < n {
            let d = r[i] - b[i] - mean
            squares.0 += d * d
            wins += r[i] > b[i] ? 1 : 0
        }
        let te = n > 1 ? ((squares.0 + squares.1) / Double(n - 1)).squareRoot() * periodsPerYear.squareRoot() : .nan
        return Result(trackingError: te, informationRatio: mean * periodsPerYear / te, winRate: Double(wins) / Double(n))
    }
}
