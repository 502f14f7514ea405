import Foundation
import GSLKit

/// The E-step of the fit: the Hamilton filter forward (the engine's own `HamiltonFilter`, in its
/// log-safe form) and Kim's smoother backward, over a whole sample of T months x N assets.
struct RegimeSmoothing: Sendable {
    /// [month][regime] P(S_t = k | x_0 ... x_t).
    var filtered: [Double]
    /// [month][regime] P(S_t = k | x_0 ... x_{T-1}).
    var smoothed: [Double]
    /// [from][to] sum over t >= 1 of P(S_{t-1} = i, S_t = j | x_0 ... x_{T-1}).
    var transitions: [Double]
    var logLikelihood: Double
}

enum KimSmoother {
    /// The filtered probabilities and the log-likelihood; `data` holds the T months row by row.
    /// The first month's prior is the ergodic distribution (the spec's start).
    static func filter(
        _ parameters: SwitchingParameters, data: UnsafeBufferPointer<Double>, keepProbabilities: Bool = true
    ) throws(GSLError) -> (filtered: [Double], logLikelihood: Double) {
        let (k, n) = (parameters.regimeCount, parameters.dimension)
        let months = data.count / n
        let names = (0..<k).map { "\($0)" }
        let filter = HamiltonFilter(model: try RegimeFilterModel(parameters.marketSpec(names: names)))
        var filtered = [Double](repeating: 0, count: keepProbabilities ? months * k : 0)
        guard let base = data.baseAddress else { return (filtered, 0) }
        // log L = sum of scales + log of the product of totals; the product is folded into the sum
        // only when it nears the ends of the double range, so a month costs no logarithm (which
        // took a fifth of the fit's time).
        var scales = 0.0, product = 1.0
        for t in 0..<months {
            filter.update(logReturns: base + t * n)
            let (scale, total) = filter.lastNormaliser
            scales += scale
            product *= total
            if !(product > 1e-250 && product < 1e250) {
                scales += log(product)
                product = 1
            }
            if keepProbabilities {
                for j in 0..<k { filtered[t * k + j] = filter.probabilities[j] }
            }
        }
        let logLikelihood = scales + log(product)
        return (filtered, logLikelihood.isNaN ? -.infinity : logLikelihood)
    }

    /// Filter, then smooth backward: with p_{t+1|t} = P' p_{t|t} and r_j = p_{t+1|T}(j) / p_{t+1|t}(j),
    /// p_{t|T}(i) = p_{t|t}(i) sum_j P_ij r_j, and the pair (i at t, j at t + 1) has
    /// p_{t|t}(i) P_ij r_j. O(K^2) a month.
    static func smooth(_ parameters: SwitchingParameters, data: UnsafeBufferPointer<Double>) throws(GSLError) -> RegimeSmoothing {
        let (filtered, logLikelihood) = try filter(parameters, data: data)
        let k = parameters.regimeCount
        let months = filtered.count / k
        var smoothed = filtered
        // ratio[t][j] = p_{t+1|T}(j) / p_{t+1|t}(j), kept for the transition sums after the pass.
        var ratio = [Double](repeating: 0, count: months * k)
        // Raw pointers: the loop runs over every month of every EM iteration, and array
        // subscripts with their checks took half its time.
        smoothed.withUnsafeMutableBufferPointer { smoothed in
            ratio.withUnsafeMutableBufferPointer { ratio in
                filtered.withUnsafeBufferPointer { filtered in
                    parameters.transition.withUnsafeBufferPointer { p in
                        for t in stride(from: months - 2, through: 0, by: -1) {
                            for j in 0..<k {
                                var predicted = 0.0
                                for i in 0..<k { predicted += filtered[t * k + i] * p[i * k + j] }
                                // A regime the filter rules out ahead has no smoothed weight to hand back.
                                ratio[t * k + j] = predicted > 0 ? smoothed[(t + 1) * k + j] / predicted : 0
                            }
                            for i in 0..<k {
                                var sum = 0.0
                                for j in 0..<k { sum += p[i * k + j] * ratio[t * k + j] }
                                smoothed[t * k + i] = filtered[t * k + i] * sum
                            }
                        }
                    }
                }
            }
        }
        // sum_t p_{t|t}(i) P_ij r_j, one sum at a time in a register.
        let transitions = ratio.withUnsafeBufferPointer { ratio in
            filtered.withUnsafeBufferPointer { filtered in
                (0..<(k * k)).map { ij in
                    let (i, j) = (ij / k, ij % k)
                    var sum = 0.0
                    for t in 0..<max(0, months - 1) { sum += filtered[t * k + i] * ratio[t * k + j] }
                    return parameters.transition[ij] * sum
                }
            }
        }
        return RegimeSmoothing(filtered: filtered, smoothed: smoothed, transitions: transitions, logLikelihood: logLikelihood)
    }
}
