import CoreSatEngine
import Foundation

/// A saved `run --format json` report to compare a new run with.
public struct Baseline: Sendable {
    public var file: String
    public var scenario: String
    public var seed: UInt64
    public var paths: Int
    public var months: Int
    /// Warm-up months of the baseline's run (0 in reports written before warm-up existed).
    public var warmUpMonths: Int
    /// Months after a regime change its per-regime figures count as entry; nil when it has none
    /// (one regime, or a report written before they existed).
    public var regimeEntryMonths: Int?
    public var figures: [FigureKey: Double]

    public static func load(path: String) throws(InputError) -> Baseline {
        let data = Data(try TextFile.bytes(path, what: "the baseline"))
        guard let object = try? JSONSerialization.jsonObject(with: data), let report = object as? [String: Any] else {
            throw InputError(file: path, reason: "not a JSON object; make a baseline with 'coresat run SCENARIO --format json --output FILE'")
        }
        func whole(_ key: String, in range: ClosedRange<UInt64>) -> UInt64? {
            guard let n = report[key] as? NSNumber, let value = UInt64(n.stringValue), range.contains(value) else { return nil }
            return value
        }
        guard let scenario = report["scenario"] as? String, let seed = whole("seed", in: 0...UInt64.max),
            let paths = whole("paths", in: UInt64(Scenario.pathRange.lowerBound)...UInt64(Scenario.pathRange.upperBound)),
            let months = whole("months", in: UInt64(Scenario.monthRange.lowerBound)...UInt64(Scenario.monthRange.upperBound)),
            let policies = report["policies"] as? [[String: Any]], !policies.isEmpty,
            policies.allSatisfy({ $0["name"] is String })
        else {
            throw InputError(file: path, reason: "not a coresat run report (needs scenario, a whole seed, paths and months in range, and named policies)")
        }
        // Reports written before warm-up existed have no such key: their runs had none.
        let range = UInt64(Scenario.warmUpRange.lowerBound)...UInt64(Scenario.warmUpRange.upperBound)
        guard let warmUp = report["warm_up_months"] == nil ? 0 : whole("warm_up_months", in: range) else {
            throw InputError(file: path, keyPath: "warm_up_months", reason: "expected a whole number of months from 0 to \(range.upperBound)")
        }
        var entry: Int?
        if report["regime_entry_months"] != nil {
            let range = UInt64(Scenario.regimeEntryRange.lowerBound)...UInt64(Scenario.regimeEntryRange.upperBound)
            guard let e = whole("regime_entry_months", in: range) else {
                throw InputError(file: path, keyPath: "regime_entry_months", reason: "expected a whole number of months from \(range.lowerBound) to \(range.upperBound)")
            }
            entry = Int(e)
        }
        return Baseline(
            file: path, scenario: scenario, seed: seed, paths: Int(paths), months: Int(months),
            warmUpMonths: Int(warmUp), regimeEntryMonths: entry,
            figures: flatten(report: report))
    }

    /// Refuses a baseline that cannot be compared with a run of `scenario`: another scenario or
    /// horizon, or (unless `anySeed`) another seed or path count, which would make every figure move
    /// by noise.
    public func checkCompatible(with scenario: Scenario, anySeed: Bool) throws(InputError) {
        if self.scenario != scenario.name {
            throw InputError(file: file, keyPath: "scenario",
                reason: "baseline is from scenario '\(self.scenario)', not '\(scenario.name)' (\(scenario.file))")
        }
        if months != scenario.months {
            throw InputError(file: file, keyPath: "months",
                reason: "baseline covers \(months) months, this run \(scenario.months); make a new baseline for the new horizon")
        }
        if warmUpMonths != scenario.warmUpMonths {
            throw InputError(file: file, keyPath: "warm_up_months",
                reason: "baseline was run with \(warmUpMonths) warm-up months, this run \(scenario.warmUpMonths): the paths differ; make a new baseline")
        }
        if let entry = regimeEntryMonths, entry != scenario.regimeEntryMonths {
            throw InputError(file: file, keyPath: "regime_entry_months",
                reason: "baseline counts \(entry) months after a regime change as its entry, this run \(scenario.regimeEntryMonths): the per-regime figures differ; make a new baseline")
        }
        if !anySeed && (seed != scenario.seed || paths != scenario.paths) {
            throw InputError(file: file, keyPath: seed != scenario.seed ? "seed" : "paths",
                reason: "baseline was run with seed \(seed) and \(paths) paths, this run uses seed \(scenario.seed) and \(scenario.paths) paths; run with the baseline's, or pass --any-seed to compare within Monte Carlo noise")
        }
    }

