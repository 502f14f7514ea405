import Foundation
import GSLKit
import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// The index lab as a market: indices earn their constituents' returns, drift with them, are
/// rebuilt at reviews, and the lab's per-path figures say what each index is.
struct IndexLabTests {
    static let stocks = 300
    static let universe = UniverseSpec.aShareDefaults(stocks: stocks)

    static func index(_ id: String, _ selection: IndexSelection, weighting: IndexWeighting = .tilt, cost: Double = 0.002) -> LabIndex {
        LabIndex(
            id: id, rule: IndexRule(segment: .all, selection: selection, weighting: weighting, stockCap: 0.05, industryCap: 0.30),
            reviewMonths: 3, tradingCost: cost)
    }

    static let growth = StyleFactor.allCases.firstIndex(of: .growth) ?? 0
    static let momentum = StyleFactor.allCases.firstIndex(of: .momentum) ?? 0
    static let market = LabIndex(id: "market", rule: IndexRule(segment: .all, selection: .all, weighting: .cap), reviewMonths: 1)
    static let model = IndexLabModel(IndexLabSpec(universe: universe, indices: [
        market,
        index("growth", .top(factor: growth, fraction: 1.0 / 3)),
        index("product", .pair(growth, momentum, fraction: 1.0 / 3, combination: .product)),
        index("sum", .pair(growth, momentum, fraction: 1.0 / 3, combination: .sum)),
    ]))

    /// One path of `lab`: its returns (months x indices) and its figures, by figure name.
    static func run(_ lab: IndexLabModel, path: Int = 0, months: Int, seed: UInt32) -> (returns: [Double], figures: [String: Double]) {
        var returns = [Double](repeating: 0, count: months * lab.assetCount), logs = returns
        var regimes = [Int32](repeating: 0, count: months)
        var figures = [Double](repeating: .nan, count: lab.pathFigureNames.count)
        returns.withUnsafeMutableBufferPointer { r in
            logs.withUnsafeMutableBufferPointer { l in
                regimes.withUnsafeMutableBufferPointer { g in
                    figures.withUnsafeMutableBufferPointer { f in
                        lab.generatePath(
                            path: path, months: months, random: RandomSource(.mt19937, seed: seed), returns: r, logReturns: l,
                            regimes: g, logMeans: UnsafeMutableBufferPointer(start: nil, count: 0), figures: f)
                    }
                }
            }
        }
        return (returns, Dictionary(uniqueKeysWithValues: zip(lab.pathFigureNames, figures)))
    }

    /// One path of the four-index model, seeded by its number.
    static func path(_ number: Int, months: Int = 60, seed: UInt32 = 7) -> (returns: [Double], figures: [String: Double]) {
        run(model, path: number, months: months, seed: seed + UInt32(number))
    }

