import Foundation

/// A saved `run --format json` report to compare a new run with.
public struct Baseline: Sendable {
    public var file: String
    public var scenario: String
    public var seed: UInt64
    public var paths: Int
    public var months: Int
    public var figures: [FigureKey: Double]

    public static func load(path: String) throws(InputError) -> Baseline {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InputError(file: path, reason: "cannot read the baseline (\(error.localizedDescription))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let report = object as? [String: Any] else {
            throw InputError(file: path, reason: "not a JSON object; make a baseline with 'coresat run SCENARIO --format json --output FILE'")
        }
        guard let scenario = report["scenario"] as? String, let seed = (report["seed"] as? NSNumber)?.uint64Value,
            let paths = report["paths"] as? Int, let months = report["months"] as? Int, report["policies"] is [Any]
        else {
            throw InputError(file: path, reason: "not a coresat run report (needs scenario, seed, paths, months and policies)")
        }
        return Baseline(
            file: path, scenario: scenario, seed: seed, paths: paths, months: months,
            figures: SummaryFigures.flatten(report: report))
    }

    /// Refuses a baseline that cannot be compared with a run of `scenario`: another scenario, or
    /// (unless `anySeed`) another seed or path count, which would make every figure move by noise.
    public func checkCompatible(with scenario: Scenario, anySeed: Bool) throws(InputError) {
        if self.scenario != scenario.name {
            throw InputError(file: file, keyPath: "scenario",
                reason: "baseline is from scenario '\(self.scenario)', not '\(scenario.name)' (\(scenario.file))")
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
            standardError > 0 ? abs(new - old) / standardError : .infinity
        }

        public var line: String {
            let se = !standardError.isFinite ? "no s.e." : standardError == 0 ? "s.e. 0" : String(format: "%.1f s.e.", inStandardErrors)
            return "\(key): \(CheckResult.show(old)) -> \(CheckResult.show(new)) (\(se))"
        }
    }

    /// Figures that moved by more than `relativeTolerance` x |old| and more than `k` standard errors
    /// of the difference. Both runs carry Monte Carlo error of about the same size, so the standard
    /// error of the difference is sqrt(2) x the new run's. Sorted with the largest moves first.
    public func moves(_ current: [SummaryFigure], relativeTolerance: Double, k: Double) -> (moved: [Move], compared: Int) {
        var moved: [Move] = []
        var compared = 0
        for f in current {
            guard let old = figures[f.key], old.isFinite, f.value.isFinite else { continue }
            compared += 1
            let delta = abs(f.value - old)
            let beyondTolerance = delta > relativeTolerance * abs(old)
            let differenceError = f.standardError * 2.0.squareRoot()
            let beyondNoise = !differenceError.isFinite || delta > k * differenceError
            if beyondTolerance && beyondNoise {
                moved.append(Move(key: f.key, old: old, new: f.value, standardError: differenceError))
            }
        }
        moved.sort { $0.inStandardErrors > $1.inStandardErrors }
        return (moved, compared)
    }
}
