import CoreSat
import Optimizer

/// `optimize --objective factor-exposure`: exposures from a CSV (header `asset,F1,F2,...`, a row per
/// asset in any order), the factor to maximize and the factors held neutral (at the benchmark's
/// exposure when --benchmark is given, else at 0, within --tolerance).
enum FactorExposureFile {
    static func problem(command c: Optimize, names: [String]) throws(InputError) -> FactorExposureProblem {
        guard let path = c.exposures else { throw InputError(file: "--exposures", reason: "factor-exposure needs --exposures") }
        guard let maximize = c.maximize else { throw InputError(file: "--maximize", reason: "factor-exposure needs --maximize") }
        guard c.tolerance >= 0, c.tolerance.isFinite else { throw InputError(file: "--tolerance", reason: "must be 0 or more") }
        let table = try MomentFiles.rows(path)
        guard let header = table.first?.1, header.count >= 2 else {
            throw InputError(file: path, reason: "expected a header asset,F1,F2,... and a row per asset")
        }
        let factors = Array(header.dropFirst())
        let n = names.count
        var exposures = Array(repeating: Double.nan, count: factors.count * n)
        for (line, cells) in table.dropFirst() {
            guard cells.count == header.count else { throw InputError(file: path, line: line, reason: "expected \(header.count) values") }
            guard let i = names.firstIndex(of: cells[0]) else { continue }
            for f in factors.indices { exposures[f * n + i] = try MomentFiles.number(cells[f + 1], path, line) }
        }
        if let missing = names.indices.first(where: { exposures[$0].isNaN }) {
            throw InputError(file: path, reason: "no exposures for asset '\(names[missing])'")
        }
        func factor(_ name: String, _ flag: String) throws(InputError) -> Int {
            guard let f = factors.firstIndex(of: name) else {
                throw InputError(file: flag, reason: "'\(name)' is not a factor of \(path) (\(factors.joined(separator: ", ")))")
            }
            return f
        }
        let target = try factor(maximize, "--maximize")
        let benchmark = try c.benchmark.map { (text) throws(InputError) in try NamedValues.parse(text, names: names, flag: "--benchmark") }
        var neutral: [FactorExposureProblem.Neutrality] = []
        for name in (c.neutral ?? "").split(separator: ",").map(String.init) {
            let f = try factor(name, "--neutral")
            guard f != target else { throw InputError(file: "--neutral", reason: "'\(name)' is the factor to maximize") }
            let value = benchmark.map { b in (0..<n).reduce(0) { $0 + b[$1] * exposures[f * n + $1] } } ?? 0
            neutral.append(.init(factor: f, value: value, tolerance: c.tolerance))
        }
        return FactorExposureProblem(factorNames: factors, exposures: exposures, target: target, neutral: neutral)
    }
}
