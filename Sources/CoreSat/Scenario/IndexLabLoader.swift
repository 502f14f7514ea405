import CoreSatEngine
import GSLKit

/// Reads `market: {model: index-lab, universe: ..., indices: [...]}`: a simulated stock universe
/// and the index rules that build the scenario's assets from it, one index per asset id.
enum IndexLabLoader {
    enum Preset: String, CaseIterable {
        case aShare = "a-share"
    }

    enum Review: String, CaseIterable {
        case monthly, quarterly, semiannual, annual

        var months: Int {
            switch self {
            case .monthly: 1
            case .quarterly: 3
            case .semiannual: 6
            case .annual: 12
            }
        }
    }

    enum Segment: String, CaseIterable {
        case all, large, mid, small, micro

        var segment: SizeSegment {
            switch self {
            case .all: .all
            case .large: .large
            case .mid: .mid
            case .small: .small
            case .micro: .micro
            }
        }
    }

    static let indexKeys = [
        "id", "segment", "select", "weighting", "stock_cap", "industry_cap", "buffer", "review", "trading_cost",
    ]

    static func read(_ cursor: YAMLCursor, assets: [String], warmUpMonths: Int) throws(InputError) -> IndexLabSpec {
        let m = try cursor.mapping(allowed: ["model", "universe", "indices"])
        let universe = try readUniverse(m.required("universe"))
        let list = try m.required("indices")
        var byID: [String: (LabIndex, YAMLCursor)] = [:]
        for item in try list.sequence() {
            let index = try readIndex(item)
            if byID[index.id] != nil { throw item.error("index '\(index.id)' is defined twice") }
            guard assets.contains(index.id) else {
                throw item.error("index '\(index.id)' is not among the assets\(NearestName.hint(index.id, among: assets)); "
                    + "list it under assets: to hold it")
            }
            byID[index.id] = (index, item)
        }
        // The model's assets are the scenario's, in the scenario's order.
        let indices = try assets.map { (id) throws(InputError) -> LabIndex in
            guard let found = byID[id]?.0 else {
                throw list.error("asset '\(id)' has no index here; every asset of an index lab is one of its indices")
            }
            return found
        }
        try checkSegments(indices, universe: universe, items: byID.mapValues(\.1))
        return IndexLabSpec(universe: universe, indices: indices, warmUpMonths: warmUpMonths)
    }

    /// `universe: {preset: a-share, stocks: 1000}`.
    static func readUniverse(_ cursor: YAMLCursor) throws(InputError) -> UniverseSpec {
        let m = try cursor.mapping(allowed: ["preset", "stocks"])
        _ = try m.optional("preset")?.choice(Preset.self)
        let stocksCursor = try m.required("stocks")
        let stocks = try stocksCursor.int()
        guard (100...5_000).contains(stocks) else { throw stocksCursor.error("stocks must be 100 to 5000, got \(stocks)") }
        let spec = UniverseSpec.aShareDefaults(stocks: stocks)
        if let problem = spec.problem() { throw cursor.error(problem) }
        return spec
    }

    static func readIndex(_ cursor: YAMLCursor) throws(InputError) -> LabIndex {
        let m = try cursor.mapping(allowed: indexKeys)
        let id = try m.required("id").string()
        let segment = try m.optional("segment").map { (c) throws(InputError) in try readSegment(c) } ?? .all
        let selection = try m.optional("select").map { (c) throws(InputError) in try readSelection(c) } ?? .all
        let weighting = try m.optional("weighting")?.choice(IndexWeighting.self) ?? .cap
        let stockCap = try m.optional("stock_cap")?.double(in: 0...1, excludingLower: true, "a stock cap")
        let industryCap = try m.optional("industry_cap")?.double(in: 0...1, excludingLower: true, "an industry cap")
        let buffer = try m.optional("buffer")?.double(in: 0...1, "a buffer")
        if let b = m.optional("buffer"), case .all = selection { throw b.error("a buffer applies only to a selection by score") }
        let review = try m.optional("review")?.choice(Review.self) ?? .quarterly
        let tradingCost = try m.optional("trading_cost")?.double(in: 0...0.1, "a trading cost") ?? 0
        let rule = IndexRule(
            segment: segment, selection: selection, weighting: weighting, stockCap: stockCap, industryCap: industryCap, buffer: buffer)
        if let problem = rule.problem(factorCount: StyleFactor.allCases.count) { throw cursor.error(problem) }
        return LabIndex(id: id, rule: rule, reviewMonths: review.months, tradingCost: tradingCost)
    }

