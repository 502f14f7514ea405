import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// One path of `rows` (core, satellite) with `labels`, a benchmark holding the core and the given
/// policies; costs `cost` per unit traded, no fees.
func givenPathRun(
    rows: [[Double]], labels: [Int32], policies: [any Policy], entryMonths: Int, warmUp: Int = 0, cost: Double = 0
) throws -> SimulationResult {
    let model = HistoricalReplay(
        history: RecordedMonths(rows: rows, labels: labels, regimeNames: ["calm", "stressed"]), windowStarts: [0],
        windowMonths: rows.count)
    let plan = SimulationPlan(
        model: model, assetNames: ["core", "sat"], assetSleeves: [.core, .satellite],
        policies: [StaticPolicy(name: "core", targets: [1, 0], review: .calendar(months: 1))] + policies, benchmark: 0,
        rules: AccountRules(initialWealth: 1, expenseRatios: [0, 0], costRates: [cost, cost]), paths: 1,
        months: rows.count - warmUp, warmUpMonths: warmUp, seed: 1, generator: .mt19937, riskFreeAnnual: 0,
        regimeEntryMonths: entryMonths)
    return try Simulator.run(plan, threads: 1)
}

extension SimulationResult {
    /// Policy p's per-path value of a figure name such as `regime[1].excess_return`.
    func value(_ p: Int, _ figure: String) throws -> Double { try column(ColumnKey(.policy(p), figure))[0] }
}

struct RegimeFigureTests {
    /// Eight months: calm, calm, stressed x 3, calm x 2, stressed.
    static let returns: [[Double]] = [
        [0.02, 0.05], [0.01, -0.03], [-0.04, -0.08], [-0.02, 0.01], [-0.05, -0.09], [0.03, 0.06], [0.01, 0.02],
        [-0.03, -0.01],
    ]
    static let labels: [Int32] = [0, 0, 1, 1, 1, 0, 0, 1]
    static let cost = 0.01

    /// The figures of a bucket of months worked out from the returns alone: a 50/50 portfolio
    /// rebalanced monthly starts every month at 50/50, so its gross return is the mean of the two,
    /// each rebalance trades |r_sat - r_core| / 2 of the start value (half of it each way), and
    /// the net return is the gross return less that times the cost.
    struct Expected {
        var annual, excess, trackingError, informationRatio, winRate, turnover, costDrag, core, satellite: Double
        var benchmarkAnnual, benchmarkCore: Double

        init(_ months: [Int]) {
            let n = Double(months.count)
            let rc = months.map { RegimeFigureTests.returns[$0][0] }, rs = months.map { RegimeFigureTests.returns[$0][1] }
            let gross = zip(rc, rs).map { ($0 + $1) / 2 }
            let net = zip(gross, zip(rc, rs)).map { g, r in g - RegimeFigureTests.cost * abs(r.1 - r.0) / 2 }
            func annualised(_ r: [Double]) -> Double { pow(r.reduce(1) { $0 * (1 + $1) }, 12 / n) - 1 }
            annual = annualised(net)
            benchmarkAnnual = annualised(rc)
            excess = annual - benchmarkAnnual
            let active = zip(net, rc).map { $0 - $1 }
            let mean = active.reduce(0, +) / n
            trackingError = (active.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot() * 12.0.squareRoot()
            informationRatio = months.count >= 4 ? mean * 12 / trackingError : .nan
            winRate = Double(zip(net, rc).filter { $0 > $1 }.count) / n
            turnover = zip(gross, zip(rc, rs)).map { g, r in abs(r.1 - r.0) / 4 / (1 + g) }.reduce(0, +) * 12 / n
            costDrag = annualised(gross) - annual
            core = rc.map { $0 / 2 }.reduce(0, +) / n * 12
            satellite = rs.map { $0 / 2 }.reduce(0, +) / n * 12
            benchmarkCore = rc.reduce(0, +) / n * 12
        }
    }

    func run() throws -> SimulationResult {
        let fiftyFifty = StaticPolicy(name: "50/50", targets: [0.5, 0.5], review: .calendar(months: 1))
        return try givenPathRun(rows: Self.returns, labels: Self.labels, policies: [fiftyFifty], entryMonths: 2, cost: Self.cost)
    }

