import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// Drives a policy's runner along a path the way the account does (reset with the warm-up rows,
/// then observe and a review at every month end) and records its targets and regime beliefs.
/// `returns` rows are months, the first `warmUp` rows before month 0.
func targetsAlongPath(
    _ policy: any Policy, returns: [[Double]], warmUp: Int = 0, regimes: [Int32]? = nil
) -> (targets: [[Double]], beliefs: [Int?], decisions: [Decision]) {
    let n = returns[0].count
    let months = returns.count - warmUp
    let flat = returns.flatMap { $0 }
    let logs = flat.map { Foundation.log1p($0) }
    let labels = regimes ?? [Int32](repeating: 0, count: returns.count)
    let holdings = [Double](repeating: 0, count: n)
    let net = [Double](repeating: 0, count: months)
    let runner = policy.makeRunner(assetCount: n)!
    var targets = [Double](repeating: .nan, count: n)
    var out: (targets: [[Double]], beliefs: [Int?], decisions: [Decision]) = ([], [], [])
    flat.withUnsafeBufferPointer { r in
        logs.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { g in
                holdings.withUnsafeBufferPointer { h in
                    net.withUnsafeBufferPointer { o in
                        func view(_ t: Int) -> PolicyView {
                            PolicyView(
                                month: t, warmUpMonths: warmUp, assetCount: n, value: 1, returns: r.baseAddress!,
                                logReturns: x.baseAddress!, regimes: g.baseAddress!, access: policy.regimeAccess,
                                holdings: h.baseAddress!, netReturns: o.baseAddress!)
                        }
                        runner.reset(view(-1))
                        for t in 0..<months {
                            runner.observe(view(t))
                            out.beliefs.append(runner.regimeBelief)
                            out.decisions.append(runner.decide(view(t), targets: &targets))
                            out.targets.append(targets)
                        }
                    }
                }
            }
        }
    }
    return out
}

/// Assets: a core and three satellites a, b, c; base targets 60% core and a 40% sleeve split
/// 50/30/20, so a rule's sleeve fraction f of a satellite is a target of 0.4 f.
let rotationBase = [0.6, 0.2, 0.12, 0.08]

func rotation(_ rule: any SleeveRule, to destination: SleevePlan.Destination = .core, cap: Double? = nil,
    volatilityTarget: VolatilityTarget? = nil, base: [Double] = rotationBase) -> RotationPolicy {
    let plan = SleevePlan(
        base: base, universe: [1, 2, 3], coreAssets: [0], destination: destination, cap: cap, volatilityTarget: volatilityTarget)!
    return RotationPolicy(name: "rotation", plan: plan, rule: rule, review: .calendar(months: 1))
}

/// Three months of returns for [core, a, b, c] (worked through in the tests):
/// trailing 2-month returns at the end of month 1: a 1.1 x 0.8 - 1 = -12%, b +5%, c 0.95 x 1.05 - 1 = -0.25%;
/// at the end of month 2: a -20%, b +5%, c 1.05 x 1.3 - 1 = +36.5%.
let threeMonths: [[Double]] = [
    [0, 0.10, 0, -0.05],
    [0, -0.20, 0.05, 0.05],
    [0, 0, 0, 0.30],
]

func expectTargets(_ got: [Double], _ want: [Double], _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
        got.count == want.count && zip(got, want).allSatisfy { abs($0 - $1) < 1e-12 }, "\(got) != \(want) \(comment?.description ?? "")",
        sourceLocation: sourceLocation)
}

struct RotationRuleTests {
    @Test func relativeStrengthHoldsTheTopRankedAfterItsLookbackAndTheBaseBefore() {
        let rule = RelativeStrength(lookbacks: [.init(months: 2, weight: 1)], top: 1)
        let run = targetsAlongPath(rotation(rule), returns: threeMonths)
        expectTargets(run.targets[0], rotationBase, "one month of history: the base targets")
        expectTargets(run.targets[1], [0.6, 0, 0.4, 0], "b leads at +5%")
        expectTargets(run.targets[2], [0.6, 0, 0, 0.4], "c leads at +36.5%")
    }

