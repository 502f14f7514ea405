import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// A policy whose runner is built from closures, for tests.
struct ScriptedPolicy: Policy {
    var name = "scripted"
    var initialWeights: [Double]
    var review: RebalanceRule = .calendar(months: 1)
    var historyNeeded = 0
    var regimeAccess = RegimeAccess.none
    var classifiesRegimes = false
    var makeScript: @Sendable () -> Script

    /// What a runner does: state lives in the script object, one per worker.
    class Script: PolicyRunner {
        func reset(_ view: PolicyView) {}
        func observe(_ view: PolicyView) {}
        func decide(_ view: PolicyView, targets: inout [Double]) -> Decision { .hold }
        var regimeBelief: Int? { nil }
    }

    func makeRunner(assetCount: Int) -> (any PolicyRunner)? { makeScript() }
}

/// Counts the months it observes along a path, and at each review checks the count: a wrong count
/// (state shared between paths or workers, a missed or repeated month) answers with targets that
/// do not sum to 1, which stops the run. Its targets move with the count, so the result depends on
/// the state being right.
final class MonthCounter: ScriptedPolicy.Script {
    var observed = 0
    var resets = 0
    override func reset(_ view: PolicyView) {
        observed = 0
        resets += 1
    }
    override func observe(_ view: PolicyView) { observed += 1 }
    override func decide(_ view: PolicyView, targets: inout [Double]) -> Decision {
        guard observed == view.month + 1 else {
            targets = [0.5, 0.4]
            return .trade
        }
        let tilt = Double(observed % 4) / 10  // 0, 0.1, 0.2, 0.3
        targets = [0.6 + tilt, 0.4 - tilt]
        return .trade
    }
}

func smallPlan(paths: Int = 600, months: Int? = nil, warmUp: Int = 0, policies: [any Policy]) throws -> SimulationPlan {
    var s = try ScenarioLoader.parse(validScenario, file: "s.yaml")
    s.paths = paths
    if let months { s.months = months }
    s.warmUpMonths = warmUp
    var plan = try s.plan()
    plan.policies = policies
    plan.benchmark = 0
    return plan
}

