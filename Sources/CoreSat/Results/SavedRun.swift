import CoreSatEngine
import Foundation
import GSLKit

/// The metadata of a saved results file: what was run, with what, and which of its paths the file
/// holds. Everything a merge must check, and everything a report needs besides the columns.
public struct SavedRun: Sendable, Equatable {
    public static let formatName = "coresat-results"
    public static let formatVersion = 1
    /// More shards than this is a typing mistake (a run of a billion paths has 4 million blocks).
    public static let maximumShards = 1_000_000
    static let cpuFeaturesNotRecorded = "not recorded"

    public var toolVersion: String
    /// How the executable was built; results are byte-identical only from the same build on the
    /// same kind of CPU, so a merge warns when builds differ.
    public var build: String
    /// The processor features that pick the C library's variants of exp and log (`CPUFeatures`);
    /// "not recorded" in files written before it was kept.
    public var cpuFeatures: String
    public var scenarioName: String
    public var scenarioFile: String
    public var scenarioText: String
    public var shard: Shard
    /// Seed, generator, blocks, names and record layout of the whole run.
    public var run: RunDescription
    /// The annual inflation the scenario's cash flows are indexed to (0: none stated), so a report
    /// can show wealth in today's money.
    public var inflationAnnual: Double
    /// What the scenario sets up, as a report shows it (`ScenarioOverview`): kept so a merge's
    /// report has it without the scenario's data files.
    public var overview: [ReportBlock]

    public init(scenario: Scenario, plan: SimulationPlan, shard: Shard, build: String, cpuFeatures: String = CPUFeatures.current) {
        toolVersion = CoreSatVersion.string
        self.build = build
        self.cpuFeatures = cpuFeatures
        scenarioName = scenario.name
        scenarioFile = scenario.file
        scenarioText = scenario.text
        self.shard = shard
        run = plan.description
        inflationAnnual = scenario.rules.cashFlow?.inflationAnnual ?? 0
        overview = ScenarioOverview.blocks(for: scenario)
    }

    init(
        toolVersion: String, build: String, cpuFeatures: String, scenarioName: String, scenarioFile: String, scenarioText: String,
        shard: Shard, run: RunDescription, inflationAnnual: Double, overview: [ReportBlock]
    ) {
        self.toolVersion = toolVersion
        self.build = build
        self.cpuFeatures = cpuFeatures
        self.scenarioName = scenarioName
        self.scenarioFile = scenarioFile
        self.scenarioText = scenarioText
        self.shard = shard
        self.run = run
        self.inflationAnnual = inflationAnnual
        self.overview = overview
    }

    /// Paths held in a file with this metadata.
    public var pathsHeld: Int { run.pathCount(shard) }

    /// A 64-bit FNV-1a digest of the scenario text, in hex: a short name for "the same scenario".
    public var scenarioDigest: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in scenarioText.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01b3
        }
        return String(h, radix: 16)
    }

    var json: JSONValue {
        // With one regime there are no per-regime figures, and the header is what it always was.
        let regimeFigures: [(String, JSONValue)] = run.layout.hasRegimeFigures ? [
            ("regime_entry_months", .integer(run.regimeEntryMonths)),
            ("satellite_assets", .array(run.layout.satelliteAssets.map { .string($0) })),
            ("classifying_policies", .array(run.layout.classifiers.map { .integer($0) })),
        ] : []
        var members: [(String, JSONValue)] = [
            ("format", .string(Self.formatName)),
            ("format_version", .integer(Self.formatVersion)),
            ("tool_version", .string(toolVersion)),
            ("build", .string(build)),
            ("cpu_features", .string(cpuFeatures)),
            ("scenario", .object([
                ("name", .string(scenarioName)), ("file", .string(scenarioFile)), ("digest", .string(scenarioDigest)),
                ("text", .string(scenarioText)),
            ])),
            ("seed", .unsigned(run.seed)),
            ("generator", .string(run.generator.rawValue)),
            ("block_size", .integer(run.blockSize)),
            ("paths", .integer(run.paths)),
            ("months", .integer(run.months)),
            ("warm_up_months", .integer(run.warmUpMonths)),
            ("shard", .object([("index", .integer(shard.index)), ("count", .integer(shard.count))])),
            ("paths_in_file", .integer(pathsHeld)),
            ("benchmark", .integer(run.benchmark)),
            ("policies", .array(run.policyNames.map { .string($0) })),
            ("regimes", .array(run.regimeNames.map { .string($0) })),
        ] + regimeFigures + [
            ("wealth_grid_months", .array(run.layout.wealthGrid.map { .integer($0) })),
            ("return_months", .integer(run.layout.returnMonths)),
        ] + (run.layout.monthlyAssets.isEmpty ? [] : [
            ("monthly_assets", .array(run.layout.monthlyAssets.map { .string($0) })),
        ] + (run.layout.hasRegimeFigures ? [] : [
            ("satellite_assets", .array(run.layout.satelliteAssets.map { .string($0) })),
        ])) + [
            ("market", run.market.map { .string($0) } ?? .null),
            ("window_every_months", run.windowEvery.map { .integer($0) } ?? .null),
            ("first_month", run.firstMonthIndex.map { .string(YearMonth(index: $0).description) } ?? .null),
            ("risk_free_annual", .number(run.riskFreeAnnual)),
        ] + (inflationAnnual == 0 ? [] : [("inflation_annual", .number(inflationAnnual))]) + [
            ("overview", overview.json),
        ] + (run.layout.marketFigures.isEmpty ? [] : [
            ("market_figures", .array(run.layout.marketFigures.map { .string($0) })),
        ]) + [
            ("columns", .array(run.layout.columns.map { .string($0.description) })),
        ]
        if !run.comparisons.isEmpty {
            members.append(("comparisons", .array(run.comparisons.map { .array([.integer($0.policy), .integer($0.against)]) })))
        }
        if let sweep = run.sweep {
            members.append(("sweep", .object([
                ("policy", .string(sweep.policy)),
                ("figure", .string(sweep.figure.key)),
                ("first_cell", .integer(sweep.firstCell)),
                ("parameters", .array(sweep.parameters.map { .object([("name", .string($0.name)), ("values", .array($0.values.map { .string($0) }))]) })),
            ])))
        }
        return .object(members)
    }
}