    @Test func theCapWeightedIndexEarnsTheUniversesCapWeightedReturnWithoutTrading() throws {
        let months = 24
        let (returns, figures) = Self.path(0, months: months)
        // The same universe, stepped by hand from the same source.
        let universe = StockUniverse(spec: Self.universe)
        let random = RandomSource(.mt19937, seed: 7)
        universe.start(random: random)
        for m in 0..<months {
            var caps = Array(universe.caps)
            let total = caps.reduce(0, +)
            for i in caps.indices { caps[i] /= total }
            universe.step(random: random)
            let expected = zip(caps, universe.returns).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(returns[m * Self.model.assetCount] - expected) < 1e-12, "month \(m)")
        }
        // Cap weights drift exactly as caps do: a review finds nothing to trade, and the index is its parent.
        #expect(try #require(figures["index[market].turnover"]) < 1e-9)
        #expect(try #require(figures["index[market].tracking_error"]) < 1e-9)
        #expect(figures["index[market].constituents"] == Double(Self.stocks))
    }

    @Test func aTopThirdFactorTiltIndexHoldsAThirdWithinItsCapsAndLeansIntoItsFactor() throws {
        let (_, figures) = Self.path(1)
        #expect(figures["index[growth].constituents"] == 100)
        #expect(try #require(figures["index[growth].largest_weight"]) <= 0.05 + 1e-12)
        let own = try #require(figures["index[growth].exposure.growth"])
        let parent = try #require(figures["index[market].exposure.growth"])
        #expect(own > parent + 0.7, "growth exposure \(own) against the market's \(parent)")
        // Trading cost is the turnover paid at each quarterly review, per year.
        let turnover = try #require(figures["index[growth].turnover"])
        let reviews = 60 / 3
        #expect(abs(try #require(figures["index[growth].cost"]) - turnover * 0.002 * Double(reviews) * 12 / 60) < 1e-12)
        #expect(turnover > 0.05 && turnover < 1)
        #expect(try #require(figures["index[growth].capacity"]) > 0)
    }

    @Test func theProductOfTwoScoresBuildsAPurerIndexThanTheirSum() throws {
        // The weaker of the two exposures, path by path: "high A and high B" keeps both high.
        var differences: [Double] = []
        for p in 0..<16 {
            let (_, f) = Self.path(p, months: 36, seed: 101)
            func weaker(_ id: String) -> Double {
                min(f["index[\(id)].exposure.growth"] ?? .nan, f["index[\(id)].exposure.momentum"] ?? .nan)
            }
            differences.append(weaker("product") - weaker("sum"))
        }
        let mean = differences.reduce(0, +) / Double(differences.count)
        let sd = (differences.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(differences.count - 1)).squareRoot()
        // More than three standard errors above zero.
        #expect(mean > 3 * sd / Double(differences.count).squareRoot(), "mean \(mean), sd \(sd)")
    }

    @Test func anEqualWeightedTopThirdHasTheExposureItsConstructionImplies() throws {
        // Scores are standardized and close to normal, so the mean score of the top third of a large
        // universe is E[Z | Z > z(2/3)] = pdf(z) / (1/3) = 1.091. Equal weights, no caps, every stock.
        let factor = StyleFactor.allCases.firstIndex(of: .value) ?? 0
        let lab = IndexLabModel(IndexLabSpec(universe: UniverseSpec.aShareDefaults(stocks: 1500), indices: [
            LabIndex(id: "value", rule: IndexRule(segment: .all, selection: .top(factor: factor, fraction: 1.0 / 3), weighting: .equal),
                reviewMonths: 3)
        ]))
        let figures = Self.run(lab, months: 36, seed: 11).figures
        let exposure = try #require(figures["index[value].exposure.value"])
        // The sample's own departure from normality and the 13 reviews' sampling move it by a few hundredths.
        #expect(abs(exposure - 1.091) < 0.05, "exposure \(exposure)")
        #expect(figures["index[value].constituents"] == 500)
    }

    @Test func theLabMeasuresAfterTheWarmUp() throws {
        let warmUp = 12, months = 36
        let lab = IndexLabModel(IndexLabSpec(universe: Self.universe, indices: [Self.market], warmUpMonths: warmUp))
        let (returns, figures) = Self.run(lab, months: months, seed: 5)
        let measured = returns[warmUp...]
        let expected = exp(measured.reduce(0) { $0 + log1p($1) } * 12 / Double(measured.count)) - 1
        let annual = try #require(figures["index[market].annual_return"])
        #expect(abs(annual - expected) < 1e-12, "\(annual) against \(expected)")
        #expect(figures["index[market].shortfall"] == 0)
    }

    @Test func aPathIsItsSeed() {
        let a = Self.path(3, months: 12), b = Self.path(3, months: 12)
        #expect(a.returns == b.returns)
        #expect(a.figures.keys.sorted() == b.figures.keys.sorted())
        #expect(Self.model.pathFigureNames.allSatisfy { a.figures[$0] == b.figures[$0] || (a.figures[$0]?.isNaN ?? false) })
    }
}

