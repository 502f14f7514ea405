import Optimizer
import Testing

@Test func aNewProgramHasNoConstraints() {
    let p = QuadraticProgram(variables: 3, equalities: 1, rows: 2)
    #expect(p.lower.allSatisfy { $0 == -.infinity })
    #expect(p.rowUpper.allSatisfy { $0 == .infinity })
    #expect(p.equalityRows.count == 3 && p.rows.count == 6)
}
