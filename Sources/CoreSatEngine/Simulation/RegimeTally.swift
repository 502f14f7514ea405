/// One worker's per-regime bookkeeping (only with more than one regime): the current path's
/// buckets, the ledger the account adds each month to, and the per-bucket and recognition figures
/// of each policy, written into the path's record. Buffers are allocated once and reused.
final class RegimeTally {
    let layout: RecordLayout
    let buckets: RegimeBuckets
    let width: Int
    /// [bucket][width] the sums of the policy run last.
    let rows: UnsafeMutablePointer<Double>
    let beliefs: UnsafeMutablePointer<Int32>
    /// 2 x months, for a bucket's returns and the benchmark's side by side.
    let pairs: UnsafeMutablePointer<Double>
    /// Each asset's place among the satellite assets, -1 for core assets.
    let satelliteSlot: UnsafeMutablePointer<Int>
    var labels: UnsafePointer<Int32>?

    init(plan: SimulationPlan, layout: RecordLayout) {
        self.layout = layout
        buckets = RegimeBuckets(
            regimes: layout.regimes, entryMonths: plan.regimeEntryMonths, warmUpMonths: plan.warmUpMonths, months: plan.months)
        width = RegimeLedger.width(satellites: layout.satelliteAssets.count)
        rows = .allocate(capacity: buckets.count * width)
        beliefs = .allocate(capacity: plan.months)
        pairs = .allocate(capacity: 2 * plan.months)
        satelliteSlot = .allocate(capacity: plan.assetSleeves.count)
        var next = 0
        for (i, sleeve) in plan.assetSleeves.enumerated() {
            satelliteSlot[i] = sleeve == .satellite ? next : -1
            next += sleeve == .satellite ? 1 : 0
        }
    }

    deinit {
        rows.deallocate()
        beliefs.deallocate()
        pairs.deallocate()
        satelliteSlot.deallocate()
    }

    /// Sorts the path's months into buckets and records each regime's share of entry months.
    /// `labels` holds the regime of every generated month, the first warm-up month first.
    func startPath(labels: UnsafePointer<Int32>, record: UnsafeMutablePointer<Double>) {
        self.labels = labels
        buckets.fill(labels)
        for k in 0..<layout.regimes { record[layout.offset(entryShare: k)] = buckets.share(layout.regimes + k) }
    }

    /// The ledger for the next policy's run on this path.
    var ledger: RegimeLedger {
        RegimeLedger(
            rows: rows, width: width, buckets: buckets.count, regime: labels! + buckets.warmUpMonths, entry: buckets.entry,
            satelliteSlot: satelliteSlot, beliefs: beliefs)
    }

    /// After policy p's run (the ledger holds its sums): its figures per bucket that need no
    /// benchmark, and its recognition figures when it classifies regimes.
    func recordOwn(policy p: Int, active: Int, record: UnsafeMutablePointer<Double>) {
        for b in 0..<buckets.count {
            RegimeMetrics.ownFigures(
                rows + b * width, satellites: layout.satelliteAssets.count, into: record + layout.offset(policy: p, bucket: b))
        }
        if let offset = layout.offsetOfRecognition(policy: p) {
            let r = RegimeMetrics.recognition(regimes: labels! + buckets.warmUpMonths, beliefs: beliefs, months: active)
            record[offset + RecognitionFigure.hitRate.rawValue] = r.hitRate
            record[offset + RecognitionFigure.detectionDelay.rawValue] = r.detectionDelay
            record[offset + RecognitionFigure.switchesDetected.rawValue] = r.switchesDetected
        }
    }

    /// Policy p's figures per bucket against the benchmark b, over the months both lived
    /// (`common`; `whole` when that is every month of both); NaN for the benchmark itself.
    func recordRelative(
        policy p: Int, returns: UnsafePointer<Double>, benchmark b: Int, benchmarkReturns: UnsafePointer<Double>,
        common: Int, whole: Bool, record: UnsafeMutablePointer<Double>
    ) {
        let annual = RegimeFigure.annualReturn.rawValue
        for bucket in 0..<buckets.count {
            let out = record + layout.offset(policy: p, bucket: bucket)
            if p == b {
                for f in RegimeFigure.allCases where f.isRelative { out[f.rawValue] = .nan }
                continue
            }
            // Over the same months, the annual returns already in the record are the ones to compare.
            let both = whole ? (own: out[annual], benchmark: record[layout.offset(policy: b, bucket: bucket) + annual]) : nil
            RegimeMetrics.relativeFigures(
                months: buckets.months(bucket, before: common), returns: returns, benchmark: benchmarkReturns, annual: both,
                scratch: pairs, into: out)
        }
    }
}
