// Times RunningMoments (append one month, estimate) and the batch estimate of the same window, in
// nanoseconds per call, for each estimator at N = 10 and N = 30 with a 36-month window. Built and
// run by bench/estimators/run against the release objects of the Optimizer target.
import Foundation
import Optimizer

func nanoseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) * 1e-9
}

/// Deterministic returns of a few percent a month (a linear congruential generator: the timing does
/// not depend on the numbers' distribution, only on their being ordinary doubles).
func returns(months: Int, assets: Int) -> [Double] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    return (0..<(months * assets)).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return 0.008 + 0.1 * (Double(state >> 11) / Double(1 << 53) - 0.5)
    }
}

let estimators: [(String, CovarianceEstimator)] = [
    ("sample", .sample), ("exponential", .exponential(halfLife: 12)), ("ledoitWolf", .ledoitWolf),
    ("constantCorrelation", .constantCorrelation),
]
let window = 36, months = 360, paths = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 2_000
print("window \(window), \(paths) paths x \(months) months; ns per call (append: every month; estimate: every 3)")
for n in [10, 30] {
    let data = returns(months: months, assets: n)
    var mean = [Double](repeating: 0, count: n), covariance = [Double](repeating: 0, count: n * n)
    for (name, estimator) in estimators {
        let running = RunningMoments(assets: n, window: window, estimator: estimator)
        var appendTime = Duration.zero, estimateTime = Duration.zero, estimates = 0, checksum = 0.0
        let clock = ContinuousClock()
        data.withUnsafeBufferPointer { rows in
            for _ in 0..<paths {
                running.reset()
                for t in 0..<months {
                    let start = clock.now
                    running.append(rows.baseAddress! + t * n)
                    let appended = clock.now
                    appendTime += appended - start
                    guard t >= window - 1, t % 3 == 0 else { continue }
                    checksum += running.estimate(mean: &mean, covariance: &covariance) ?? 0
                    estimateTime += clock.now - appended
                    estimates += 1
                }
            }
        }
        let last = Array(data[((months - window) * n)...])
        let batchRuns = 2_000
        let batchTime = clock.measure {
            for _ in 0..<batchRuns {
                checksum += (try? MomentEstimate.estimate(returns: last, months: window, assets: n,
                                                          covariance: estimator))?.covariance[0] ?? 0
            }
        }
        let perAppend = nanoseconds(appendTime) / Double(paths * months)
        let perEstimate = nanoseconds(estimateTime) / Double(estimates)
        let perBatch = nanoseconds(batchTime) / Double(batchRuns)
        let label = name.padding(toLength: 20, withPad: " ", startingAt: 0)
        print(String(format: "N %2d %@ append %8.0f  estimate %8.0f  batch of the window %9.0f  (checksum %.3g)",
                     n, label, perAppend, perEstimate, perBatch, checksum))
    }
}