struct PolicyRunnerTests {
    @Test func aRunnerWithStateRunsTheSameInAnyNumberOfThreads() throws {
        let counting = ScriptedPolicy(name: "counter", initialWeights: [0.6, 0.4], makeScript: { MonthCounter() })
        let plan = try smallPlan(policies: [StaticPolicy(name: "core", targets: [1, 0], review: .never), counting])
        let one = try Simulator.run(plan, threads: 1)
        for threads in [2, 7] {
            let many = try Simulator.run(plan, threads: threads)
            #expect(many.records.elementsEqual(one.records) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
        // Every month was reviewed and accepted (a wrong count would have stopped the run).
        #expect(try one.values(policy: 1, .decisions).allSatisfy { $0 == 24 })
        #expect(try one.values(policy: 1, .annualTurnover).allSatisfy { $0 > 0 })
    }

    @Test func aMovingTargetTradesToItsNewTargetsAndItsBandsMoveWithThem() throws {
        // Month 0: +20% / -20% moves 50/50 to 60/40, beyond the 5-point band: the runner asks for
        // 80/20. Month 1: the second asset gains 50%, 72.7% is more than 5 points from 80%: the
        // runner writes other weights into its buffer but answers hold. Month 2: nothing moves; still
        // out of band around 80/20, so it is asked again (if the hold had moved the targets it would not be).
        final class Script: ScriptedPolicy.Script {
            override func decide(_ view: PolicyView, targets: inout [Double]) -> Decision {
                if view.month == 0 {
                    targets = [0.8, 0.2]
                    return .trade
                }
                targets = [view.weight(0), view.weight(1)]  // scribbled, then not used
                return .hold
            }
        }
        let policy = ScriptedPolicy(
            initialWeights: [0.5, 0.5], review: .bands(absolute: 0.05, relative: nil), makeScript: { Script() })
        let rules = AccountRules(initialWealth: 100, expenseRatios: [0, 0], costRates: [0.01, 0.01])
        let (net, outcome) = try runAccount(policy, returns: [[0.2, -0.2], [0, 0.5], [0, 0]], rules: rules)
        // Month 0: holdings 60/40; trades |80 - 60| + |20 - 40| = 40 at 1%: cost 0.4; 99.6 invested 80/20.
        #expect(abs(net[0] - (-0.004)) < 1e-15)
        #expect(abs(outcome.turnover - 40.0 / 2 / 100) < 1e-15)
        // Month 1: 79.68 and 19.92 * 1.5 = 29.88, no trade.
        #expect(abs(net[1] - (109.56 / 99.6 - 1)) < 1e-14)
        #expect(net[2] == 0)
        #expect(abs(outcome.terminalWealth - 109.56) < 1e-12)
        #expect(outcome.decisions == 3 && outcome.fallbacks == 0)
    }

    @Test(arguments: [
        ([0.6, 0.5], "sum to 1.1"), ([1.2, -0.2], "weight of asset0 is 1.2"), ([Double.nan, 1], "weight of asset0 is nan"),
        ([1.0], "1 weights for 2 assets"),
    ])
    func invalidTargetsStopTheRunNamingThePolicyAndMonth(targets: [Double], reason: String) throws {
        final class Script: ScriptedPolicy.Script {
            let answer: [Double]
            init(_ answer: [Double]) { self.answer = answer }
            override func decide(_ view: PolicyView, targets: inout [Double]) -> Decision {
                if view.month == 2 { targets = answer }
                return view.month == 2 ? .trade : .hold
            }
        }
        let policy = ScriptedPolicy(name: "faulty", initialWeights: [0.5, 0.5], makeScript: { Script(targets) })
        let rules = AccountRules(initialWealth: 1, expenseRatios: [0, 0], costRates: [0, 0])
        let failure = #expect(throws: PolicyFailure.self) {
            try runAccount(policy, returns: Array(repeating: [0.01, 0.02], count: 5), rules: rules)
        }
        #expect(failure?.policy == "faulty" && failure?.month == 2)
        #expect(failure?.description.contains(reason) == true, "\(failure?.description ?? "")")
    }

    @Test func theFailureReportedIsTheLowestPathWhateverTheThreads() throws {
        // Fails at month 23 of every path whose first two months gained: many paths, in every block.
        struct FailsLate: Policy {
            let name = "late"
            let initialWeights = [0.5, 0.5]
            let review = RebalanceRule.calendar(months: 1)
            func makeRunner(assetCount: Int) -> (any PolicyRunner)? { Late() }
            final class Late: PolicyRunner {
                func decide(_ view: PolicyView, targets: inout [Double]) -> Decision {
                    targets = view.month == 23 && view.ownReturn(month: 0) > 0 && view.ownReturn(month: 1) > 0 ? [1.2, -0.2] : [0.5, 0.5]
                    return .trade
                }
            }
        }
        let plan = try smallPlan(paths: 750, policies: [StaticPolicy(name: "core", targets: [1, 0], review: .never), FailsLate()])
        var reported: [PolicyFailure] = []
        for threads in [1, 2, 3] {
            do {
                _ = try Simulator.run(plan, threads: threads)
            } catch {
                reported.append(error)
            }
        }
        #expect(reported.count == 3)
        #expect(Set(reported.map(\.path)).count == 1 && reported[0].month == 23)
        // It is the first path on which the rule fails: run path by path to find it.
        let first = try #require(reported.first?.path)
        #expect(first > 0, "choose a rule that spares path 0, or this check proves nothing")
        if first > 0 {
            let shorter = try smallPlan(paths: first, policies: plan.policies)
            #expect(throws: Never.self) { _ = try Simulator.run(shorter, threads: 2) }
        }
    }

