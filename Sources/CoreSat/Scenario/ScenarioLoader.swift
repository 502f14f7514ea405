import CoreSatEngine
import Foundation
import GSLKit
import Yams

/// Reads and validates a scenario file. Every problem becomes one `InputError` naming the file,
/// line:column, key path and reason.
public enum ScenarioLoader {
    static let topKeys = [
        "name", "description", "seed", "paths", "months", "warm_up_months", "regime_entry_months", "generator", "initial_wealth",
        "risk_free_annual", "assets", "market", "markets", "costs", "cash_flow", "policies", "benchmark", "expect", "sweep", "compare",
    ]

    /// `market`: which of the file's named `markets:` to run (nil: the first).
    public static func load(path: String, market: String? = nil) throws(InputError) -> Scenario {
        try parse(TextFile.text(path, what: "the scenario file"), file: path, market: market)
    }

    public static func parse(_ text: String, file: String, market marketName: String? = nil) throws(InputError) -> Scenario {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw InputError(file: file, line: 1, column: 1, reason: "the file is empty")
            }
            root = node
        } catch let error as InputError {
            throw error
        } catch let error as YamlError {
            throw yamlSyntaxError(error, file: file, text: text)
        } catch {
            throw InputError(file: file, reason: "not valid YAML")
        }
        let top = try YAMLCursor(node: root, path: "", file: file).mapping(allowed: topKeys)

        let name = try top.required("name").string()
        _ = try top.optional("description")?.string()  // not used, but must be text
        let seed = try top.optional("seed").map { (c) throws(InputError) in try seedValue(c) } ?? 1
        let warmUp = try top.optional("warm_up_months").map { (c) throws(InputError) in
            let w = try c.int()
            guard Scenario.warmUpRange.contains(w) else {
                throw c.error("\(w) warm-up months is out of range \(Scenario.warmUpRange.lowerBound)...\(Scenario.warmUpRange.upperBound)")
            }
            return w
        } ?? 0
        let entry = try top.optional("regime_entry_months").map { (c) throws(InputError) in
            let e = try c.int()
            guard Scenario.regimeEntryRange.contains(e) else {
                throw c.error("\(e) regime entry months is out of range \(Scenario.regimeEntryRange.lowerBound)...\(Scenario.regimeEntryRange.upperBound)")
            }
            return e
        } ?? SimulationPlan.defaultRegimeEntryMonths
        let generator = try top.optional("generator")?.choice(GeneratorKind.self) ?? .mt19937
        let initialWealth = try top.optional("initial_wealth")?.double(in: 1e-6...1e15, "initial wealth") ?? 1
        var riskFree = try top.optional("risk_free_annual")?.double(in: Scenario.riskFreeRange, excludingLower: true, "risk-free rate") ?? 0

        let assets = try readAssets(top.required("assets"))
        let ids = assets.map(\.id)
        let choice = try MarketChoice(top, file: file, selected: marketName)
        let market = try MarketModelSpec.read(choice.cursor, assets: ids, warmUpMonths: warmUp)
        let (paths, months, pathsCursor) = try shape(top, market: market, at: choice.cursor, named: choice.name != nil)
        if let rate = market.riskFreeAnnual {
            if let c = top.optional("risk_free_annual") {
                throw c.error("the market takes its risk-free rate from its data (risk_free:); remove one of the two")
            }
            riskFree = rate
        }
        let costRates = try readCosts(top.optional("costs"), ids: ids)
        let cashFlow = try top.optional("cash_flow").map { (c) throws(InputError) in try readCashFlow(c) }
        let policiesCursor = try top.required("policies")
        let context = RuleContext(assets: assets, months: months, warmUpMonths: warmUp, market: market, riskFreeAnnual: riskFree)
        var policies = try PolicyLoader.read(policiesCursor, context: context)

        let benchmarkCursor = try top.required("benchmark")
        let benchmarkName = try benchmarkCursor.string()
        guard let benchmark = policies.firstIndex(where: { $0.name == benchmarkName }) else {
            throw benchmarkCursor.error(
                "benchmark policy '\(benchmarkName)' is not among the policies\(NearestName.hint(benchmarkName, among: policies.map(\.name)))")
        }
        let expectations = try top.optional("expect").map { (c) throws(InputError) in
            try ExpectationLoader.read(
                c, policies: policies.map(\.name), benchmark: benchmark,
                context: ExpectationLoader.Context(
                    regimes: market.regimeNames, satellites: assets.filter { $0.sleeve == .satellite }.map(\.id),
                    classifiers: policies.map { $0.rule.build($0).classifiesRegimes }),
                markets: choice.name.map { ExpectationLoader.Markets(names: choice.names, selected: $0) })
        } ?? []
        var sweep: SweepGrid?
        if let c = top.optional("sweep") {
            let (grid, cells) = try SweepLoader.read(c, policies: policies, policiesCursor: policiesCursor, context: context)
            sweep = grid
            policies += cells
        }
        let comparisons = try top.optional("compare").map { (c) throws(InputError) in
            try readComparisons(c, policies: policies.map(\.name))
        } ?? []
        var scenario = Scenario(
            file: file, text: text, name: name, seed: seed, paths: paths, months: months, warmUpMonths: warmUp,
            regimeEntryMonths: entry, generator: generator,
            riskFreeAnnual: riskFree, assets: assets, market: market, marketName: choice.name, marketNames: choice.names,
            rules: AccountRules(
                initialWealth: initialWealth, expenseRatios: assets.map(\.expenseRatio), costRates: costRates,
                cashFlow: cashFlow),
            policies: policies, benchmark: benchmark, sweep: sweep, expectations: expectations, pathsLocation: pathsCursor.error(""))
        scenario.comparisons = comparisons
        return scenario
    }

    /// `compare: [{policy: A, against: B}, ...]`: pairs of different policies, by name.
    static func readComparisons(_ c: YAMLCursor, policies: [String]) throws(InputError) -> [PolicyPair] {
        var pairs: [PolicyPair] = []
        for item in try c.sequence() {
            let m = try item.mapping(allowed: ["policy", "against"])
            func index(_ key: String) throws(InputError) -> Int {
                let cursor = try m.required(key)
                let name = try cursor.string()
                guard let i = policies.firstIndex(of: name) else {
                    throw cursor.error("policy '\(name)' is not among the policies\(NearestName.hint(name, among: policies))")
                }
                return i
            }
            let pair = PolicyPair(policy: try index("policy"), against: try index("against"))
            if pair.policy == pair.against { throw item.error("a policy compared with itself") }
            pairs.append(pair)
        }
        return pairs
    }

    /// `paths` and `months`: the scenario's, or for a replay the market's (one path per window). With
    /// named markets the scenario's serve the markets that need them, and replays keep their own.
    static func shape(_ top: YAMLMapping, market: MarketModelSpec, at marketCursor: YAMLCursor, named: Bool) throws(InputError)
        -> (paths: Int, months: Int, location: YAMLCursor)
    {
        if let fixed = market.fixedShape {
            for key in ["paths", "months"] where !named {
                if let c = top.optional(key) {
                    throw c.error("a historical replay sets \(key) itself (one path per window, the months from 'from' to 'to' or a window's length); remove '\(key)'")
                }
            }
            guard Scenario.monthRange.contains(fixed.months) else {
                throw marketCursor.error("\(fixed.months) months is out of range \(Scenario.monthRange.lowerBound)...\(Scenario.monthRange.upperBound)")
            }
            guard Scenario.pathRange.contains(fixed.paths) else { throw marketCursor.error(Scenario.pathsOutOfRange(fixed.paths)) }
            return (fixed.paths, fixed.months, marketCursor)
        }
        let pathsCursor = try top.required("paths")
        let paths = try pathsCursor.int()
        guard Scenario.pathRange.contains(paths) else {
            throw pathsCursor.error(Scenario.pathsOutOfRange(paths))
        }
        let monthsCursor = try top.required("months")
        let months = try monthsCursor.int()
        guard Scenario.monthRange.contains(months) else {
            throw monthsCursor.error("\(months) months is out of range \(Scenario.monthRange.lowerBound)...\(Scenario.monthRange.upperBound)")
        }
        return (paths, months, pathsCursor)
    }

    static func yamlSyntaxError(_ error: YamlError, file: String, text: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            // libyaml's own words, except where they name its API
            let words = problem.contains("nesting level") ? "nested too deeply" : problem
            return InputError(file: file, line: mark.line, column: mark.column, reason: "not valid YAML: \(words)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // The parser only knows where the mapping starts; point at the key's second appearance.
            let key = duplicates.first ?? ""
            let (line, column) = secondAppearance(of: key, in: text, line: context.mark.line, column: context.mark.column)
                ?? (context.mark.line, context.mark.column)
            return InputError(file: file, line: line, column: column, keyPath: key, reason: "key '\(key)' appears twice")
        case .reader(let problem, _, _, _):
            return InputError(file: file, reason: "not valid YAML: \(problem)")
        default:
            return InputError(file: file, reason: "not valid YAML")
        }
    }

    /// Where a duplicated key appears again, given its first appearance at `line`:`column` (1-based):
    /// in a flow mapping (`{a: 1, a: 2}`) the next `key:` at the same bracket depth, in a block
    /// mapping the next `key:` aligned at the same column before the mapping ends.
    static func secondAppearance(of key: String, in text: String, line: Int, column: Int) -> (Int, Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let first = line - 1, at = column - 1
        let target = Array(key + ":")
        guard first >= 0, first < lines.count, at >= 0, at <= lines[first].count else { return nil }
        func keyAt(_ l: Int, _ c: Int) -> Bool {
            c + target.count <= lines[l].count && Array(lines[l][c..<(c + target.count)]) == target
        }
        let opened = lines[first][..<at].reduce(0) { $0 + ($1 == "{" ? 1 : $1 == "}" ? -1 : 0) }
        if opened > 0 {  // flow mapping
            var depth = 0
            for l in first..<lines.count {
                for c in (l == first ? at + target.count : 0)..<lines[l].count {
                    switch lines[l][c] {
                    case "{", "[": depth += 1
                    case "}", "]":
                        depth -= 1
                        if depth < 0 { return nil }
                    default:
                        let previous = c > 0 ? lines[l][c - 1] : " "
                        if depth == 0 && (previous == " " || previous == ",") && keyAt(l, c) { return (l + 1, c + 1) }
                    }
                }
            }
            return nil
        }
        for l in (first + 1)..<lines.count {
            let indent = lines[l].prefix { $0 == " " }.count
            let blank = indent == lines[l].count || lines[l][indent] == "#"
            if !blank && indent < at { return nil }  // the mapping ended
            if keyAt(l, at) { return (l + 1, at + 1) }
        }
        return nil
    }

    static func seedValue(_ c: YAMLCursor) throws(InputError) -> UInt64 {
        guard let value = UInt64(try c.string()) else { throw c.error("seed must be a whole number from 0 to 2^64-1") }
        return value
    }

    static func readAssets(_ cursor: YAMLCursor) throws(InputError) -> [Asset] {
        var assets: [Asset] = []
        for item in try cursor.sequence() {
            let m = try item.mapping(allowed: ["id", "name", "sleeve", "kind", "expense_ratio"])
            let idCursor = try m.required("id")
            let id = try idCursor.string()
            if assets.contains(where: { $0.id == id }) { throw idCursor.error("asset id '\(id)' is used twice") }
            let expense = try m.optional("expense_ratio")?.double(in: 0...0.2, "expense ratio (a decimal: 0.005 = 0.5%)") ?? 0
            assets.append(
                Asset(
                    id: id, name: try m.optional("name")?.string() ?? id,
                    sleeve: try m.required("sleeve").choice(Sleeve.self),
                    kind: try m.required("kind").choice(AssetKind.self), expenseRatio: expense))
        }
        if assets.isEmpty { throw cursor.error("at least one asset is needed") }
        return assets
    }

    static func readCosts(_ cursor: YAMLCursor?, ids: [String]) throws(InputError) -> [Double] {
        guard let cursor else { return Array(repeating: 0, count: ids.count) }
        let m = try cursor.mapping(allowed: ["transaction_bps", "per_asset_bps"])
        let defaultBps = try m.optional("transaction_bps")?.double(in: 0...1_000, "transaction cost in bps") ?? 0
        var rates = Array(repeating: defaultBps / 10_000, count: ids.count)
        if let perAsset = m.optional("per_asset_bps") {
            for (id, (_, value)) in try perAsset.entries() {
                guard let i = ids.firstIndex(of: id) else { throw value.error(unknownAsset(id, ids)) }
                rates[i] = try value.double(in: 0...1_000, "transaction cost in bps") / 10_000
            }
        }
        return rates
    }

    static func readCashFlow(_ cursor: YAMLCursor) throws(InputError) -> CashFlowPlan {
        let m = try cursor.mapping(allowed: ["monthly_amount", "inflation_annual"])
        return CashFlowPlan(
            monthlyAmount: try m.required("monthly_amount").double(in: -1e15...1e15, "monthly amount"),
            inflationAnnual: try m.optional("inflation_annual")?.double(in: -0.5...1, excludingLower: true, "inflation") ?? 0)
    }

    static func unknownAsset(_ id: String, _ ids: [String]) -> String {
        "unknown asset id '\(id)'\(NearestName.hint(id, among: ids))"
    }
}
