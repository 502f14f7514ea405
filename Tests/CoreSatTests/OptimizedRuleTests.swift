import Foundation
import GSLKit
import Optimizer
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// The optimize rule along a path: it waits for a full window, then each review's sleeve is the
/// optimizer's answer on the batch estimate of the trailing window (the running sums agree with it).
struct OptimizedRuleTests {
    /// Seeded monthly returns for [core, a, b, c]: `months` rows.
    func returns(months: Int, seed: UInt32 = 7) throws -> [[Double]] {
        let random = RandomSource(seed: seed)
        let vols = [0.04, 0.05, 0.03, 0.07]
        var normals = [Double](repeating: 0, count: 5)
        return (0..<months).map { _ in
            normals.withUnsafeMutableBufferPointer { random.fillNormals($0) }
            return vols.indices.map { 0.006 + vols[$0] * (0.6 * normals[4] + 0.8 * normals[$0]) }
        }
    }

    func rule(_ objective: PortfolioObjective, window: Int, upper: Double = 1) -> OptimizedRule {
        OptimizedRule(
            objective: objective, constraints: PortfolioConstraints(assets: 3, upper: upper), window: window,
            estimator: .ledoitWolf, names: ["a", "b", "c"])
    }

    @Test(arguments: [PortfolioObjective.minimumVariance, .riskBudget([0.5, 0.25, 0.25]), .maximumSharpe(riskFree: 0.001)])
    func eachReviewSolvesTheTrailingWindow(_ objective: PortfolioObjective) throws {
        let rows = try returns(months: 60)
        let window = 24
        let run = targetsAlongPath(rotation(rule(objective, window: window, upper: objective == .minimumVariance ? 0.6 : 1)), returns: rows)
        let optimizer = PortfolioOptimizer()
        for t in 0..<rows.count {
            guard t + 1 >= window else {
                expectTargets(run.targets[t], rotationBase, "month \(t): waiting for the window")
                continue
            }
            let recent = rows[(t + 1 - window)...t].flatMap { $0.dropFirst() }
            let estimate = try MomentEstimate.estimate(returns: Array(recent), months: window, assets: 3, covariance: .ledoitWolf)
            let inputs = PortfolioInputs(names: ["a", "b", "c"], mean: estimate.mean, covariance: estimate.covariance)
            var constraints = PortfolioConstraints(assets: 3)
            if objective == .minimumVariance { constraints.upper = [0.6, 0.6, 0.6] }
            let status = optimizer.solve(objective, inputs: inputs, constraints: constraints)
            try #require(status == .optimal)
            let want = [0.6] + optimizer.weights.map { 0.4 * $0 }
            #expect(
                zip(run.targets[t], want).allSatisfy { abs($0 - $1) <= 1e-9 }, "month \(t): \(run.targets[t]) != \(want)")
            #expect(!run.decisions[t].isFallback)
        }
    }

    /// Two satellites with the same returns make the window's covariance singular: minimum variance
    /// cannot be solved, so the rule keeps the base sleeve (no optimized sleeve yet) as a fallback.
    @Test func aSingularWindowFallsBackToTheLatestSleeve() throws {
        let rows = try returns(months: 30).map { [$0[0], $0[1], $0[1], $0[3]] }
        let optimized = OptimizedRule(
            objective: .minimumVariance, constraints: PortfolioConstraints(assets: 3), window: 12, estimator: .sample,
            names: ["a", "b", "c"])
        let run = targetsAlongPath(rotation(optimized), returns: rows)
        for t in 11..<30 {
            #expect(run.decisions[t].isFallback, "month \(t)")
            expectTargets(run.targets[t], rotationBase, "month \(t)")
        }
    }

    /// Every objective loads and runs in a simulation, the same on any thread count.
    @Test(arguments: [
        "{kind: optimize, objective: minimum-variance, window_months: 6, max_weight: 0.6}",
        "{kind: optimize, objective: maximum-sharpe, window_months: 6, covariance: ledoit-wolf, groups: [{name: g, assets: [growth, value], max: 0.7}]}",
        "{kind: optimize, objective: mean-variance, risk_aversion: 4, window_months: 6, covariance: constant-correlation}",
        "{kind: optimize, objective: target-return, target_return: 0.05, window_months: 6}",
        "{kind: optimize, objective: target-volatility, target_volatility: 0.12, window_months: 6, covariance: exponential, half_life_months: 4}",
        "{kind: optimize, objective: risk-parity, window_months: 6, among: [growth, value, lowvol]}",
        "{kind: optimize, objective: risk-budget, budgets: {growth: 0.5, value: 0.3, lowvol: 0.2}, window_months: 6, among: [growth, value, lowvol]}",
        "{kind: optimize, objective: risk-budget, budgets: {growth+value: 0.6, lowvol: 0.4}, window_months: 6}",
        "{kind: optimize, objective: maximum-diversification, window_months: 6, bounds: {growth: [0.1, 0.5]}}",
        "{kind: optimize, objective: tracking-error, tracking_error: 0.01, window_months: 6}",
        "{kind: optimize, objective: minimum-variance, estimates: known, max_weight: 0.6}",
        "{kind: optimize, objective: minimum-variance, window_months: 6, turnover: 0.1}",
        "{kind: optimize, objective: factor-exposure, exposures: {growth: {value: -1, size: 0.5}, value: {value: 1, size: 0.2}, lowvol: {value: 0.3, size: -0.5}}, maximize: value, neutral: [size]}",
        "{kind: optimize, objective: maximum-sharpe, window_months: 6, turnover: 0.2, max_weight: 0.8}",
        "{kind: optimize, objective: tracking-error, tracking_error: 0.01, estimates: known}",
        "{kind: optimize, objective: maximum-sharpe, estimates: known}",
        "{kind: optimize, objective: tracking-error, tracking_error: 0.01, estimates: known, regime: filtered}",
    ])
    func everyObjectiveLoadsAndRuns(_ rule: String) throws {
        let text = rotationScenario.replacingOccurrences(of: "RULE", with: rule)
        let scenario = try ScenarioLoader.parse(text, file: "r.yaml")
        let plan = try scenario.plan()
        let one = try Simulator.run(plan, threads: 1)
        let two = try Simulator.run(plan, threads: 2)
        #expect(one.records.elementsEqual(two.records) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(rule)")
        #expect(try one.values(policy: 1, .terminalWealth).allSatisfy { $0.isFinite && $0 > 0 }, "\(rule)")
    }

    /// Maximum exposure to value with size held at the base sleeve's (0.5 x 0.5 + 0.3 x 0.2 - 0.2 x
    /// 0.5 = 0.21): the vertex growth 1/30, value 29/30 (worked by hand over the LP's vertices), from
    /// the first review on, as it reads no estimates.
    @Test func factorExposureIsTheLinearProgramsVertex() throws {
        let problem = FactorExposureProblem(
            factorNames: ["value", "size"], exposures: [-1, 1, 0.3, 0.5, 0.2, -0.5], target: 0,
            neutral: [.init(factor: 1, value: 0.21, tolerance: 0)])
        let rule = OptimizedRule(
            objective: .factorExposure(problem), constraints: PortfolioConstraints(assets: 3), estimates: .none,
            names: ["growth", "value", "lowvol"])
        let run = targetsAlongPath(rotation(rule), returns: threeMonths)
        for t in 0..<3 { expectTargets(run.targets[t], [0.6, 0.4 / 30, 0.4 * 29 / 30, 0], "month \(t)") }
    }

    @Test func aFilteredRegimeNeedsKnownEstimates() throws {
        let e = try #require(rotationError("{kind: optimize, objective: minimum-variance, window_months: 6, regime: filtered}"))
        #expect(e.keyPath == "policies[1].rule.regime")
        #expect(e.reason == "regime applies only to estimates: known")
        let text = rotationScenario.replacingOccurrences(
            of: "RULE", with: "{kind: optimize, objective: minimum-variance, estimates: known, regime: filtered}")
        let plan = try ScenarioLoader.parse(text, file: "r.yaml").plan()
        #expect(plan.policies[1].knowsParameters && plan.policies[1].regimeAccess == .none)
    }

    @Test func knownEstimatesTakeNoWindow() throws {
        let e = try #require(rotationError("{kind: optimize, objective: minimum-variance, estimates: known, window_months: 6}"))
        #expect(e.keyPath == "policies[1].rule.window_months")
        #expect(e.reason == "window_months applies only to estimates: trailing")
    }

    /// Perfect knowledge of a two-regime market reads the regime of the month just ended; of a
    /// one-regime market, nothing but the parameters.
    @Test func knownEstimatesReadTheRegimeOnlyWhenThereAreRegimes() throws {
        let text = rotationScenario.replacingOccurrences(of: "RULE", with: "{kind: optimize, objective: minimum-variance, estimates: known}")
        let plan = try ScenarioLoader.parse(text, file: "r.yaml").plan()
        #expect(plan.policies[1].knowsParameters)
        #expect(plan.policies[1].regimeAccess == .known(lag: 0))
        #expect(!plan.policies[0].knowsParameters)
    }

    @Test func settingsOfAnotherObjectiveAreRefused() throws {
        let e = try #require(rotationError("{kind: optimize, objective: minimum-variance, window_months: 6, risk_aversion: 2}"))
        #expect(e.keyPath == "policies[1].rule.risk_aversion")
        #expect(e.reason == "risk_aversion applies only with objective: mean-variance")
    }

    @Test func boundsThatCannotFillTheSleeveAreRefused() throws {
        let e = try #require(rotationError("{kind: optimize, objective: minimum-variance, window_months: 6, max_weight: 0.2}"))
        #expect(e.keyPath == "policies[1].rule.max_weight")
        #expect(e.reason.contains("upper bounds sum to"), "\(e.reason)")
    }

    @Test func constraintsNoSleeveMeetsAreRefusedWhenRead() throws {
        let e = try #require(rotationError(
            "{kind: optimize, objective: minimum-variance, window_months: 6, max_weight: 0.4, groups: [{name: g, assets: [growth, value], min: 0.9}]}"))
        #expect(e.keyPath == "policies[1].rule.groups")
        #expect(e.reason.hasPrefix("no weights meet these constraints together") && e.reason.contains("group g >= 0.9"), "\(e.reason)")
    }

    @Test func aSampleCovarianceNeedsMoreMonthsThanSatellites() throws {
        let e = try #require(rotationError("{kind: optimize, objective: minimum-variance, window_months: 3}"))
        #expect(e.keyPath == "policies[1].rule.window_months")
        #expect(e.reason.contains("is singular"))
        #expect(rotationError("{kind: optimize, objective: minimum-variance, window_months: 3, covariance: ledoit-wolf}") == nil)
    }

    @Test func riskBudgetsTakeNoBounds() throws {
        let e = try #require(rotationError("{kind: optimize, objective: risk-parity, window_months: 6, max_weight: 0.5}"))
        #expect(e.keyPath == "policies[1].rule.objective")
        #expect(e.reason.contains("risk budgeting takes no weight bounds"))
    }

    @Test func anEstimationWindowMustFitTheHistory() throws {
        let e = try #require(rotationError("{kind: optimize, objective: minimum-variance, window_months: 31}"))
        #expect(e.keyPath == "policies[1].rule.window_months")
        #expect(e.reason.contains("longer than the horizon plus warm-up"))
    }
}