    @Test func fallbacksAreCountedAndReported() throws {
        final class Script: ScriptedPolicy.Script {
            override func decide(_ view: PolicyView, targets: inout [Double]) -> Decision {
                targets = [0.7, 0.3]
                return view.month % 4 == 0 ? .fallback(trade: true) : .trade
            }
        }
        let policy = ScriptedPolicy(initialWeights: [0.7, 0.3], makeScript: { Script() })
        let plan = try smallPlan(paths: 300, policies: [StaticPolicy(name: "core", targets: [1, 0], review: .never), policy])
        let result = try Simulator.run(plan, threads: 2)
        let summary = try RunSummary(scenario: "t", columns: result)
        #expect(summary.policies[1].decisions.mean == 24 && summary.policies[1].fallbacks.mean == 6)
        #expect(summary.policies[0].decisions.mean == 0)
        let json = JSONReport.render(summary)
        #expect(json.contains("\"fallbacks\": {\n        \"per_path\": 6\n"))
    }
}

struct LookAheadTests {
    /// Records everything the runner reads of the market at each review.
    final class Recorder: ScriptedPolicy.Script {
        var seen: [[Double]] = []
        override func decide(_ view: PolicyView, targets: inout [Double]) -> Decision {
            seen.append((-view.warmUpMonths...view.month).flatMap { m in (0..<view.assetCount).map { view.assetReturn(month: m, $0) } })
            return .hold
        }
    }

    @Test func aDecisionAtMonthTDoesNotChangeWhenLaterReturnsChange() throws {
        let rules = AccountRules(initialWealth: 1, expenseRatios: [0, 0], costRates: [0, 0])
        let path = (0..<12).map { [Double($0) / 100, -Double($0) / 200] }
        var altered = path
        for t in 6..<12 { altered[t] = [0.5, -0.5] }
        let a = Recorder(), b = Recorder()
        let policy = ScriptedPolicy(initialWeights: [0.5, 0.5], makeScript: { Recorder() })
        _ = try runAccount(policy, returns: path, rules: rules, warmUp: 2, runner: a)
        _ = try runAccount(policy, returns: altered, rules: rules, warmUp: 2, runner: b)
        // Reviews at months 0...9 (rows 2...11): the first four saw rows up to 5 only.
        #expect(a.seen.count == 10)
        #expect(a.seen[..<4] == b.seen[..<4])
        #expect(a.seen[4] != b.seen[4])
        #expect(a.seen[0] == Array(path[0...2].joined()))  // two warm-up months and month 0
    }

    @Test func readingTheNextMonthStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            final class Peeker: ScriptedPolicy.Script {
                override func decide(_ view: PolicyView, targets: inout [Double]) -> Decision {
                    _ = view.assetReturn(month: view.month + 1, 0)
                    return .hold
                }
            }
            let policy = ScriptedPolicy(initialWeights: [0.5, 0.5], makeScript: { Peeker() })
            let rules = AccountRules(initialWealth: 1, expenseRatios: [0, 0], costRates: [0, 0])
            _ = try? runAccount(policy, returns: [[0, 0], [0, 0]], rules: rules)
        }
    }

    @Test func regimesAreHiddenUnlessThePolicyMayReadThem() async {
        await #expect(processExitsWith: .failure) {
            final class Peeker: ScriptedPolicy.Script {
                override func decide(_ view: PolicyView, targets: inout [Double]) -> Decision {
                    _ = view.regime(month: view.month)
                    return .hold
                }
            }
            let policy = ScriptedPolicy(initialWeights: [0.5, 0.5], makeScript: { Peeker() })
            let rules = AccountRules(initialWealth: 1, expenseRatios: [0, 0], costRates: [0, 0])
            _ = try? runAccount(policy, returns: [[0, 0], [0, 0]], rules: rules)
        }
    }

    @Test func aLaggedRegimeIsReadableOnlyLagMonthsLate() throws {
        final class Reader: ScriptedPolicy.Script {
            var known: [Int] = []
            override func decide(_ view: PolicyView, targets: inout [Double]) -> Decision {
                known.append(view.month - 2 >= -view.warmUpMonths ? view.regime(month: view.month - 2) : -1)
                return .hold
            }
        }
        var policy = ScriptedPolicy(initialWeights: [0.5, 0.5], makeScript: { Reader() })
        policy.regimeAccess = .known(lag: 2)
        let reader = Reader()
        let rules = AccountRules(initialWealth: 1, expenseRatios: [0, 0], costRates: [0, 0])
        _ = try runAccount(policy, returns: Array(repeating: [0, 0], count: 5), rules: rules, warmUp: 1, regimes: [7, 0, 1, 0, 1], runner: reader)
        // Month m is row m + 1; at month 0 the regime of month -2 is before the history.
        #expect(reader.known == [-1, 7, 0, 1])
    }
}

