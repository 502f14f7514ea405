import CoreSatEngine
import Foundation
import GSLKit

/// Reads and checks the JSON metadata of a results file; every problem names the file and the key.
struct SavedRunReader {
    let path: String

    func problem(_ key: String, _ reason: String) -> InputError {
        InputError(file: path, keyPath: key, reason: reason)
    }

    func read(_ json: Data) throws(InputError) -> SavedRun {
        guard let parsed = try? JSONSerialization.jsonObject(with: json), let top = parsed as? [String: Any] else {
            throw InputError(file: path, reason: "the header's metadata is not a JSON object")
        }
        guard top["format"] as? String == SavedRun.formatName else { throw problem("format", "not '\(SavedRun.formatName)'") }
        guard try int(top, "format_version") == SavedRun.formatVersion else {
            throw problem("format_version", "this version reads format \(SavedRun.formatVersion)")
        }
        let scenario = try object(top, "scenario")
        let shard = try object(top, "shard")
        let count = try int(shard, "count", key: "shard.count")
        let index = try int(shard, "index", key: "shard.index")
        guard (1...SavedRun.maximumShards).contains(count), (0..<count).contains(index) else {
            throw problem("shard", "shard \(index)/\(count) does not exist (at most \(SavedRun.maximumShards) shards)")
        }
        let policies = try strings(top, "policies")
        let regimes = try strings(top, "regimes")
        guard !policies.isEmpty else { throw problem("policies", "no policies") }
        guard !regimes.isEmpty else { throw problem("regimes", "no regimes") }
        let benchmark = try int(top, "benchmark")
        guard policies.indices.contains(benchmark) else { throw problem("benchmark", "no policy \(benchmark)") }
        let paths = try int(top, "paths")
        let months = try int(top, "months")
        guard Scenario.pathRange.contains(paths) else { throw problem("paths", Scenario.pathsOutOfRange(paths)) }
        guard Scenario.monthRange.contains(months) else { throw problem("months", "\(months) is out of range") }
        guard let gridValues = top["wealth_grid_months"] as? [Any] else { throw problem("wealth_grid_months", "expected a list") }
        let grid = try gridValues.map { (v) throws(InputError) -> Int in
            guard let n = v as? NSNumber, let m = Int(exactly: n.doubleValue), (1...months).contains(m) else {
                throw problem("wealth_grid_months", "expected months 1...\(months)")
            }
            return m
        }
        let returnMonths = top["return_months"] == nil ? 0 : try int(top, "return_months")
        guard returnMonths == 0 || returnMonths == months else { throw problem("return_months", "expected 0 or \(months)") }
        var firstMonth: YearMonth?
        if let value = top["first_month"], !(value is NSNull) {
            guard let month = YearMonth(try string(top, "first_month")) else { throw problem("first_month", "expected YYYY-MM") }
            firstMonth = month
        }
        var market: String?
        if let value = top["market"], !(value is NSNull) { market = try string(top, "market") }
        let riskFree = try riskFreeAnnual(top, needed: returnMonths > 0 && top["sweep"] != nil)
        let blockSize = try int(top, "block_size")
        guard (1...Scenario.pathRange.upperBound).contains(blockSize) else { throw problem("block_size", "must be 1 to \(Scenario.pathRange.upperBound)") }
        let warmUp = try int(top, "warm_up_months")
        guard Scenario.warmUpRange.contains(warmUp) else { throw problem("warm_up_months", "\(warmUp) is out of range") }
        var entryMonths = SimulationPlan.defaultRegimeEntryMonths
        var satellites: [String] = []
        var classifiers: [Int] = []
        if regimes.count > 1 {
            guard top["regime_entry_months"] != nil else {
                throw problem("regime_entry_months", "missing: the file was written before per-regime figures were kept; run the scenario again to save it")
            }
            entryMonths = try int(top, "regime_entry_months")
            guard Scenario.regimeEntryRange.contains(entryMonths) else { throw problem("regime_entry_months", "\(entryMonths) is out of range") }
            satellites = try strings(top, "satellite_assets")
            guard let listed = top["classifying_policies"] as? [Any] else { throw problem("classifying_policies", "expected a list") }
            classifiers = try listed.map { (v) throws(InputError) -> Int in
                guard let n = v as? NSNumber, let p = Int(exactly: n.doubleValue), policies.indices.contains(p) else {
                    throw problem("classifying_policies", "expected policy indices 0...\(policies.count - 1)")
                }
                return p
            }
        }
        // Files written before backtests kept their monthly weights have none.
        let monthlyAssets = top["monthly_assets"] == nil ? [] : try strings(top, "monthly_assets")
        if regimes.count == 1 && top["satellite_assets"] != nil { satellites = try strings(top, "satellite_assets") }
        let layout = RecordLayout(
            policies: policies.count, regimes: regimes.count, wealthGrid: grid, returnMonths: returnMonths,
            satelliteAssets: satellites, classifiers: classifiers, monthlyAssets: monthlyAssets,
            marketFigures: top["market_figures"] == nil ? [] : try strings(top, "market_figures"))
        guard try strings(top, "columns") == layout.columns.map(\.description) else {
            throw problem("columns", "the columns are not the ones this version writes for \(policies.count) policies and \(regimes.count) regimes")
        }
        guard let generator = GeneratorKind(rawValue: try string(top, "generator")) else {
            throw problem("generator", "unknown generator")
        }
        guard let seedNumber = top["seed"] as? NSNumber, let seed = UInt64(seedNumber.stringValue) else {
            throw problem("seed", "expected a whole number")
        }
        let meta = SavedRun(
            toolVersion: try string(top, "tool_version"), build: try string(top, "build"),
            cpuFeatures: top["cpu_features"] == nil ? SavedRun.cpuFeaturesNotRecorded : try string(top, "cpu_features"),
            scenarioName: try string(scenario, "name", key: "scenario.name"),
            scenarioFile: try string(scenario, "file", key: "scenario.file"),
            scenarioText: try string(scenario, "text", key: "scenario.text", allowEmpty: true),
            shard: Shard(index: index, count: count),
            run: RunDescription(
                paths: paths, months: months, warmUpMonths: warmUp, seed: seed, generator: generator,
                blockSize: blockSize, policyNames: policies, benchmark: benchmark, regimeNames: regimes, layout: layout,
                regimeEntryMonths: entryMonths,
                sweep: try sweep(top, policies: policies, benchmark: benchmark), firstMonthIndex: firstMonth?.index,
                windowEvery: try windowEvery(top),
                riskFreeAnnual: riskFree, market: market, comparisons: try comparisons(top, policies: policies.count)),
            inflationAnnual: try inflationAnnual(top),
            // Files written before reports kept the scenario's overview have none to show.
            overview: try top["overview"].map { (value) throws(InputError) in try [ReportBlock](json: value, at: "overview", file: path) } ?? [])
        guard try int(top, "paths_in_file") == meta.pathsHeld else {
            throw problem("paths_in_file", "does not match shard \(meta.shard) of \(paths) paths")
        }
        guard try string(scenario, "digest", key: "scenario.digest") == meta.scenarioDigest else {
            throw problem("scenario.digest", "does not match the scenario text: the header was altered")
        }
        return meta
    }

