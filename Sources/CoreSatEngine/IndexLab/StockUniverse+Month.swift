import Foundation
import GSLKit

extension StockUniverse {
    /// One month: the regime (from the chain), the factors, every stock's return; then caps,
    /// trailing windows, the computed scores and, when due, the characteristics.
    public func step(random: RandomSource) {
        precondition(capTotal > 0, "start a path before stepping it")
        regime = windows.months == 0 ? spec.chain.first(random) : spec.chain.next(after: regime, random)
        month += 1
        let m = stocks
        random.fillNormals(UnsafeMutableBufferPointer(start: normalStore, count: m + factors.normalsPerMonth))
        factors.draw(
            regime: regime, normals: normalStore + m, factors: factorStore, industryReturns: industryReturnStore)
        universeReturn = stockReturns(idiosyncraticVolatility: factors.idiosyncraticVolatility[regime])
        windows.add(
            logReturns: logReturnStore, returns: returnStore, universeLogReturn: log1p(universeReturn))
        characteristicsUpdated = isCharacteristicsMonth
        if characteristicsUpdated { updateCharacteristics(random: random) }
        updateTrailingScores()
        updateSize()
    }

    /// Quarter-style cadence counted from month 0, so updates fall on the same path months whatever
    /// the warm-up: after months every - 1, 2 every - 1, ...
    private var isCharacteristicsMonth: Bool {
        let every = spec.characteristicsEvery
        return ((month + 1) % every + every) % every == 0
    }

    /// Every stock's log and simple return from this month's factors and the exposures known at the
    /// start of the month; caps follow. Returns the cap-weighted universe's simple return.
    @inline(__always)
    private func stockReturns(idiosyncraticVolatility: Double) -> Double {
        let f = factorCount
        let market = factorStore[0], p = factorStore + 1
        let (p0, p1, p2, p3, p4, p5, p6) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6])
        let (x, beta, industry, g) = (scoreStore, betaStore, industryStore, industryReturnStore)
        let (z, noise) = (normalStore, noiseStore)
        let (logOut, out, cap, logCap) = (logReturnStore, returnStore, capStore, logCapStore)
        var earned = 0.0, total = 0.0
        for i in 0..<stocks {
            let row = x + i * f
            let exposure = row[0] * p0 + row[1] * p1 + row[2] * p2 + row[3] * p3 + row[4] * p4 + row[5] * p5
                + row[6] * p6
            // Own noise is unpriced: s e - s^2 / 2 has simple-return mean 0 whatever the stock's s.
            let s = idiosyncraticVolatility * noise[i]
            let y = beta[i] * market + g[Int(industry[i])] + exposure + s * (z[i] - s / 2)
            let r = expm1(y)
            logOut[i] = y
            out[i] = r
            earned += cap[i] * r
            cap[i] *= 1 + r
            logCap[i] += y
            total += cap[i]
        }
        let universe = earned / capTotal
        capTotal = total
        return universe
    }

    /// Momentum and low volatility from the trailing windows, standardized; 0 until a window fills.
    private func updateTrailingScores() {
        let f = factorCount
        if windows.hasMomentum {
            windows.writeMomentum(rawStore)
            CrossSection.standardize(rawStore, count: stocks, into: scoreStore + StyleFactor.momentum.index, stride: f)
        }
        if windows.hasVolatility {
            windows.writeLowVolatility(rawStore)
            CrossSection.standardize(
                rawStore, count: stocks, into: scoreStore + StyleFactor.lowVolatility.index, stride: f)
        }
    }

    /// Size: the standardized log cap.
    func updateSize() {
        let column = scoreStore + StyleFactor.size.index
        CrossSection.standardize(logCapStore, count: stocks, into: column, stride: factorCount)
    }

    /// One AR(1) step of each characteristic, standardized again, then each stock's noise for its new size.
    private func updateCharacteristics(random: RandomSource) {
        let m = stocks, f = factorCount
        random.fillNormals(UnsafeMutableBufferPointer(start: normalStore, count: StyleFactor.characteristics.count * m))
        for (c, factor) in StyleFactor.characteristics.enumerated() {
            let (a, b) = characteristicCoefficients[c]
            let column = scoreStore + factor.index, z = normalStore + c * m
            for i in 0..<m { rawStore[i] = a * column[i * f] + b * z[i] }
            CrossSection.standardize(rawStore, count: m, into: column, stride: f)
        }
        refreshNoise()
    }

    /// Each stock's idiosyncratic scale, (cap / geometric-mean cap)^(-elasticity), kept within
    /// [1/3, 3] so a stock that has shrunk a hundredfold does not turn into pure noise.
    func refreshNoise() {
        let elasticity = spec.noiseSizeElasticity
        guard elasticity > 0 else {
            noiseStore.update(repeating: 1, count: stocks)
            return
        }
        var sum = 0.0
        for i in 0..<stocks { sum += logCapStore[i] }
        let mean = sum / Double(stocks)
        for i in 0..<stocks { noiseStore[i] = min(max(exp(-elasticity * (logCapStore[i] - mean)), 1.0 / 3), 3) }
    }
}
