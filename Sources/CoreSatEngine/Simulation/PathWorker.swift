import Foundation
import GSLKit

/// One worker's buffers and policy runners for a single path; reused for every path the worker runs.
final class PathWorker {
    let plan: SimulationPlan
    let layout: RecordLayout
    let riskFree: Double
    let account: Account
    let market: PathBuffers
    /// One runner per policy (nil for fixed targets), with state that lives along a path.
    let runners: [(any PolicyRunner)?]
    /// [policy][month] net returns of the current path.
    let policyReturns: UnsafeMutableBufferPointer<Double>
    /// [policy] the months with a return on the current path (fewer once an account is emptied).
    var activeMonths: [Int]
    var regimeCounts: [Int]
    /// Mean monthly return of each policy on the current path.
    var meanReturns: [Double]
    /// Per-regime figures; nil with one regime, which skips all their work.
    let regimeTally: RegimeTally?
    /// The records of the block being run, one path after another.
    let block: UnsafeMutablePointer<Double>

    init(plan: SimulationPlan) {
        self.plan = plan
        layout = plan.layout
        riskFree = pow(1 + plan.riskFreeAnnual, 1.0 / 12) - 1
        account = Account(rules: plan.rules, assetNames: plan.assetNames, months: plan.months)
        regimeTally = layout.hasRegimeFigures ? RegimeTally(plan: plan, layout: layout) : nil
        block = .allocate(capacity: Simulator.blockSize * layout.stride)
        market = PathBuffers(plan: plan)
        runners = plan.policies.map { $0.makeRunner(assetCount: plan.model.assetCount) }
        policyReturns = .allocate(capacity: plan.months * plan.policies.count)
        activeMonths = Array(repeating: plan.months, count: plan.policies.count)
        regimeCounts = Array(repeating: 0, count: plan.model.regimeNames.count)
        meanReturns = Array(repeating: 0, count: plan.policies.count)
    }

    deinit {
        policyReturns.deallocate()
        block.deallocate()
    }

    private func ownReturns(_ policy: Int) -> UnsafeMutableBufferPointer<Double> {
        let start = policy * plan.months
        return UnsafeMutableBufferPointer(rebasing: policyReturns[start..<(start + activeMonths[policy])])
    }

    /// Simulates one path (global index `path`) and writes its record (see `RecordLayout`).
    func simulate(path: Int, random: RandomSource, into record: UnsafeMutablePointer<Double>) throws(PolicyFailure) {
        let months = plan.months
        let warmUp = plan.warmUpMonths
        plan.model.generatePath(
            path: path, months: warmUp + months, random: random, returns: market.returns, logReturns: market.logReturns,
            regimes: market.regimes, logMeans: market.logMeans,
            figures: UnsafeMutableBufferPointer(start: record + layout.offsetOfMarketFigures, count: layout.marketFigures.count))
        for k in regimeCounts.indices { regimeCounts[k] = 0 }
        for g in market.regimes[warmUp...] { regimeCounts[Int(g)] += 1 }
        for (k, c) in regimeCounts.enumerated() { record[layout.offset(regime: k)] = Double(c) / Double(months) }
        if layout.keepsMonthlyRegimes {
            let kept = record + layout.offsetOfMonthlyRegimes
            for t in 0..<months { kept[t] = Double(market.regimes[warmUp + t]) }
        }

        let labels = UnsafePointer(market.regimes.baseAddress!)
        let pathMarket = PathMarket(
            returns: UnsafePointer(market.returns.baseAddress!), logReturns: UnsafePointer(market.logReturns.baseAddress!),
            regimes: labels, logMeans: market.logMeans.isEmpty ? nil : UnsafePointer(market.logMeans.baseAddress),
            warmUpMonths: warmUp, months: months)
        regimeTally?.startPath(labels: labels, record: record)
        for (p, policy) in plan.policies.enumerated() {
            let returns = policyReturns.baseAddress! + p * months
            let outcome = try account.run(
                policy, runner: runners[p], market: pathMarket, path: path,
                netReturns: returns, wealthGrid: plan.wealthGrid,
                wealth: record + layout.offsetOfWealth(policy: p), ledger: regimeTally?.ledger,
                monthlyWeights: layout.monthlyAssets.isEmpty ? nil : record + layout.offsetOfMonthlyWeights(policy: p))
            activeMonths[p] = outcome.activeMonths
            if layout.returnMonths > 0 {  // months after an account emptied have no return
                let kept = record + layout.offsetOfReturns(policy: p)
                kept.update(from: returns, count: outcome.activeMonths)
                (kept + outcome.activeMonths).update(repeating: .nan, count: months - outcome.activeMonths)
            }
            regimeTally?.recordOwn(policy: p, active: outcome.activeMonths, record: record)
            let figures = UnsafeMutableBufferPointer(start: record + layout.offset(policy: p, PathFigure.cagr), count: PathFigure.count)
            meanReturns[p] = ReturnMetrics.pathFigures(UnsafeBufferPointer(ownReturns(p)), outcome: outcome, riskFree: riskFree, into: figures).mean
            record[layout.offset(policy: p, .netInvested)] = outcome.netInvested
            record[layout.offset(policy: p, .decisions)] = Double(outcome.decisions)
            record[layout.offset(policy: p, .fallbacks)] = Double(outcome.fallbacks)
        }

        let b = plan.benchmark
        let benchCAGR = record[layout.offset(policy: b, .cagr)]
        for p in plan.policies.indices {
            record[layout.offset(policy: p, .cagrDifference)] = record[layout.offset(policy: p, .cagr)] - benchCAGR
            // Month-by-month figures need both series over the same months: only while both accounts lived.
            let common = min(activeMonths[p], activeMonths[b])
            let both = activeMonths[p] == activeMonths[b]
            let own = UnsafeBufferPointer(rebasing: policyReturns[(p * months)..<(p * months + common)])
            let bench = UnsafeBufferPointer(rebasing: policyReturns[(b * months)..<(b * months + common)])
            let rel = RelativeMetrics.compute(
                own, benchmark: bench, periodsPerYear: 12, activeMean: both ? meanReturns[p] - meanReturns[b] : nil)
            record[layout.offset(policy: p, .trackingError)] = rel.trackingError
            record[layout.offset(policy: p, .informationRatio)] = rel.informationRatio
            record[layout.offset(policy: p, .winRate)] = rel.winRate
            regimeTally?.recordRelative(
                policy: p, returns: policyReturns.baseAddress! + p * months, benchmark: b,
                benchmarkReturns: policyReturns.baseAddress! + b * months, common: common, whole: both && common == months,
                record: record)
        }
    }
}
