import CoreSatEngine
import GSLKit

/// The market model a scenario asks for: a closed set of kinds, each with its own loader and
/// builder. Adding a model is one case here and one file with its loader and `ReturnModel`.
public enum MarketModelSpec: Sendable, Equatable {
    /// Normal, Student-t or Markov regime-switching log returns (one regime for the first two).
    case markov(MarketSpec)
    /// Months from a dataset, replayed or resampled.
    case recorded(RecordedMarket, RecordedMarketUse)
    /// Indices built by rules from a simulated stock universe (`IndexLabLoader`).
    case indexLab(IndexLabSpec)

    enum Model: String, CaseIterable {
        case normal
        case studentT = "student-t"
        case regimeSwitching = "regime-switching"
        case historical, bootstrap
        case indexLab = "index-lab"
    }

    /// Reads `market:`, dispatching on its `model:` word.
    static func read(_ cursor: YAMLCursor, assets: [String], warmUpMonths: Int) throws(InputError) -> MarketModelSpec {
        guard let word = try cursor.entries().first(where: { $0.0 == "model" })?.1.value else {
            throw cursor.error("missing required key 'model'")
        }
        let model = try word.choice(Model.self)
        switch model {
        case .historical, .bootstrap:
            return try RecordedMarketLoader.read(cursor, bootstrap: model == .bootstrap, assets: assets, warmUpMonths: warmUpMonths)
        case .normal, .studentT, .regimeSwitching:
            return .markov(try MarketLoader.read(cursor, assets: assets))
        case .indexLab:
            return .indexLab(try IndexLabLoader.read(cursor, assets: assets, warmUpMonths: warmUpMonths))
        }
    }

    public var regimeNames: [String] {
        switch self {
        case .markov(let spec): spec.regimes.map(\.name)
        case .recorded(let market, _): market.regimeNames
        case .indexLab(let lab): lab.universe.regimes.map(\.name)
        }
    }

    /// The paths and months the market itself fixes (a replay: one path per window); nil: the
    /// scenario's `paths` and `months`.
    public var fixedShape: (paths: Int, months: Int)? {
        guard case .recorded(_, .replay(let starts, _, let months)) = self else { return nil }
        return (starts.count, months)
    }

    /// The risk-free rate a recorded market takes from its data (`risk_free: COLUMN`).
    public var riskFreeAnnual: Double? {
        guard case .recorded(let market, _) = self else { return nil }
        return market.riskFree?.annual
    }

    /// The calendar month of month 0 on the first path, when paths are dated (a replay).
    public var firstMonth: YearMonth? {
        guard case .recorded(let market, .replay(let starts, let warmUp, _)) = self else { return nil }
        return market.month(starts[0] + warmUp)
    }

    /// For rolling windows, the months between one window's start and the next's.
    public var windowEvery: Int? {
        guard case .recorded(_, .replay(let starts, _, _)) = self, starts.count > 1 else { return nil }
        return starts[1] - starts[0]
    }

    func build() throws(GSLError) -> any ReturnModel {
        switch self {
        case .markov(let spec): return try MarkovSwitchingModel(spec)
        case .recorded(let market, .replay(let starts, let warmUp, let months)):
            return HistoricalReplay(history: market.recorded, windowStarts: starts, windowMonths: warmUp + months)
        case .recorded(let market, .bootstrap(let meanBlock, let chain)):
            return BlockBootstrap(history: market.recorded, meanBlockMonths: meanBlock, chain: chain)
        case .indexLab(let lab):
            return IndexLabModel(lab)
        }
    }
}