    @Test(arguments: [
        ("regime[0]", [0, 1, 5, 6]), ("regime[1]", [2, 3, 4, 7]),
        // The first spell starts with the path: no entry. Entries last two months.
        ("entry[0]", [5, 6]), ("entry[1]", [2, 3, 7]),
    ])
    func figuresOverABucketAreTheWholePathFiguresOverItsMonths(bucket: String, months: [Int]) throws {
        let result = try run()
        let e = Expected(months)
        func close(_ figure: String, _ value: Double, policy: Int = 1) throws {
            let measured = try result.value(policy, "\(bucket).\(figure)")
            if value.isNaN {
                #expect(measured.isNaN, "\(bucket).\(figure)")
            } else {
                #expect(abs(measured - value) < 1e-12, "\(bucket).\(figure): \(measured) vs \(value)")
            }
        }
        try close("annual_return", e.annual)
        try close("excess_return", e.excess)
        try close("tracking_error", e.trackingError)
        try close("information_ratio", e.informationRatio)
        try close("win_rate", e.winRate)
        try close("annual_turnover", e.turnover)
        try close("cost_drag", e.costDrag)
        try close("core_contribution", e.core)
        try close("satellite_contribution", e.satellite)
        try close("satellite_weight", 0.5)
        try close("weight.sat", 0.5)
        // The benchmark: its own figures, nothing against itself, no satellites.
        try close("annual_return", e.benchmarkAnnual, policy: 0)
        try close("core_contribution", e.benchmarkCore, policy: 0)
        for figure in ["excess_return", "tracking_error", "information_ratio", "win_rate"] { try close(figure, .nan, policy: 0) }
        for figure in ["satellite_weight", "weight.sat", "satellite_contribution", "annual_turnover", "cost_drag"] {
            try close(figure, 0, policy: 0)
        }
    }

    @Test func sharesOfMonthsCountEachBucket() throws {
        let result = try run()
        #expect(try result.regimeShares(1)[0] == 0.5)
        #expect(try result.regimeEntryShares(0)[0] == 2.0 / 8 && result.regimeEntryShares(1)[0] == 3.0 / 8)
    }

    @Test func aBucketWithoutMonthsIsUndefinedOnThePath() throws {
        let calm = Array(repeating: [0.01, 0.02], count: 6)
        let result = try givenPathRun(
            rows: calm, labels: Array(repeating: 0, count: 6),
            policies: [StaticPolicy(name: "50/50", targets: [0.5, 0.5], review: .calendar(months: 1))], entryMonths: 2)
        #expect(try result.value(1, "regime[1].annual_return").isNaN && result.value(1, "regime[1].weight.sat").isNaN)
        #expect(try result.value(1, "entry[0].excess_return").isNaN)
        #expect(try abs(result.value(1, "regime[0].annual_return") - (pow(1.015, 12) - 1)) < 1e-12)
        let summary = try RunSummary(scenario: "t", columns: result)
        #expect(summary.policies[1].regimes[1].distribution(.annualReturn).undefined == 1)
    }

    @Test func contributionsAddUpToTheMeanGrossReturn() throws {
        // A policy that never rebalances drifts: weights, contributions and the gross return move together.
        let drift = StaticPolicy(name: "drift", targets: [0.6, 0.4], review: .never)
        let result = try givenPathRun(rows: Self.returns, labels: Self.labels, policies: [drift], entryMonths: 2)
        var h = [0.6, 0.4]
        var gross: [Double] = [], weights: [Double] = []
        for r in Self.returns {
            let v = h[0] + h[1]
            weights.append(h[1] / v)
            gross.append((h[0] * r[0] + h[1] * r[1]) / v)
            h = [h[0] * (1 + r[0]), h[1] * (1 + r[1])]
        }
        let calm = [0, 1, 5, 6]
        let core = try result.value(1, "regime[0].core_contribution"), satellite = try result.value(1, "regime[0].satellite_contribution")
        #expect(abs(core + satellite - calm.map { gross[$0] }.reduce(0, +) / 4 * 12) < 1e-12)
        #expect(try abs(result.value(1, "regime[0].weight.sat") - calm.map { weights[$0] }.reduce(0, +) / 4) < 1e-12)
        #expect(try result.value(1, "regime[0].satellite_weight") == result.value(1, "regime[0].weight.sat"))
    }
}

struct RegimeBucketTests {
    func buckets(_ labels: [Int32], warmUp: Int, entry: Int) -> (entries: [Int32], regime0: [Int32]) {
        let b = RegimeBuckets(regimes: 2, entryMonths: entry, warmUpMonths: warmUp, months: labels.count - warmUp)
        labels.withUnsafeBufferPointer { b.fill($0.baseAddress!) }
        return (Array(UnsafeBufferPointer(start: b.entry, count: labels.count - warmUp)), Array(b.months(0, before: labels.count)))
    }