/// On recorded history there are no true parameters to know.
struct OptimizedRuleHistoryTests {
    @Test func knownEstimatesNeedAParametricMarket() throws {
        let rows: [String] = (0..<40).map { (m: Int) -> String in
            let month = String(format: "%04d-%02d", 2000 + m / 12, m % 12 + 1)
            return month + ",0.01,0.02,0.005"
        }
        let data = try temporaryDataset("# coresat dataset 1\nmonth,C,A,B\n" + rows.joined(separator: "\n") + "\n")
        let text = """
            name: h
            assets:
              - {id: core, sleeve: core, kind: broad}
              - {id: a, sleeve: satellite, kind: smart-beta}
              - {id: b, sleeve: satellite, kind: smart-beta}
            market: {model: historical, data: \(data), columns: {core: C, a: A, b: B}}
            policies:
              - {name: static, core: 0.7, core_weights: equal, satellite_weights: equal}
              - {name: known, core: 0.7, core_weights: equal, satellite_weights: equal, rule: {kind: optimize, objective: minimum-variance, estimates: known}}
            """
        let e = try #require(inputError { () throws(InputError) in _ = try ScenarioLoader.parse(text, file: "/tmp/h.yaml") })
        #expect(e.keyPath == "policies[1].rule.estimates")
        #expect(e.reason.contains("a recorded market has no true parameters"))
    }