/// `market: {model: index-lab}` in a scenario: each asset is one of the lab's indices, and rules
/// that cannot be built are refused with the place and the reason.
struct IndexLabLoaderTests {
    static let scenario = """
        name: lab
        paths: 10
        months: 24
        assets:
          - {id: market, sleeve: core, kind: broad}
          - {id: growth, sleeve: satellite, kind: smart-beta}
        market:
          model: index-lab
          universe: {preset: a-share, stocks: 300}
          indices:
            - {id: market, segment: all, weighting: cap}
            - {id: growth, segment: all, select: {factor: growth, top: 0.3333}, weighting: tilt, stock_cap: 0.05, industry_cap: 0.3}
        benchmark: market only
        policies:
          - {name: market only, weights: {market: 1.0}, rebalance: never}
          - {name: 80/20, weights: {market: 0.8, growth: 0.2}, rebalance: quarterly}

        """

    func error(_ old: String, _ new: String) -> InputError? {
        precondition(Self.scenario.contains(old), "test edit does not apply: \(old)")
        return scenarioError(Self.scenario.replacingOccurrences(of: old, with: new))
    }

    @Test func aLabScenarioLoadsAndRuns() throws {
        let s = try ScenarioLoader.parse(Self.scenario, file: "lab.yaml")
        guard case .indexLab(let lab) = s.market else { Issue.record("not an index lab"); return }
        #expect(lab.indices.map(\.id) == ["market", "growth"])
        let result = try Simulator.run(try s.plan(), threads: 2)
        let summary = try RunSummary(scenario: s.name, columns: result)
        #expect(summary.marketFigures?.distribution("index[growth].constituents")?.median == 100)
        #expect(TableReport.render(summary).contains("Index lab: the built indices"))
    }

    @Test func rulesThatCannotBeBuiltAreRefusedWhereTheyAre() throws {
        let unknown = try #require(error("{factor: growth, top", "{factor: groth, top"))
        #expect(unknown.line == 12 && unknown.reason.contains("did you mean 'growth'"), "\(unknown)")
        let none = try #require(error("top: 0.3333}", "top: 0}"))
        #expect(none.reason.contains("the fraction selected (top)"), "\(none)")
        let over = try #require(error("top: 0.3333}", "top: 1.5}"))
        #expect(over.reason.contains("the fraction selected (top)"), "\(over)")
        let small = try #require(error("top: 0.3333}", "top: 0.05}"))
        #expect(small.reason.contains("5% stock cap needs at least 20 constituents") && small.line == 12, "\(small)")
        let stray = try #require(error("- {id: growth, segment", "- {id: grwth, segment"))
        #expect(stray.reason.contains("index 'grwth' is not among the assets (did you mean 'growth'?)"), "\(stray)")
        let twice = try #require(error("- {id: market, segment: all, weighting: cap}", "- {id: growth, segment: all, weighting: cap}"))
        #expect(twice.reason.contains("index 'growth' is defined twice"), "\(twice)")
        let pair = try #require(error("{factor: growth, top: 0.3333}", "{factors: [growth, growth], top: 0.3333}"))
        #expect(pair.reason.contains("the two factors must differ"), "\(pair)")
        let tiny = try #require(error("stocks: 300", "stocks: 40"))
        #expect(tiny.reason.contains("stocks must be 100 to 5000, got 40"), "\(tiny)")
        let scoreAll = try #require(error("{id: market, segment: all, weighting: cap}", "{id: market, segment: all, weighting: score}"))
        #expect(scoreAll.line == 11, "\(scoreAll)")
        let bounds = try #require(error("segment: all, select", "segment: [0.5, 0.2], select"))
        #expect(bounds.reason.contains("lower cut-off must be below its upper one"), "\(bounds)")
        let segment = try #require(error("{id: market, segment: all,", "{id: market, segment: [0.9999999, 1.0],"))
        #expect(segment.reason.contains("holds no stocks of a 300-stock universe"), "\(segment)")
        let industries = try #require(error("industry_cap: 0.3}", "industry_cap: 0.02}"))
        #expect(industries.reason.contains("industry cap") && industries.line == 12, "\(industries)")
    }
}