    /// `small`, or cut-offs of the cumulative free-float cap: `[0.85, 0.98]`.
    static func readSegment(_ cursor: YAMLCursor) throws(InputError) -> SizeSegment {
        if case .sequence = cursor.node {
            let bounds = try cursor.numbers()
            guard bounds.count == 2 else { throw cursor.error("a segment is [lower, upper]: cumulative free-float cap shares") }
            if let problem = SizeSegment.problem(lower: bounds[0], upper: bounds[1]) { throw cursor.error(problem) }
            return SizeSegment(lower: bounds[0], upper: bounds[1])
        }
        return try cursor.choice(Segment.self).segment
    }

    /// `{factor: growth, top: 0.3333}` or `{factors: [growth, momentum], top: 0.3333, combine: product}`.
    static func readSelection(_ cursor: YAMLCursor) throws(InputError) -> IndexSelection {
        let m = try cursor.mapping(allowed: ["factor", "factors", "top", "combine"])
        let top = try m.required("top").double(in: 0...1, excludingLower: true, "the fraction selected (top)")
        if let single = m.optional("factor") {
            if let both = m.optional("factors") { throw both.error("give factor or factors, not both") }
            if let combine = m.optional("combine") { throw combine.error("combine applies to two factors") }
            return .top(factor: try factorIndex(single), fraction: top)
        }
        guard let pair = m.optional("factors") else { throw cursor.error("missing required key 'factor' (or 'factors')") }
        let factors = try pair.sequence()
        guard factors.count == 2 else { throw pair.error("a two-factor selection names two factors, got \(factors.count)") }
        let a = try factorIndex(factors[0]), b = try factorIndex(factors[1])
        guard a != b else { throw factors[1].error("the two factors must differ") }
        return .pair(a, b, fraction: top, combination: try m.optional("combine")?.choice(ScoreCombination.self) ?? .product)
    }

    static func factorIndex(_ cursor: YAMLCursor) throws(InputError) -> Int {
        let factor = try cursor.choice(StyleFactor.self)
        return StyleFactor.allCases.firstIndex(of: factor) ?? 0
    }

    /// Each index's segment must hold stocks, and its rule must be met as written (caps within
    /// reach of the stocks and industries it selects): judged by building it on the universe's
    /// first month with a fixed seed. Later reviews that fall short are counted in the index's
    /// `shortfall` figure.
    static func checkSegments(_ indices: [LabIndex], universe: UniverseSpec, items: [String: YAMLCursor]) throws(InputError) {
        let sample = StockUniverse(spec: universe)
        sample.start(random: RandomSource(.mt19937, seed: 1))
        let construction = IndexConstruction(stocks: sample.stocks, factors: sample.factorCount, industries: sample.industryCount)
        var weights = [Double](repeating: 0, count: sample.stocks)
        func build(_ rule: IndexRule) -> Int {
            weights.withUnsafeMutableBufferPointer { out in
                construction.build(
                    rule: rule, caps: sample.caps, scores: sample.scores, industries: sample.industries, previous: nil, weights: out)
            }
        }
        for index in indices {
            guard let item = items[index.id], let m = try? item.mapping(allowed: indexKeys) else { continue }
            let members = build(IndexRule(segment: index.rule.segment, selection: .all, weighting: .equal))
            guard members > 0 else {
                let bounds = "[\(index.rule.segment.lower), \(index.rule.segment.upper))"
                throw (m.optional("segment") ?? item).error(
                    "segment \(bounds) holds no stocks of a \(universe.stocks)-stock universe; widen it or add stocks")
            }
            let selected = build(index.rule)
            guard selected > 0 else {
                throw (m.optional("select") ?? item).error("selects no stock of its segment's \(members)")
            }
            guard construction.capsMet else {
                let held = weights.indices.filter { weights[$0] > 0 }
                let industries = Set(held.map { sample.industries[$0] }).count
                let reason = index.rule.capsProblem(constituents: selected, industries: industries)
                    ?? "its caps cannot be met by the \(selected) stocks it selects"
                throw (m.optional("stock_cap") ?? m.optional("industry_cap") ?? item).error(
                    "\(reason) (it selects \(selected) of its segment's \(members) stocks, in \(industries) industries)")
            }
        }
    }
}