    /// The inflation the scenario's cash flows are indexed to; absent when none was stated.
    func inflationAnnual(_ top: [String: Any]) throws(InputError) -> Double {
        guard let value = top["inflation_annual"] else { return 0 }
        guard let n = value as? NSNumber, n.doubleValue > -0.5, n.doubleValue <= 1 else {
            throw problem("inflation_annual", "expected a rate above -0.5 and at most 1")
        }
        return n.doubleValue
    }

    /// The scenario's risk-free rate. Files written before it was kept lack it; only a backtest
    /// sweep's report reads it (for the deflated Sharpe ratio), so only such a file is refused.
    func riskFreeAnnual(_ top: [String: Any], needed: Bool) throws(InputError) -> Double {
        guard let value = top["risk_free_annual"] else {
            guard !needed else {
                throw problem("risk_free_annual", "missing: the file was written before backtest sweeps reported overfitting; run the scenario again to save it")
            }
            return 0
        }
        guard let n = value as? NSNumber, Scenario.riskFreeInRange(n.doubleValue) else {
            throw problem("risk_free_annual", "expected a rate above \(Scenario.riskFreeRange.lowerBound) and at most \(Scenario.riskFreeRange.upperBound)")
        }
        return n.doubleValue
    }

    /// Pairs of policy indices compared path by path; none when the key is absent.
    func comparisons(_ top: [String: Any], policies: Int) throws(InputError) -> [PolicyPair] {
        guard let value = top["comparisons"] else { return [] }
        guard let list = value as? [[NSNumber]] else { throw problem("comparisons", "expected a list of [policy, against] pairs") }
        return try list.map { (pair) throws(InputError) -> PolicyPair in
            guard pair.count == 2 else { throw problem("comparisons", "expected a list of [policy, against] pairs") }
            let a = pair[0].intValue, b = pair[1].intValue
            guard (0..<policies).contains(a), (0..<policies).contains(b), a != b else {
                throw problem("comparisons", "names a policy that is not in the file")
            }
            return PolicyPair(policy: a, against: b)
        }
    }

