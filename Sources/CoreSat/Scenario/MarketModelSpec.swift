import CoreSatEngine
import GSLKit

/// The market model a scenario asks for: a closed set of kinds, each with its own loader and
/// builder. Adding a model is one case here and one file with its loader and `ReturnModel`.
public enum MarketModelSpec: Sendable, Equatable {
    /// Normal, Student-t or Markov regime-switching log returns (one regime for the first two).
    case markov(MarketSpec)

    /// Reads `market:`, dispatching on its `model:` word.
    static func read(_ cursor: YAMLCursor, assets: [String]) throws(InputError) -> MarketModelSpec {
        // Every model word today belongs to the Markov family, whose loader checks the word itself.
        .markov(try MarketLoader.read(cursor, assets: assets))
    }

    public var regimeNames: [String] {
        switch self {
        case .markov(let spec): spec.regimes.map(\.name)
        }
    }

    func build() throws(GSLError) -> any ReturnModel {
        switch self {
        case .markov(let spec): try MarkovSwitchingModel(spec)
        }
    }
}