    @Test func theFirstGeneratedSpellIsNoEntry() {
        // No warm-up: the path starts in regime 1, which is no entry; regime 0 enters at month 3.
        #expect(buckets([1, 1, 1, 0, 0, 0, 0], warmUp: 0, entry: 2).entries == [-1, -1, -1, 2, 2, -1, -1])
        // With warm-up the first generated month is month -2: the spell holding it is no entry either.
        #expect(buckets([1, 1, 1, 1, 0], warmUp: 2, entry: 3).entries == [-1, -1, 2])
    }

    @Test func aSpellThatStartedInTheWarmUpCountsFromItsStart() {
        // Regime 1 entered at month -1 (row 2 of 5 warm-up rows): months 0 and 1 are its second and third.
        #expect(buckets([0, 0, 1, 1, 1, 1, 1, 1], warmUp: 3, entry: 3).entries == [3, 3, -1, -1, -1])
        // Entered at month 0 itself, right after the warm-up.
        #expect(buckets([0, 0, 1, 1, 1, 1], warmUp: 2, entry: 3).entries == [3, 3, 3, -1])
        // Entered long before month 0: only a change in the last `entry` rows counts.
        #expect(buckets([0, 1, 1, 1, 1, 1, 1], warmUp: 5, entry: 3).entries == [-1, -1])
    }

    @Test func bucketsListTheirMonthsInOrderAndCutAtAnEmptiedAccount() {
        let b = RegimeBuckets(regimes: 2, entryMonths: 2, warmUpMonths: 0, months: 8)
        RegimeFigureTests.labels.withUnsafeBufferPointer { b.fill($0.baseAddress!) }
        #expect(Array(b.months(0, before: 8)) == [0, 1, 5, 6])
        #expect(Array(b.months(3, before: 8)) == [2, 3, 7])
        #expect(Array(b.months(3, before: 7)) == [2, 3])
        #expect(Array(b.months(2, before: 5)).isEmpty)
    }
}

struct RegimeRecognitionTests {
    func recognition(_ regimes: [Int32], _ beliefs: [Int32]) -> RegimeMetrics.Recognition {
        regimes.withUnsafeBufferPointer { g in
            beliefs.withUnsafeBufferPointer { RegimeMetrics.recognition(regimes: g.baseAddress!, beliefs: $0.baseAddress!, months: regimes.count) }
        }
    }

    @Test func hitRateDelayAndSwitchesDetected() {
        // Changes at months 3 (to 1), 6 (to 0) and 8 (to 1). The first is seen 2 months late, the
        // second never (the spell ends first), the third at once; month 0 has no belief (-1).
        // Right in months 1, 2, 5, 8 and 9.
        let r = recognition([0, 0, 0, 1, 1, 1, 0, 0, 1, 1], [-1, 0, 0, 0, 0, 1, 1, 1, 1, 1])
        #expect(r.hitRate == 5.0 / 10)
        #expect(r.detectionDelay == 1)  // (2 + 0) / 2
        #expect(r.switchesDetected == 2.0 / 3)
    }

    @Test func withoutChangesOnlyTheHitRateIsDefined() {
        let r = recognition([1, 1, 1, 1], [1, 1, 0, -1])
        #expect(r.hitRate == 0.5 && r.detectionDelay.isNaN && r.switchesDetected.isNaN)
        let missed = recognition([0, 1, 0], [0, 0, 1])
        #expect(missed.detectionDelay.isNaN && missed.switchesDetected == 0)
    }