    func temporaryDataset(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("known-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

/// A turnover limit along a path whose holdings are the latest targets (no drift between reviews):
/// each review moves the sleeve by at most the limit, and would move it more without one.
struct OptimizedTurnoverTests {
    /// Targets at each month end, the runner reading holdings equal to the previous targets.
    func targetsFollowingHoldings(_ policy: any Policy, returns: [[Double]]) -> [[Double]] {
        let n = returns[0].count, months = returns.count
        let flat = returns.flatMap { $0 }, logs = flat.map { Foundation.log1p($0) }
        let labels = [Int32](repeating: 0, count: months), net = [Double](repeating: 0, count: months)
        let holdings = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { holdings.deallocate() }
        holdings.initialize(from: policy.initialWeights, count: n)
        let runner = policy.makeRunner(assetCount: n)!
        var targets = [Double](repeating: 0, count: n), out: [[Double]] = []
        flat.withUnsafeBufferPointer { r in
            logs.withUnsafeBufferPointer { x in
                labels.withUnsafeBufferPointer { g in
                    net.withUnsafeBufferPointer { o in
                        func view(_ t: Int) -> PolicyView {
                            PolicyView(
                                month: t, warmUpMonths: 0, assetCount: n, value: 1, returns: r.baseAddress!, logReturns: x.baseAddress!,
                                regimes: g.baseAddress!, access: .none, holdings: holdings, netReturns: o.baseAddress!)
                        }
                        runner.reset(view(-1))
                        for t in 0..<months {
                            runner.observe(view(t))
                            _ = runner.decide(view(t), targets: &targets)
                            out.append(targets)
                            holdings.update(from: targets, count: n)
                        }
                    }
                }
            }
        }
        return out
    }

    func sleeveMoves(_ path: [[Double]]) -> [Double] {
        zip(path, path.dropFirst()).map { a, b in (1..<4).reduce(0) { $0 + abs(a[$1] - b[$1]) } / 0.4 }
    }

    @Test func eachReviewMovesTheSleeveByAtMostTheLimit() throws {
        let rows = try OptimizedRuleTests().returns(months: 60)
        func rule(_ turnover: Double?) -> RotationPolicy {
            var constraints = PortfolioConstraints(assets: 3)
            if let turnover { constraints.turnover = .init(current: [0.5, 0.3, 0.2], limit: turnover) }
            return rotation(OptimizedRule(
                objective: .minimumVariance, constraints: constraints, window: 12, estimator: .sample, names: ["a", "b", "c"]))
        }
        let limited = sleeveMoves(targetsFollowingHoldings(rule(0.05), returns: rows))
        let free = sleeveMoves(targetsFollowingHoldings(rule(nil), returns: rows))
        #expect(limited.allSatisfy { $0 <= 0.05 + 1e-12 }, "\(limited.max() ?? 0)")
        #expect((free.max() ?? 0) > 0.05, "the limit must matter on this path")
    }
}