    /// Months between rolling windows' starts; nil when the run has none (or the file predates them).
    func windowEvery(_ top: [String: Any]) throws(InputError) -> Int? {
        guard let value = top["window_every_months"], !(value is NSNull) else { return nil }
        let every = try int(top, "window_every_months")
        guard every >= 1 else { throw problem("window_every_months", "must be at least 1") }
        return every
    }

    /// The sweep, if the run had one: its cells must be the last policies and carry its names.
    func sweep(_ top: [String: Any], policies: [String], benchmark: Int) throws(InputError) -> SweepGrid? {
        guard top["sweep"] != nil else { return nil }
        let o = try object(top, "sweep")
        guard let list = o["parameters"] as? [[String: Any]], (1...2).contains(list.count) else {
            throw problem("sweep.parameters", "expected one or two parameters")
        }
        let parameters = try list.map { (p) throws(InputError) -> SweepGrid.Parameter in
            let values = try strings(p, "values")
            guard values.count >= 2 else { throw problem("sweep.parameters", "a parameter needs at least two values") }
            return SweepGrid.Parameter(name: try string(p, "name", key: "sweep.parameters"), values: values)
        }
        guard let figure = SweepGrid.Figure(key: try string(o, "figure", key: "sweep.figure")) else {
            throw problem("sweep.figure", "unknown figure")
        }
        let grid = SweepGrid(
            policy: try string(o, "policy", key: "sweep.policy"), parameters: parameters, figure: figure,
            firstCell: try int(o, "first_cell", key: "sweep.first_cell"))
        guard grid.firstCell > benchmark, grid.firstCell + grid.cellCount == policies.count,
            (0..<grid.cellCount).allSatisfy({ policies[grid.firstCell + $0] == grid.policyName(cell: $0) })
        else {
            throw problem("sweep", "the cells do not match the policies")
        }
        return grid
    }

    func object(_ o: [String: Any], _ name: String) throws(InputError) -> [String: Any] {
        guard let v = o[name] as? [String: Any] else { throw problem(name, "expected an object") }
        return v
    }

    func string(_ o: [String: Any], _ name: String, key: String? = nil, allowEmpty: Bool = false) throws(InputError) -> String {
        guard let v = o[name] as? String, allowEmpty || !v.isEmpty else { throw problem(key ?? name, "expected text") }
        return v
    }

    func strings(_ o: [String: Any], _ name: String) throws(InputError) -> [String] {
        guard let v = o[name] as? [String] else { throw problem(name, "expected a list of text") }
        return v
    }

    func int(_ o: [String: Any], _ name: String, key: String? = nil) throws(InputError) -> Int {
        guard let n = o[name] as? NSNumber, let v = Int(exactly: n.doubleValue), v >= 0 else {
            throw problem(key ?? name, "expected a whole number")
        }
        return v
    }
}