    @Test func relativeStrengthCanSkipTheLatestMonthAndWeighSeveralLookbacks() {
        // Skipping month 1, the 1-month window at the end of month 1 is month 0: a (+10%) leads.
        let skipping = RelativeStrength(lookbacks: [.init(months: 1, weight: 1)], skip: 1, top: 1)
        expectTargets(targetsAlongPath(rotation(skipping), returns: threeMonths).targets[1], [0.6, 0.4, 0, 0])
        // End of month 2, 0.5 x 1-month + 0.5 x 3-month: a 0.5(0) + 0.5(1.1 x 0.8 - 1) = -0.06,
        // b 0.5(0) + 0.5(0.05) = 0.025, c 0.5(0.3) + 0.5(0.95 x 1.05 x 1.3 - 1) = 0.29838; top 2: c, b.
        let blended = RelativeStrength(lookbacks: [.init(months: 1, weight: 0.5), .init(months: 3, weight: 0.5)], top: 2)
        expectTargets(targetsAlongPath(rotation(blended), returns: threeMonths).targets[2], [0.6, 0, 0.2, 0.2])
    }

    @Test func equalScoresRankTheSatelliteListedFirstHigher() {
        // a and c have the same returns; b trails. Top 1 is a, top 2 is a and c.
        let tied: [[Double]] = [[0, 0.03, 0.01, 0.03], [0, -0.01, 0, -0.01]]
        let one = RelativeStrength(lookbacks: [.init(months: 2, weight: 1)], top: 1)
        expectTargets(targetsAlongPath(rotation(one), returns: tied).targets[1], [0.6, 0.4, 0, 0])
        let two = RelativeStrength(lookbacks: [.init(months: 2, weight: 1)], top: 2)
        expectTargets(targetsAlongPath(rotation(two), returns: tied).targets[1], [0.6, 0.2, 0, 0.2])
        // With c ahead by a hair, c is first.
        let ahead: [[Double]] = [[0, 0.03, 0.01, 0.0300001], [0, -0.01, 0, -0.01]]
        expectTargets(targetsAlongPath(rotation(one), returns: ahead).targets[1], [0.6, 0, 0, 0.4])
    }

