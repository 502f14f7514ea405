import Foundation
import Optimizer
import Testing

/// The programs of Fixtures/qp_reference.json (scripts/optimizer_reference.py), solved by quadprog
/// and DAQP, which agree to 1e-10 on each.
struct QPReference: Decodable {
    struct Program: Decodable {
        let name: String
        let n: Int
        let H, c, E, f, G: [Double]
        let lower, upper, rowLower, rowUpper: [Double?]
        let x: [Double]?
        let objective: Double?

        var program: QuadraticProgram {
            var p = QuadraticProgram(variables: n, equalities: f.count, rows: rowLower.count)
            p.hessian = H
            p.linear = c
            p.lower = lower.map { $0 ?? -.infinity }
            p.upper = upper.map { $0 ?? .infinity }
            p.equalityRows = E
            p.equalityValues = f
            p.rows = G
            p.rowLower = rowLower.map { $0 ?? -.infinity }
            p.rowUpper = rowUpper.map { $0 ?? .infinity }
            return p
        }
    }

    let programs: [Program]
    let infeasible: [Program]

    static func load() throws -> QPReference {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/qp_reference", withExtension: "json"))
        return try JSONDecoder().decode(QPReference.self, from: Data(contentsOf: url))
    }
}

@Suite struct QPReferenceTests {
    /// 1e-9 in weights: the references agree with each other to 1e-10 and the programs are well
    /// conditioned, so a correct solver lands within a few 1e-12 of both.
    @Test func solutionsMatchQuadprogAndDAQP() throws {
        let reference = try QPReference.load()
        #expect(reference.programs.count >= 40)
        let solver = DualActiveSetSolver()
        for entry in reference.programs {
            let p = entry.program
            #expect(solver.solve(p) == .optimal, "\(entry.name)")
            let x = try #require(entry.x)
            let difference = TestPrograms.maxAbsDifference(solver.solution, x)
            #expect(difference <= 1e-9, "\(entry.name): max |Δx| = \(difference)")
            #expect(solver.residuals(p).worst <= 1e-9, "\(entry.name): \(solver.residuals(p))")
            #expect(abs(solver.objectiveValue - (entry.objective ?? .nan)) <= 1e-9, "\(entry.name)")
        }
    }

    @Test func infeasibleProgramsAreReportedWithAConflict() throws {
        let reference = try QPReference.load()
        #expect(reference.infeasible.count == 3)
        for entry in reference.infeasible {
            let status = DualActiveSetSolver().solve(entry.program)
            guard case .infeasible(let conflict) = status else {
                Issue.record("\(entry.name): \(status)")
                continue
            }
            #expect(conflict.count >= 2, "\(entry.name): \(conflict)")
        }
    }
}
