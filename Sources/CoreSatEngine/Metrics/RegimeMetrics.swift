import Foundation

/// Per-regime figures of one path (docs/metrics.md): each is a function of the months of one
/// bucket, which need not be consecutive, so annualisation goes by the number of months n.
enum RegimeMetrics {
    /// The figures of a bucket that need only the policy, from the account's sums for it: written
    /// into `out` at the `RegimeFigure` raw values (the relative ones are left alone), then each
    /// satellite's average weight. All NaN when the bucket has no months.
    static func ownFigures(_ row: UnsafePointer<Double>, satellites: Int, into out: UnsafeMutablePointer<Double>) {
        let n = row[RegimeLedger.months]
        guard n > 0 else {
            for f in RegimeFigure.allCases where !f.isRelative { out[f.rawValue] = .nan }
            for s in 0..<satellites { out[RegimeFigure.count + s] = .nan }
            return
        }
        let perYear = 12 / n
        let annual = pow(row[RegimeLedger.growth], perYear) - 1
        out[RegimeFigure.annualReturn.rawValue] = annual
        out[RegimeFigure.annualTurnover.rawValue] = row[RegimeLedger.turnover] * perYear
        // As `cost_drag` over a whole path: gross minus net growth, both annualised.
        out[RegimeFigure.costDrag.rawValue] = pow(row[RegimeLedger.grossGrowth], perYear) - 1 - annual
        let satellite = row[RegimeLedger.satelliteContribution]
        out[RegimeFigure.coreContribution.rawValue] = (row[RegimeLedger.grossReturn] - satellite) * perYear
        out[RegimeFigure.satelliteContribution.rawValue] = satellite * perYear
        var satelliteWeight = 0.0
        for s in 0..<satellites {
            let sum = row[RegimeLedger.weights + s]
            out[RegimeFigure.count + s] = sum / n
            satelliteWeight += sum
        }
        out[RegimeFigure.satelliteWeight.rawValue] = satelliteWeight / n
    }

    /// An information ratio from n months is a t statistic with n - 1 degrees of freedom times a
    /// constant: below 3 its spread across paths is infinite (from 2 months it can be in the
    /// hundreds), so its mean and standard error would say nothing. Buckets are often that short.
    static let minimumMonthsForInformationRatio = 4

    /// The figures of a bucket against the benchmark, on the bucket's months both accounts lived:
    /// written into `out` at the relative `RegimeFigure` raw values. `annual` gives both annual
    /// returns when they are over exactly these months (neither account was emptied early);
    /// otherwise they are computed here. `scratch` holds 2 x months.
    static func relativeFigures(
        months: UnsafeBufferPointer<Int32>, returns r: UnsafePointer<Double>, benchmark b: UnsafePointer<Double>,
        annual: (own: Double, benchmark: Double)?, scratch: UnsafeMutablePointer<Double>,
        into out: UnsafeMutablePointer<Double>
    ) {
        let n = months.count
        let own = scratch, bench = scratch + n
        var active = 0.0
        for (i, t) in months.enumerated() {
            own[i] = r[Int(t)]
            bench[i] = b[Int(t)]
            active += own[i] - bench[i]  // RelativeMetrics' own order, so the same mean
        }
        let rel = RelativeMetrics.compute(
            UnsafeBufferPointer(start: own, count: n), benchmark: UnsafeBufferPointer(start: bench, count: n), periodsPerYear: 12,
            activeMean: n > 0 ? active / Double(n) : nil)
        var excess = Double.nan
        if let annual {
            excess = annual.own - annual.benchmark
        } else if n > 0 {
            var growth = 1.0, benchGrowth = 1.0
            for i in 0..<n {
                growth *= 1 + own[i]
                benchGrowth *= 1 + bench[i]
            }
            let perYear = 12 / Double(n)
            excess = (pow(growth, perYear) - 1) - (pow(benchGrowth, perYear) - 1)
        }
        out[RegimeFigure.excessReturn.rawValue] = excess
        out[RegimeFigure.trackingError.rawValue] = rel.trackingError
        out[RegimeFigure.informationRatio.rawValue] = n >= minimumMonthsForInformationRatio ? rel.informationRatio : .nan
        out[RegimeFigure.winRate.rawValue] = rel.winRate
    }

    struct Recognition: Sendable, Equatable {
        var hitRate: Double
        var detectionDelay: Double
        var switchesDetected: Double
    }

    /// How well `beliefs` (-1: none) named the true `regimes` over `months` months (month 0 first).
    /// A change at month t >= 1 is detected at the first month of its spell believed to be in the
    /// new regime; one the spell ends without is missed.
    static func recognition(regimes g: UnsafePointer<Int32>, beliefs: UnsafePointer<Int32>, months n: Int) -> Recognition {
        var hits = 0
        for t in 0..<n where beliefs[t] == g[t] { hits += 1 }
        var changes = 0, detected = 0, delays = 0
        var t = 1
        while t < n {
            guard g[t] != g[t - 1] else {
                t += 1
                continue
            }
            changes += 1
            var u = t  // through the spell that starts at t
            var delay = -1
            repeat {
                if delay < 0 && beliefs[u] == g[t] { delay = u - t }
                u += 1
            } while u < n && g[u] == g[u - 1]
            if delay >= 0 {
                detected += 1
                delays += delay
            }
            t = u
        }
        return Recognition(
            hitRate: n > 0 ? Double(hits) / Double(n) : .nan,
            detectionDelay: detected > 0 ? Double(delays) / Double(detected) : .nan,
            switchesDetected: changes > 0 ? Double(detected) / Double(changes) : .nan)
    }
}