    @Test func inverseVolatilityWeightsAreProportionalToOneOverTheSampleVolatility() {
        let rule = RelativeStrength(lookbacks: [.init(months: 3, weight: 1)], top: 2, weighting: .inverseVolatility(months: 3))
        let t = targetsAlongPath(rotation(rule), returns: threeMonths).targets[2]
        // Top 2 over 3 months: c (+29.7%) and b (+5%). Sample standard deviations (ddof 1):
        func sd(_ x: [Double]) -> Double {
            let m = x.reduce(0, +) / 3
            return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 2).squareRoot()
        }
        let (ib, ic) = (1 / sd([0, 0.05, 0]), 1 / sd([-0.05, 0.05, 0.30]))
        expectTargets(t, [0.6, 0, 0.4 * ib / (ib + ic), 0.4 * ic / (ib + ic)])
    }

    @Test func inverseVolatilityFallsBackToEqualWeightsWhenAChosenSatelliteIsCash() {
        // c earns 0.17% every month: zero volatility, although running sums leave rounding residue.
        // Over 12 months a loses (1.03 x 0.96)^6 - 1 = -6.5%, b gains (0.99 x 1.01 x 1.03)^4 - 1 =
        // +12.5% and c 2.1%: the top 2 are b and c, which share the sleeve equally.
        let a: [Double] = (0..<40).map { $0 % 2 == 0 ? 0.03 : -0.04 }
        let b: [Double] = (0..<40).map { [-0.01, 0.01, 0.03][$0 % 3] }
        let returns: [[Double]] = (0..<40).map { [0, a[$0], b[$0], 0.0017] }
        let rule = RelativeStrength(lookbacks: [.init(months: 12, weight: 1)], top: 2, weighting: .inverseVolatility(months: 12))
        let run = targetsAlongPath(rotation(rule), returns: returns)
        for t in 11..<40 {
            #expect(run.decisions[t] == .fallback(trade: true), "month \(t)")
            #expect(run.targets[t][3] == 0.2, "month \(t)")
        }
    }

    @Test func dualMomentumSendsAFailingChoiceToTheCore() {
        // Top 2 at the end of month 1: b (+5%) and c (-0.25%); against cash at a 0% rate c fails,
        // so its half of the sleeve goes to the core: 0.6 + 0.2.
        let rule = RelativeStrength(
            lookbacks: [.init(months: 2, weight: 1)], top: 2, absolute: .init(months: 2, hurdle: .rate(annual: 0)))
        expectTargets(targetsAlongPath(rotation(rule), returns: threeMonths).targets[1], [0.8, 0, 0.2, 0])
        // Against the core basket (0% here) the same; against a 50%-a-year rate (6.99% over 2 months) b fails too.
        let dear = RelativeStrength(
            lookbacks: [.init(months: 2, weight: 1)], top: 2, absolute: .init(months: 2, hurdle: .rate(annual: 0.5)))
        expectTargets(targetsAlongPath(rotation(dear), returns: threeMonths).targets[1], [1, 0, 0, 0])
        let core = RelativeStrength(
            lookbacks: [.init(months: 2, weight: 1)], top: 2, absolute: .init(months: 2, hurdle: .basket([1, 0, 0, 0])))
        expectTargets(targetsAlongPath(rotation(core), returns: threeMonths).targets[1], [0.8, 0, 0.2, 0])
    }

    @Test func dualMomentumCanSendItsWeightToACashAsset() {
        // A fifth asset, cash, earning 1% a month; base targets hold none of it.
        let returns: [[Double]] = threeMonths.map { $0 + [0.01] }
        let plan = SleevePlan(base: rotationBase + [0], universe: [1, 2, 3], coreAssets: [0], destination: .asset(4))!
        // Over 2 months cash makes 2.01%: b (+5%) passes, c fails; c's half goes to cash.
        let rule = RelativeStrength(lookbacks: [.init(months: 2, weight: 1)], top: 2, absolute: .init(months: 2, hurdle: .asset(4)))
        let policy = RotationPolicy(name: "dual", plan: plan, rule: rule, review: .calendar(months: 1))
        expectTargets(targetsAlongPath(policy, returns: returns).targets[1], [0.6, 0, 0.2, 0, 0.2])
    }

    @Test func trendFilterHoldsASatelliteOnlyAboveItsMovingAverage() {
        // Levels after months 0-2: a 1.1, 0.88, 0.88 (average 0.92: below), b 1, 1.05, 1.05 (above),
        // c 0.95, 0.9975, 1.29675 (above). a's base 50% of the sleeve goes to the core.
        let run = targetsAlongPath(rotation(TrendFilter(months: 3)), returns: threeMonths)
        expectTargets(run.targets[1], rotationBase, "two months: too few for a 3-month average")
        expectTargets(run.targets[2], [0.8, 0, 0.12, 0.08])
    }

    @Test func styleSwitchMovesOnlyWhenTheSpreadLeavesTheBand() {
        // Offensive: a; defensive: b and c equally; 1-month spread, band 5 points, starting defensive.
        // Spreads: month 0 0.10 - (0 - 0.05)/2 = +0.125 (go offensive), month 1 -0.20 - 0.05 = -0.25
        // (back to defensive), month 2 0 - 0.15 = -0.15 (stay), month 3 +0.04 (inside the band: stay).
        let rule = StyleSwitch(offensive: [1, 0, 0], defensive: [0, 0.5, 0.5], months: 1, band: 0.05, start: .defensive)
        let run = targetsAlongPath(rotation(rule), returns: threeMonths + [[0, 0.04, 0, 0]])
        expectTargets(run.targets[0], [0.6, 0.4, 0, 0])
        for t in 1...3 { expectTargets(run.targets[t], [0.6, 0, 0.2, 0.2], "month \(t)") }
        // Without a band, month 3's +4% switches back.
        let loose = StyleSwitch(offensive: [1, 0, 0], defensive: [0, 0.5, 0.5], months: 1, band: 0, start: .defensive)
        expectTargets(targetsAlongPath(rotation(loose), returns: threeMonths + [[0, 0.04, 0, 0]]).targets[3], [0.6, 0.4, 0, 0])
    }

    @Test func regimeMapUsesTheTrueRegimeNowOrLate() {
        let weights = [[1.0, 0, 0], [0, 0.5, 0.5]]
        let regimes: [Int32] = [0, 1, 1, 0]
        let returns = threeMonths + [[0, 0, 0, 0]]
        let oracle = targetsAlongPath(rotation(RegimeMap(weights: weights, source: .known(lag: 0))), returns: returns, regimes: regimes)
        #expect(oracle.beliefs == [0, 1, 1, 0])
        expectTargets(oracle.targets[1], [0.6, 0, 0.2, 0.2])
        let lagged = targetsAlongPath(rotation(RegimeMap(weights: weights, source: .known(lag: 1))), returns: returns, regimes: regimes)
        #expect(lagged.beliefs == [nil, 0, 1, 1])
        expectTargets(lagged.targets[0], rotationBase, "no regime known yet: the base targets")
        expectTargets(lagged.targets[1], [0.6, 0.4, 0, 0])
        expectTargets(lagged.targets[3], [0.6, 0, 0.2, 0.2])
        // With warm-up history the lag reaches back into it: month 0 knows month -1's regime (1).
        let warm = targetsAlongPath(
            rotation(RegimeMap(weights: weights, source: .known(lag: 1))), returns: [[0, 0, 0, 0]] + returns, warmUp: 1,
            regimes: [1] + regimes)
        #expect(warm.beliefs == [1, 0, 1, 1])
    }

    @Test func factorTiltTiltsTheBaseByMomentumZScoresAndCaps() {
        // End of month 0, 1-month momentum a 0.10, b 0, c -0.05; z-scores with the population
        // deviation; weights base x max(0, 1 + z): c's 1 + z is negative, so it gets nothing.
        let m = [0.10, 0, -0.05]
        let mean = m.reduce(0, +) / 3
        let sd = (m.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3).squareRoot()
        let raw = zip([0.5, 0.3, 0.2], m).map { $0 * max(0, 1 + ($1 - mean) / sd) }
        #expect(raw[2] == 0)
        let total = raw.reduce(0, +)
        let run = targetsAlongPath(rotation(FactorTilt(months: 1, tilt: 1)), returns: threeMonths)
        expectTargets(run.targets[0], [0.6] + raw.map { 0.4 * $0 / total })
        // Capped at 60% of the sleeve, a's excess (84.2% - 60%) goes to b, the only other holder.
        let capped = targetsAlongPath(rotation(FactorTilt(months: 1, tilt: 1), cap: 0.6), returns: threeMonths)
        expectTargets(capped.targets[0], [0.6, 0.24, 0.16, 0])
    }

    @Test func aCapHandsExcessToUncappedHoldersAndLeavesWhatNobodyCanTake() {
        var sleeve = [0.7, 0.2, 0.1]
        sleeve.withUnsafeMutableBufferPointer { SleevePlan.applyCap(0.4, to: $0) }
        #expect(zip(sleeve, [0.4, 0.4, 0.2]).allSatisfy { abs($0 - $1) < 1e-15 })
        sleeve = [0.5, 0.5, 0]
        sleeve.withUnsafeMutableBufferPointer { SleevePlan.applyCap(0.4, to: $0) }
        #expect(sleeve == [0.4, 0.4, 0])
        // The unplaced 20% of the sleeve goes to the core.
        let equalTop2 = RelativeStrength(lookbacks: [.init(months: 2, weight: 1)], top: 2)
        expectTargets(targetsAlongPath(rotation(equalTop2, cap: 0.4), returns: threeMonths).targets[1], [0.68, 0, 0.16, 0.16])
    }

    @Test func aVolatilityTargetScalesTheSleeveDownToTheTarget() {
        // Base sleeve 50/30/20 over 3 months: annualised volatility sqrt(12 w'Sw), S the sample covariance.
        let series = [[0.10, -0.20, 0], [0, 0.05, 0], [-0.05, 0.05, 0.30]]
        func cov(_ x: [Double], _ y: [Double]) -> Double {
            let (mx, my) = (x.reduce(0, +) / 3, y.reduce(0, +) / 3)
            return zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / 2
        }
        let w = [0.5, 0.3, 0.2]
        var variance = 0.0
        for a in 0..<3 { for b in 0..<3 { variance += w[a] * w[b] * cov(series[a], series[b]) } }
        let volatility = (12 * variance).squareRoot()
        #expect(volatility > 0.1)
        let scale = 0.1 / volatility
        let run = targetsAlongPath(rotation(BaseSleeve(), volatilityTarget: VolatilityTarget(annual: 0.1, months: 3)), returns: threeMonths)
        expectTargets(run.targets[1], rotationBase, "two months: no estimate, the sleeve stands")
        expectTargets(run.targets[2], [0.6 + 0.4 * (1 - scale)] + w.map { 0.4 * $0 * scale })
        // A target above the sleeve's volatility leaves it alone.
        let loose = targetsAlongPath(rotation(BaseSleeve(), volatilityTarget: VolatilityTarget(annual: volatility + 0.01, months: 3)), returns: threeMonths)
        expectTargets(loose.targets[2], rotationBase)
    }

    /// Every rule, for the no-look-ahead check.
    static let everyRule: [(String, any SleeveRule)] = [
        ("relative strength", RelativeStrength(lookbacks: [.init(months: 3, weight: 0.5), .init(months: 6, weight: 0.5)], skip: 1, top: 2,
            weighting: .inverseVolatility(months: 4))),
        ("dual momentum", RelativeStrength(lookbacks: [.init(months: 4, weight: 1)], top: 2, absolute: .init(months: 5, hurdle: .basket([1, 0, 0, 0])))),
        ("trend filter", TrendFilter(months: 5)),
        ("style switch", StyleSwitch(offensive: [0.5, 0.5, 0], defensive: [0, 0, 1], months: 3, band: 0.01, start: .offensive)),
        ("regime map, lagged", RegimeMap(weights: [[1, 0, 0], [0, 0, 1]], source: .known(lag: 2))),
        ("regime map, oracle", RegimeMap(weights: [[1, 0, 0], [0, 0, 1]], source: .known(lag: 0))),
        ("factor tilt", FactorTilt(months: 4, skip: 1, tilt: 2)),
        ("regime map, filtered", RegimeMap(weights: [[1, 0, 0], [0, 0.5, 0.5]], source: .filtered(twoRegimeFilterModel, threshold: 0.7, minimumMonths: 2))),
    ]

    static func constantCorrelation(_ n: Int, _ rho: Double) -> SquareMatrix {
        var m = SquareMatrix.identity(n)
        for i in 0..<n { for j in 0..<n where i != j { m[i, j] = rho } }
        return m
    }

    static let twoRegimeFilterModel: RegimeFilterModel = {
        let calm = RegimeSpec(name: "calm", parameters: (0..<4).map { _ in LogReturnParameters(mu: 0.01, sigma: 0.04) },
            correlation: constantCorrelation(4, 0.5))
        let stressed = RegimeSpec(name: "stressed", parameters: (0..<4).map { _ in LogReturnParameters(mu: -0.02, sigma: 0.09) },
            correlation: constantCorrelation(4, 0.8))
        var transition = SquareMatrix.identity(2)
        (transition[0, 0], transition[0, 1], transition[1, 0], transition[1, 1]) = (0.95, 0.05, 0.2, 0.8)
        return try! RegimeFilterModel(MarketSpec(regimes: [calm, stressed], transition: transition, start: [0.8, 0.2], innovations: .normal))
    }()

    @Test(arguments: everyRule.indices)
    func changingMonthsAfterADecisionLeavesItUnchanged(rule: Int) {
        let (name, sleeveRule) = Self.everyRule[rule]
        let policy = rotation(sleeveRule, cap: 0.8, volatilityTarget: VolatilityTarget(annual: 0.15, months: 3))
        var random = SplitMix(seed: UInt64(rule) + 1)
        let warmUp = 4, months = 30, decision = 17
        let returns = (0..<(warmUp + months)).map { _ in (0..<4).map { _ in random.next(in: -0.12...0.13) } }
        let regimes = (0..<(warmUp + months)).map { _ in Int32(random.next(in: 0...1) < 0.5 ? 0 : 1) }
        var changed = returns, changedRegimes = regimes
        for row in (warmUp + decision + 1)..<(warmUp + months) {
            changed[row] = changed[row].map { -$0 * 2 }
            changedRegimes[row] = 1 - changedRegimes[row]
        }
        let original = targetsAlongPath(policy, returns: returns, warmUp: warmUp, regimes: regimes)
        let altered = targetsAlongPath(policy, returns: changed, warmUp: warmUp, regimes: changedRegimes)
        #expect(original.targets[...decision] == altered.targets[...decision], "\(name)")
        #expect(original.beliefs[...decision] == altered.beliefs[...decision], "\(name)")
        // The check has teeth: the later months do change what the rule does.
        #expect(original.targets[(decision + 1)...] != altered.targets[(decision + 1)...], "\(name)")
    }
}

/// A tiny deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * Double(nextBits() >> 11) / Double(1 << 53)
    }
}
