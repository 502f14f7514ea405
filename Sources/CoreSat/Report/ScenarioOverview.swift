import CoreSatEngine
import Foundation

/// What a scenario sets up, for the top of the HTML report: its facts as label and value pairs
/// (the market and how it is modelled, horizon, paths, seed, benchmark, costs, fees, cash flows,
/// risk-free rate), then the assets and policies tables that `coresat validate` prints.
public enum ScenarioOverview {
    public static func blocks(for s: Scenario) -> [ReportBlock] {
        [
            .facts(facts(s)), .heading("Assets"), .table(AssetTable.assets(s)), .heading("Policies"),
            .table(AssetTable.policies(s)),
        ]
    }

    static func facts(_ s: Scenario) -> [(String, String)] {
        var facts: [(String, String)] = [("scenario", s.name)]
        if let name = s.marketName {
            let others = s.marketNames.filter { $0 != name }
            facts.append(
                (
                    "market",
                    name + (others.isEmpty ? "" : " (the scenario also names \(others.joined(separator: ", ")))")
                ))
        }
        facts += market(s)
        facts.append(
            (
                "horizon",
                horizon(months: s.months) + (s.warmUpMonths > 0 ? ", after \(s.warmUpMonths) warm-up months" : "")
            ))
        facts.append(("paths", paths(s)))
        facts.append(("seed", String(s.seed)))
        facts.append(("generator", s.generator.rawValue))
        if s.policies.indices.contains(s.benchmark) { facts.append(("benchmark", s.policies[s.benchmark].name)) }
        facts.append(("initial wealth", TableReport.money(s.rules.initialWealth)))
        facts.append(("transaction costs", costs(s.rules.costRates, assets: s.assets)))
        facts.append(("fees", fees(s.assets)))
        facts.append(("cash flows", cashFlow(s.rules.cashFlow)))
        let rate = TableReport.percent(s.riskFreeAnnual) + " a year"
        facts.append(("risk-free rate", s.market.riskFreeAnnual == nil ? rate : rate + " (from the data)"))
        if let sweep = s.sweep {
            let parameters = sweep.parameters.map { "\($0.name) (\($0.values.joined(separator: ", ")))" }
            facts.append(
                ("sweep", "\(sweep.policy) over \(parameters.joined(separator: " x ")): \(sweep.cellCount) cells"))
        }
        let pairs = s.comparisons.compactMap { pair -> String? in
            guard s.policies.indices.contains(pair.policy), s.policies.indices.contains(pair.against) else {
                return nil
            }
            return "\(s.policies[pair.policy].name) against \(s.policies[pair.against].name)"
        }
        if !pairs.isEmpty { facts.append(("compared", pairs.joined(separator: "; "))) }
        return facts
    }

    /// How the market is modelled: what `validate` says of a recorded market; for a simulated
    /// one its regimes, shocks and drift uncertainty.
    static func market(_ s: Scenario) -> [(String, String)] {
        switch s.market {
        case .recorded(let market, let use):
            return [("model", market.describe(use))]
        case .markov(let spec):
            let names = spec.regimes.map(\.name)
            let regimes =
                names.count == 1
                ? "1 regime" : "\(names.count) regimes (\(names.joined(separator: ", "))), Markov switching"
            var facts = [("model", "simulated, \(regimes)"), ("shocks", shocks(spec.innovations))]
            if let drift = spec.driftUncertainty, let text = driftUncertainty(drift, assets: s.assets, regimes: names) {
                facts.append(("drift uncertainty", text))
            }
            return facts
        case .indexLab(let lab):
            let names = lab.universe.regimes.map(\.name)
            return [
                ("model", "index lab: \(lab.indices.count) indices built by rule from a simulated universe of "
                    + "\(lab.universe.stocks) stocks in \(lab.universe.industryNames.count) industries"),
                ("regimes", names.count == 1 ? "1" : "\(names.count) (\(names.joined(separator: ", "))), Markov switching"),
            ]
        }
    }

    static func shocks(_ innovations: Innovations) -> String {
        switch innovations {
        case .normal: "normal"
        case .studentT(let nu): "Student-t, \(YAMLCursor.show(nu)) degrees of freedom"
        }
    }

    /// Years of data behind the drifts, one figure if every asset has the same; nil if none has any.
    static func driftUncertainty(_ d: DriftUncertainty, assets: [Asset], regimes: [String]) -> String? {
        let years = zip(assets, d.monthsOfData).compactMap { asset, months in
            months.map { (asset.id, YAMLCursor.show($0 / 12)) }
        }
        guard let first = years.first else { return nil }
        let same = years.count == assets.count && years.allSatisfy { $0.1 == first.1 }
        let sources =
            same
            ? "\(first.1) years of data behind every asset's figures"
            : "years of data behind the figures: " + years.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        let regime =
            regimes.count > 1 && regimes.indices.contains(d.regime)
            ? " (spread from the \(regimes[d.regime]) regime)" : ""
        return "each path draws its own drifts; \(sources)\(regime)"
    }

    /// "120 months (10 years)"
    static func horizon(months: Int) -> String {
        let years = Double(months) / 12
        let text = months % 12 == 0 ? String(months / 12) : String(format: "%.1f", years)
        return "\(months) month\(months == 1 ? "" : "s") (\(text) year\(months == 12 ? "" : "s"))"
    }

    static func paths(_ s: Scenario) -> String {
        let count = OverfittingReport.grouped(s.paths)
        guard s.market.fixedShape != nil else { return count }
        return s.paths == 1 ? "1 (the recorded months, once)" : "\(count) (one per window)"
    }

    /// As the scenario states them: one rate for most assets, and the assets that differ.
    static func costs(_ rates: [Double], assets: [Asset]) -> String {
        let bps = rates.map { YAMLCursor.show($0 * 10_000) }
        let counts = bps.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        // The most frequent rate; of equally frequent ones, the first asset's.
        guard let common = bps.max(by: { counts[$0, default: 0] < counts[$1, default: 0] }) else { return "none" }
        let others = zip(assets, bps).filter { $0.1 != common }.map { "\($0.0.id) \($0.1) bps" }
        let base = common == "0" ? "none" : "\(common) bps of traded value"
        return others.isEmpty ? base : base + "; " + others.joined(separator: ", ")
    }

    static func fees(_ assets: [Asset]) -> String {
        let ratios = assets.map(\.expenseRatio)
        guard let low = ratios.min(), let high = ratios.max(), high > 0 else { return "none" }
        if low == high { return TableReport.percent(low) + " a year for every asset" }
        return
            "\(TableReport.percent(low)) to \(TableReport.percent(high)) a year by asset (fee/yr in the assets table)"
    }

    static func cashFlow(_ plan: CashFlowPlan?) -> String {
        guard let plan, plan.monthlyAmount != 0 else { return "none" }
        let kind = plan.monthlyAmount > 0 ? "contributions" : "withdrawals"
        let indexed =
            plan.inflationAnnual == 0
            ? "" : ", indexed to inflation of \(TableReport.percent(plan.inflationAnnual)) a year"
        return "\(kind) of \(TableReport.money(abs(plan.monthlyAmount))) a month at each month end\(indexed)"
    }
}
