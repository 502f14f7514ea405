// Times DualActiveSetSolver in process on the programs of a JSON file (bench/qp writes it):
//
//     optimizer-bench PROBLEMS.json [SECONDS_PER_PROGRAM] [cold]
//
// The file is {"programs": [{"n", "H", "c", "lower", "upper", "E", "f", "G", "rowLower",
// "rowUpper"}, ...]} with matrices row-major and null for an infinite bound. For each program it
// prints one JSON line: the median and best time per cold solve, per warm re-solve (the program and
// a copy with H moved by about 1e-5 relative, solved in turn with warmStart), the active-set size,
// the iterations and the solution. With `cold`, warm re-solves are timed only briefly.
import Foundation
import Optimizer

struct ProgramFile: Decodable {
    struct Entry: Decodable {
        let n: Int
        let H, c, E, f, G: [Double]
        let lower, upper, rowLower, rowUpper: [Double?]
    }
    let programs: [Entry]
}

func program(_ e: ProgramFile.Entry) -> QuadraticProgram {
    var p = QuadraticProgram(variables: e.n, equalities: e.f.count, rows: e.rowLower.count)
    p.hessian = e.H
    p.linear = e.c
    p.lower = e.lower.map { $0 ?? -.infinity }
    p.upper = e.upper.map { $0 ?? .infinity }
    p.equalityRows = e.E
    p.equalityValues = e.f
    p.rows = e.G
    p.rowLower = e.rowLower.map { $0 ?? -.infinity }
    p.rowUpper = e.rowUpper.map { $0 ?? .infinity }
    return p
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Median and best seconds per call of `body`, timing batches long enough (≥ 50 µs) that the
/// clock's own cost does not count, for about `budget` seconds (at least 5 batches).
func time(budget: Double, _ body: () -> Void) -> (median: Double, best: Double) {
    let start = now()
    body()
    let once = max(now() - start, 1e-8)
    let batch = max(1, Int(50e-6 / once))
    var samples: [Double] = []
    let deadline = now() + budget
    while samples.count < 5 || (now() < deadline && samples.count < 100_000) {
        let t0 = now()
        for _ in 0..<batch { body() }
        samples.append((now() - t0) / Double(batch))
    }
    samples.sort()
    return (samples[samples.count / 2], samples[0])
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: optimizer-bench PROBLEMS.json [SECONDS_PER_PROGRAM]\n".utf8))
    exit(2)
}
let budget = arguments.count > 2 ? Double(arguments[2]) ?? 2 : 2
let coldOnly = arguments.count > 3 && arguments[3] == "cold"
let file = try JSONDecoder().decode(ProgramFile.self, from: Data(contentsOf: URL(fileURLWithPath: arguments[1])))

for entry in file.programs {
    let p = program(entry)
    let solver = DualActiveSetSolver()
    guard solver.solve(p) == .optimal else {
        print("{\"n\": \(p.variables), \"status\": \"\(solver.solve(p))\"}")
        continue
    }
    let x = solver.solution, active = solver.activeSet.count, iterations = solver.iterations
    let residual = solver.residuals(p).worst
    let cold = time(budget: budget) { _ = solver.solve(p) }
    // A neighbour: H + 1e-5 sin(1 + i + j) √(h_ii h_jj), symmetric.
    var moved = p
    let n = p.variables
    for i in 0..<n {
        for j in 0..<n {
            let scale = (p.hessian[i * n + i] * p.hessian[j * n + j]).squareRoot()
            moved.hessian[i * n + j] += 1e-5 * sin(Double(1 + i + j)) * scale
        }
    }
    var flip = false, warmHits = 0, warmSolves = 0
    _ = solver.solve(p)
    let warm = time(budget: coldOnly ? 0 : budget) {
        flip.toggle()
        _ = solver.solve(flip ? moved : p, warmStart: true)
        warmSolves += 1
        if solver.lastSolveWasWarm { warmHits += 1 }
    }
    let values = x.map { "\($0)" }.joined(separator: ",")
    print(
        "{\"n\": \(n), \"active\": \(active), \"iterations\": \(iterations), \"kkt\": \(residual), "
            + "\"coldMedianUs\": \(cold.median * 1e6), \"coldBestUs\": \(cold.best * 1e6), "
            + "\"warmMedianUs\": \(warm.median * 1e6), \"warmBestUs\": \(warm.best * 1e6), "
            + "\"warmShare\": \(Double(warmHits) / Double(warmSolves)), \"x\": [\(values)]}")
}
