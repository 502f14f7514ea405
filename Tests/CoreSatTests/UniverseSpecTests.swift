import GSLKit
import Testing

@testable import CoreSatEngine

/// Invalid universe specs are reported with a reason a loader can show; valid ones, including the
/// A-share defaults, have none.
struct UniverseSpecTests {
    @Test func validSpecsHaveNoProblem() {
        #expect(UniverseTestSpecs.oneRegime().problem() == nil)
        #expect(UniverseTestSpecs.threeRegimes().problem() == nil)
        for stocks in [300, 1_000, 3_000] { #expect(UniverseSpec.aShareDefaults(stocks: stocks).problem() == nil) }
    }

    @Test func problemsAreReported() {
        let cases: [(String, (inout UniverseSpec) -> Void, String)] = [
            ("one stock", { s in s.stocks = 1 }, "at least 2 stocks"),
            ("no industry", { s in s.industryNames = [] }, "at least one industry"),
            ("twin industries", { s in s.industryNames = ["a", "a"] }, "industry names must be distinct"),
            ("short shares", { s in s.industryShares = [0.5, 0.5] }, "one industry share per industry"),
            ("shares over 1", { s in s.industryShares = [0.4, 0.3, 0.2, 0.2] }, "must sum to 1"),
            ("zero share", { s in s.industryShares = [0.5, 0.5, 0, 0] }, "'media': its share"),
            ("empty industry", { s in s.stocks = 3 }, "'utilities' gets no stock of 3"),
            ("regimes vs chain", { s in s.regimes.append(UniverseTestSpecs.regime(name: "b")) }, "has 1"),
            ("negative vol", { s in s.regimes[0].marketVolatility = -0.01 }, "market volatility"),
            ("short premia", { s in s.regimes[0].premiumMean = [0.01] }, "one premium mean"),
            ("NaN premium", { s in s.regimes[0].premiumMean[4] = .nan }, "momentum premium mean"),
            ("bad correlation", { s in s.regimes[0].factorCorrelation = .identity(7) }, "must be 8 x 8"),
            ("not positive definite", { (s: inout UniverseSpec) in
                var c = SquareMatrix.identity(8)
                (c[1, 2], c[2, 1], c[1, 3], c[3, 1], c[2, 3], c[3, 2]) = (0.9, 0.9, 0.9, 0.9, -0.9, -0.9)
                s.regimes[0].factorCorrelation = c
            }, "not positive definite"),
            ("chain row", { (s: inout UniverseSpec) in
                s.chain = RegimeChain(transition: SquareMatrix(rows: [[0.9]]), start: [1])
            }, "row for 'flat'"),
            ("persistence count", { s in s.persistence = [0.9] }, "one persistence per characteristic"),
            ("persistence above 1", { s in s.persistence[1] = 1.2 }, "growth persistence"),
            ("cap median", { s in s.capMedian = 0 }, "median cap"),
            ("every", { s in s.characteristicsEvery = 0 }, "every 1 to 12 months"),
            ("volatility window", { s in s.volatilityMonths = 1 }, "at least 2 months"),
            ("momentum skip", { s in s.momentumSkip = -1 }, "skip cannot be negative"),
        ]
        for (name, edit, reason) in cases {
            var spec = UniverseTestSpecs.oneRegime()
            edit(&spec)
            let problem = spec.problem()
            #expect(problem?.contains(reason) == true, "\(name): \(problem ?? "no problem")")
        }
    }
}