    public struct Move: Sendable {
        public var key: FigureKey
        public var old: Double
        public var new: Double
        public var standardError: Double

        /// The move in standard errors (infinite when there is no standard error).
        public var inStandardErrors: Double {
            standardError > 0 && old.isFinite && new.isFinite ? abs(new - old) / standardError : .infinity
        }

        public var line: String {
            if old.isNaN { return "\(key): not in the baseline" }
            if new.isNaN { return "\(key): in the baseline, no longer reported" }
            let se = !standardError.isFinite ? "no s.e." : standardError == 0 ? "s.e. 0" : String(format: "%.1f s.e.", inStandardErrors)
            return "\(key): \(CheckResult.show(old)) -> \(CheckResult.show(new)) (\(se))"
        }
    }

    /// Figures that moved by more than `relativeTolerance` x |old| and more than `k` standard errors
    /// of the difference. Both runs carry Monte Carlo error of about the same size, so the standard
    /// error of the difference is sqrt(2) x the new run's. Figures present in only one of the two
    /// (a renamed policy, a figure the baseline lacks) count as moved. Largest moves first.
    public func moves(_ current: [SummaryFigure], relativeTolerance: Double, k: Double) -> (moved: [Move], compared: Int) {
        var moved: [Move] = []
        var compared = 0
        for f in current where f.value.isFinite {
            compared += 1
            guard let old = figures[f.key] else {
                moved.append(Move(key: f.key, old: .nan, new: f.value, standardError: .nan))
                continue
            }
            let delta = abs(f.value - old)
            let differenceError = f.standardError * 2.0.squareRoot()
            let beyondTolerance = !old.isFinite || delta > relativeTolerance * abs(old)
            let beyondNoise = !differenceError.isFinite || delta > k * differenceError
            if beyondTolerance && beyondNoise {
                moved.append(Move(key: f.key, old: old, new: f.value, standardError: differenceError))
            }
        }
        let reported = Set(current.filter(\.value.isFinite).map(\.key))  // undefined now: not reported
        for (key, old) in figures where !reported.contains(key) {
            compared += 1
            moved.append(Move(key: key, old: old, new: .nan, standardError: .nan))
        }
        moved.sort { $0.inStandardErrors > $1.inStandardErrors }
        return (moved, compared)
    }

    /// The numbers of a parsed JSON report (from JSONSerialization), keyed like `all`. Standard
    /// errors and counts of undefined paths are not figures and are left out.
    static func flatten(report: [String: Any]) -> [FigureKey: Double] {
        var out: [FigureKey: Double] = [:]
        func walk(_ owner: (String, String), _ prefix: String, _ value: Any) {
            if let object = value as? [String: Any] {
                for (key, child) in object where !["name", "standard_error", "undefined_paths"].contains(key) {
                    walk(owner, prefix.isEmpty ? key : "\(prefix).\(key)", child)
                }
            } else if let number = value as? NSNumber {  // integers (such as 0) arrive as NSNumber too
                out[FigureKey(section: owner.0, name: owner.1, path: prefix)] = number.doubleValue
            }
        }
        for (section, owner) in [("regimes", "regime"), ("policies", "policy")] {
            for item in report[section] as? [[String: Any]] ?? [] {
                guard let name = item["name"] as? String else { continue }
                walk((owner, name), "", item)
            }
        }
        // A sweep's cells, keyed as `SummaryFigures` keys them: `<figure>.median` and
        // `probability_outperform` (their standard errors are not figures).
        if let sweep = report["sweep"] as? [String: Any], let figure = sweep["figure"] as? String {
            for cell in sweep["cells"] as? [[String: Any]] ?? [] {
                guard let name = cell["policy"] as? String else { continue }
                for (key, path) in [("median", "\(figure).median"), ("probability_outperform", "probability_outperform")] {
                    if let number = cell[key] as? NSNumber {
                        out[FigureKey(section: "sweep", name: name, path: path)] = number.doubleValue
                    }
                }
            }
        }
        return out
    }
}