    /// Reads the true regime as it ends (an oracle) and names it one month late.
    final class LateOracle: ScriptedPolicy.Script {
        var belief: Int?
        var previous: Int?
        override func observe(_ view: PolicyView) {
            belief = previous
            previous = view.regime(month: view.month)
        }
        override func reset(_ view: PolicyView) { (belief, previous) = (nil, nil) }
        override var regimeBelief: Int? { belief }
    }

    @Test func aRunnerThatClassifiesRegimesIsScoredPathByPath() throws {
        var late = ScriptedPolicy(name: "late", initialWeights: [0.5, 0.5], makeScript: { LateOracle() })
        late.regimeAccess = .known(lag: 0)
        late.classifiesRegimes = true
        let silent = ScriptedPolicy(name: "silent", initialWeights: [0.5, 0.5], makeScript: { ScriptedPolicy.Script() })
        let result = try givenPathRun(
            rows: RegimeFigureTests.returns, labels: RegimeFigureTests.labels, policies: [late, silent], entryMonths: 2)
        // Labels 0 0 1 1 1 0 0 1, beliefs - 0 0 1 1 1 0 0: right in months 1, 3, 4, 6.
        #expect(try result.value(1, "regime_hit_rate") == 0.5)
        // Changes at 2, 5 and 7: the first two seen a month late, the last (the final month) never.
        #expect(try result.value(1, "detection_delay") == 1)
        #expect(try result.value(1, "switches_detected") == 2.0 / 3)
        // Only policies that classify regimes have these columns.
        #expect(throws: MissingColumn.self) { try result.value(2, "regime_hit_rate") }
        let summary = try RunSummary(scenario: "t", columns: result)
        #expect(summary.policies[1].recognition?[.hitRate]?.mean == 0.5)
        #expect(summary.policies[2].recognition == nil)
        let json = JSONReport.render(summary)
        #expect(json.components(separatedBy: "\"regime_recognition\"").count == 2)
        let table = TableReport.render(summary)
        #expect(table.contains("Regime recognition") && table.contains("late       50.0%   1.00     66.7%"), "\(table)")
        for line in table.split(separator: "\n") { #expect(TextTable.width(String(line)) <= 80, "\(line)") }
    }
}

struct RegimeResultsTests {
    /// The small scenario with a policy that names the regime (one month late) beside its own.
    func plan() throws -> (Scenario, SimulationPlan) {
        let s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
        var plan = try s.plan()
        var late = ScriptedPolicy(name: "late", initialWeights: [0.5, 0.5], makeScript: { RegimeRecognitionTests.LateOracle() })
        late.regimeAccess = .known(lag: 0)
        late.classifiesRegimes = true
        plan.policies.append(late)
        plan.paths = 700
        return (s, plan)
    }

    @Test func savedShardsOfARunWithRegimesMergeIntoExactlyTheRun() throws {
        let (s, plan) = try plan()
        #expect(plan.layout.classifiers == [2])
        let whole = try Simulator.run(plan, threads: 2)
        let expected = JSONReport.render(try RunSummary(scenario: s.name, columns: whole))
        #expect(expected.contains("\"regime_recognition\""))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coresat-regimes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for k in 0..<2 {
            let shard = Shard(index: k, count: 2)
            let result = try Simulator.run(plan, threads: 1, shard: shard)
            var bytes = Data()
            try ResultsFile.write(
                SavedRun(scenario: s, plan: plan, shard: shard, build: "test"), column: { result.column(offset: $0) },
                to: { bytes.append(contentsOf: $0) })
            let file = dir.appendingPathComponent("shard\(k).res").path
            try bytes.write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        let merged = try MergedResults(paths: files)
        #expect(merged.run == whole.run)
        #expect(JSONReport.render(try RunSummary(scenario: s.name, columns: merged)) == expected)
        // 20 numbers per policy and 2 regime shares as before; 2 entry shares; per policy 4 buckets
        // of 10 figures and 1 satellite weight; 3 recognition figures. The estimate counts them all.
        #expect(plan.layout.stride == 3 * 20 + 2 + 2 + 3 * 4 * 11 + 3)
        #expect(plan.estimatedBytes(threads: 1) >= 2 * plan.layout.stride * 700 * 8)
    }
}
