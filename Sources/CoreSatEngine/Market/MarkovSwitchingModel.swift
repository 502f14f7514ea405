import Foundation
import GSLKit

/// Multivariate normal or Student-t monthly log returns whose parameters follow a Markov chain of
/// regimes. With one regime it is the plain multivariate normal / Student-t model.
public struct MarkovSwitchingModel: ReturnModel {
    public let assetCount: Int
    public let regimeNames: [String]
    /// [regime][asset] means of monthly log returns.
    let mu: [Double]
    /// [regime][packed lower triangle] Cholesky factors of each regime's log-return covariance.
    let lower: [Double]
    let chain: RegimeChain
    /// Set for Student-t innovations.
    let studentT: StudentTShocks?
    /// The assets whose drifts each path draws, and the packed Cholesky factor of their sampling
    /// covariance (`DriftUncertainty`); empty when every drift is known.
    let driftAssets: [Int]
    let driftLower: [Double]
    public let knownMarket: KnownMarket?

    public init(_ spec: MarketSpec) throws(GSLError) {
        assetCount = spec.regimes[0].parameters.count
        regimeNames = spec.regimes.map(\.name)
        mu = spec.regimes.flatMap { $0.parameters.map(\.mu) }
        var lower: [Double] = []
        for regime in spec.regimes {
            lower += try CorrelatedNormals(correlation: regime.correlation, standardDeviations: regime.parameters.map(\.sigma)).packed
        }
        self.lower = lower
        chain = RegimeChain(transition: spec.transition, start: spec.start)
        knownMarket = KnownMarket(spec)
        if case .studentT(let nu) = spec.innovations { studentT = StudentTShocks(degreesOfFreedom: nu) } else { studentT = nil }
        if let uncertainty = spec.driftUncertainty {
            (driftAssets, driftLower) = try uncertainty.factor(spec.regimes[uncertainty.regime])
        } else {
            (driftAssets, driftLower) = ([], [])
        }
    }

    public func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        generatePath(
            path: path, months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes,
            logMeans: UnsafeMutableBufferPointer(start: nil, count: 0))
    }

    public func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>,
        logMeans: UnsafeMutableBufferPointer<Double>
    ) {
        mu.withUnsafeBufferPointer { mu in
            guard !driftAssets.isEmpty else {
                if logMeans.count >= mu.count { _ = logMeans.update(fromContentsOf: mu) }
                return generate(
                    months: months, random: random, mu: mu.baseAddress!, returns: returns, logReturns: logReturns,
                    regimes: regimes)
            }
            // This path's drifts: drawn first, from the path's own source, so every policy sees them.
            let m = driftAssets.count
            withUnsafeTemporaryAllocation(of: Double.self, capacity: mu.count + 2 * m) { buffer in
                let shifted = buffer.baseAddress!
                let z = UnsafeMutableBufferPointer(start: shifted + mu.count, count: m)
                let e = shifted + mu.count + m
                random.fillNormals(z)
                driftLower.withUnsafeBufferPointer { CorrelatedNormals.multiply(lower: $0.baseAddress!, z, into: e) }
                for i in 0..<mu.count { shifted[i] = mu[i] }
                for r in 0..<regimeNames.count {
                    for (a, i) in driftAssets.enumerated() { shifted[r * assetCount + i] += e[a] }
                }
                if logMeans.count >= mu.count, let out = logMeans.baseAddress { out.update(from: shifted, count: mu.count) }
                generate(months: months, random: random, mu: shifted, returns: returns, logReturns: logReturns, regimes: regimes)
            }
        }
    }

    /// The regimes and returns of one path, given its drifts `mu` ([regime][asset]).
    @inline(__always) func generate(
        months: Int, random: RandomSource, mu: UnsafePointer<Double>, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        let n = assetCount
        let k = regimeNames.count
        let studentT = studentT
        let packedSize = n * (n + 1) / 2
        lower.withUnsafeBufferPointer { lower in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { z in
            var regime = chain.first(random)
            for t in 0..<months {
                if t > 0 && k > 1 { regime = chain.next(after: regime, random) }
                regimes[t] = Int32(regime)
                let row = returns.baseAddress! + t * n
                random.fillNormals(z)
                CorrelatedNormals.multiply(lower: lower.baseAddress! + regime * packedSize, z, into: row)
                let scale = studentT.map { $0.scale(chiSquared: random.chiSquared($0.degreesOfFreedom)) } ?? 1
                let m = mu + regime * n
                let logRow = logReturns.baseAddress! + t * n
                for i in 0..<n {
                    let x = m[i] + scale * row[i]
                    logRow[i] = x
                    row[i] = expm1(x)
                }
            }
        }
        }
    }
}