struct WarmUpTests {
    /// Checks at reset that it sees exactly the warm-up months and that they are the model's draws.
    final class HistoryCheck: ScriptedPolicy.Script {
        var firstRows: [[Double]] = []
        override func reset(_ view: PolicyView) {
            firstRows.append((0..<view.assetCount).map { view.assetReturn(month: -view.warmUpMonths, $0) })
        }
    }

    @Test func warmUpMonthsComeFromTheSameModelBeforeMonthZero() throws {
        let checker = HistoryCheck()
        var policy = ScriptedPolicy(initialWeights: [0.5, 0.5], makeScript: { HistoryCheck() })
        policy.historyNeeded = 12
        let plan = try smallPlan(paths: 1, warmUp: 12, policies: [policy])
        // The path the model draws for this block: 12 warm-up rows, then the 24 months.
        let random = RandomSource(plan.generator, seed: SeedMixer.blockSeed(seed: plan.seed, block: 0))
        var rows = [Double](repeating: 0, count: 36 * 2)
        var regimes = [Int32](repeating: 0, count: 36)
        rows.withUnsafeMutableBufferPointer { r in
            regimes.withUnsafeMutableBufferPointer { g in plan.model.generatePath(months: 36, random: random, returns: r, regimes: g) }
        }
        let rules = plan.rules
        let (net, _) = try runAccount(
            policy, returns: (0..<36).map { Array(rows[($0 * 2)..<($0 * 2 + 2)]) }, rules: rules, warmUp: 12,
            regimes: regimes, runner: checker)
        let result = try Simulator.run(plan, threads: 1)
        #expect(checker.firstRows == [Array(rows[0..<2])])
        // The run's figures start at month 0: its CAGR is that of the 24 months after the warm-up.
        let growth = net.reduce(1) { $0 * (1 + $1) }
        #expect(abs(try result.values(policy: 0, .cagr)[0] - (pow(growth, 12.0 / 24) - 1)) < 1e-12)
        // Regime shares count months 0...23 only.
        let calm = regimes[12...].filter { $0 == 0 }.count
        #expect(try result.regimeShares(0)[0] == Double(calm) / 24)
    }

    @Test func aScenarioSetsItsWarmUpAndAddingAPolicyNeverChangesThePaths() throws {
        let text = replacing("months: 24", with: "months: 24\nwarm_up_months: 6")
        let s = try ScenarioLoader.parse(text, file: "s.yaml")
        #expect(s.warmUpMonths == 6)
        let plain = try Simulator.run(try s.plan(), threads: 2)
        var more = try s.plan()
        more.policies.append(StaticPolicy(name: "extra", targets: [0.2, 0.8], review: .never))
        let extended = try Simulator.run(more, threads: 2)
        #expect(try plain.values(policy: 1, .cagr) == extended.values(policy: 1, .cagr))
        // Warm-up changes what month 0 is (the chain and the draws start earlier), not the months' count.
        let without = try Simulator.run(try ScenarioLoader.parse(validScenario, file: "s.yaml").plan(), threads: 2)
        #expect(try plain.values(policy: 1, .cagr) != without.values(policy: 1, .cagr))
        #expect(scenarioError(replacing("months: 24", with: "months: 24\nwarm_up_months: -1"))?.reason
            == "-1 warm-up months is out of range 0...1200")
    }
}
