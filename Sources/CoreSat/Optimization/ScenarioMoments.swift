import CoreSatEngine
import Optimizer

/// A scenario's market as optimizer inputs: a parametric market's long-run simple-return moments
/// (regimes mixed by the chain's stationary distribution, nominal drifts), or a recorded market's
/// months through an estimator.
public enum ScenarioMoments {
    public static func inputs(
        _ scenario: Scenario, assets requested: [String]?, estimator: CovarianceEstimator
    ) throws(InputError) -> (inputs: PortfolioInputs, source: String) {
        let ids = scenario.assets.map(\.id)
        var universe: [Int] = []
        for id in requested ?? ids {
            guard let i = ids.firstIndex(of: id) else { throw InputError(file: "--assets", reason: ScenarioLoader.unknownAsset(id, ids)) }
            guard !universe.contains(i) else { throw InputError(file: "--assets", reason: "asset '\(id)' is listed twice") }
            universe.append(i)
        }
        guard !universe.isEmpty else { throw InputError(file: "--assets", reason: "name at least one asset") }
        let names = universe.map { ids[$0] }
        let market = scenario.marketName.map { ", market \($0)" } ?? ""
        switch scenario.market {
        case .markov(let spec):
            let moments = KnownMarket(spec).longRunMoments(universe: universe)
            let source = "\(scenario.file)\(market): the model's long-run moments"
                + (spec.regimes.count > 1 ? " (regimes at their long-run shares)" : "")
            return (PortfolioInputs(names: names, mean: moments.mean, covariance: moments.covariance), source)
        case .recorded(let recorded, _):
            let rows = recorded.rows.map { row in universe.map { row[$0] } }
            let estimate: MomentEstimate
            do {
                estimate = try MomentEstimate.estimate(
                    returns: rows.flatMap { $0 }, months: rows.count, assets: universe.count, covariance: estimator)
            } catch {
                throw InputError(file: scenario.file, reason: "cannot estimate from the recorded months: \(error.reason)")
            }
            var source = "\(scenario.file)\(market): \(rows.count) recorded months from \(recorded.firstMonth)"
            if let shrinkage = estimate.shrinkage { source += ", shrinkage \(String(format: "%.4f", shrinkage))" }
            return (PortfolioInputs(names: names, mean: estimate.mean, covariance: estimate.covariance), source)
        case .indexLab:
            // Built indices have no moments in closed form: they come out of the simulation.
            throw InputError(file: scenario.file, reason: "an index lab's indices have no known moments; estimate them from "
                + "a run's exported returns, or use an optimize rule with a trailing window")
        }
    }
}
