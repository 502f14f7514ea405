import CoreSatEngine

/// Reads `expect:`: one mapping per expectation.
enum ExpectationLoader {
    static let keys = ["name", "policy", "versus", "figure", "check", "tolerance", "z", "market"]

    /// What figure names can refer to besides the policies: the market's regimes, the satellite
    /// assets (per-regime weights) and which policies classify regimes.
    struct Context {
        var regimes: [String] = ["all"]
        var satellites: [String] = []
        var classifiers: [Bool] = []
    }

    /// A scenario with named markets: their names and the one that runs.
    struct Markets {
        var names: [String]
        var selected: String
    }

    /// With `markets`, an expectation naming a `market:` applies only when that market runs (and is
    /// checked when it is loaded, against its regimes); the others apply to whichever runs.
    static func read(
        _ cursor: YAMLCursor, policies: [String], benchmark: Int, context: Context = Context(), markets: Markets? = nil
    ) throws(InputError) -> [Expectation] {
        var expectations: [Expectation] = []
        for item in try cursor.sequence() {
            let m = try item.mapping(allowed: markets == nil ? keys.filter { $0 != "market" } : keys)
            if let markets, let c = m.optional("market") {
                let name = try c.string()
                guard markets.names.contains(name) else {
                    throw c.error("unknown market '\(name)'\(NearestName.hint(name, among: markets.names)); the markets are \(markets.names.joined(separator: ", "))")
                }
                if name != markets.selected { continue }
            }
            let policy = try policyIndex(m.required("policy"), policies)
            let versus = try m.optional("versus").map { (c) throws(InputError) in try policyIndex(c, policies) }
            let figureCursor = try m.required("figure")
            let name = try figureCursor.string()
            let figure = try self.figure(name, figureCursor, context)
            if case .recognition = figure {
                if context.regimes.count < 2 {
                    throw figureCursor.error("'\(name)' scores regime beliefs, and this market has one regime; it needs a regime-switching market with two or more")
                }
                if !(context.classifiers.indices.contains(policy) && context.classifiers[policy]) {
                    throw figureCursor.error("'\(name)' scores the regime a policy believes in, and '\(policies[policy])' names none")
                }
            }
            if let versus, let versusCursor = m.optional("versus") {
                if !figure.isRelative {
                    throw versusCursor.error("'\(name)' is a figure of one policy; 'versus' applies only to relative figures")
                }
                if versus != benchmark && !figure.worksAgainstAnyPolicy {
                    throw versusCursor.error("'\(name)' is only available against the benchmark ('\(policies[benchmark])'); against other policies use cagr_difference or probability_outperform")
                }
            }
            if figure.isRelative && (versus ?? benchmark) == policy {
                let target = m.optional("versus") ?? m.optional("policy")!
                throw target.error("'\(policies[policy])' would be compared with itself; name another policy in 'versus'")
            }
            let z = try m.optional("z")?.double() ?? Expectation.defaultZ
            if z <= 0 { throw m.optional("z")!.error("z must be positive, got \(z)") }
            expectations.append(
                Expectation(
                    label: try m.optional("name")?.string(), policy: policy, versus: versus, figure: figure,
                    comparison: try comparison(m.required("check")), tolerance: try tolerance(m.optional("tolerance")),
                    z: z))
        }
        return expectations
    }

    /// Any figure name, per-regime ones included; unknown names get the nearest known one.
    static func figure(_ name: String, _ c: YAMLCursor, _ context: Context) throws(InputError) -> FigureReference {
        if let figure = FigureReference(name) { return figure }
        guard RegimeFigureName.isPerRegime(name) else {
            throw c.error("unknown figure '\(name)'\(NearestName.hint(name, among: FigureReference.allNames)); use metric.statistic (statistics: \(Statistic.allCases.map(\.rawValue).joined(separator: ", "))), \(FigureReference.probabilityOfLossName) or \(FigureReference.probabilityOutperformName)")
        }
        switch RegimeFigureName.parse(name, regimes: context.regimes, satellites: context.satellites) {
        case .success(let figure):
            return figure
        case .failure(.oneRegime):
            throw c.error("'\(name)' is a per-regime figure, and this market has one regime; per-regime figures need a regime-switching market with two or more")
        case .failure(.unknownRegime(let regime)):
            throw c.error("unknown regime '\(regime)' in '\(name)'\(NearestName.hint(regime, among: context.regimes))")
        case .failure:
            let entry = name.hasPrefix("entry[")
            let candidates = context.regimes.flatMap { RegimeFigureName.allNames(regime: $0, entry: entry, satellites: context.satellites) }
            throw c.error("unknown figure '\(name)'\(NearestName.hint(name, among: candidates)); per-regime figures are regime[<regime>].<figure>.<statistic> or entry[<regime>].<figure>.<statistic> (figures: \(RegimeFigure.allCases.map(\.key).joined(separator: ", ")), weight.<satellite asset>)")
        }
    }

    static func policyIndex(_ c: YAMLCursor, _ policies: [String]) throws(InputError) -> Int {
        let name = try c.string()
        guard let index = policies.firstIndex(of: name) else {
            throw c.error("unknown policy '\(name)'\(NearestName.hint(name, among: policies))")
        }
        return index
    }

    /// ">= x", "<= x" or "between x y".
    static func comparison(_ c: YAMLCursor) throws(InputError) -> Expectation.Comparison {
        let words = try c.string().split(separator: " ").map(String.init)
        let numbers = words.dropFirst().map { YAMLCursor.number($0) }
        switch (words.first, numbers.count) {
        case (">=", 1):
            if let x = numbers[0] { return .atLeast(x) }
        case ("<=", 1):
            if let x = numbers[0] { return .atMost(x) }
        case ("between", 2):
            if let a = numbers[0], let b = numbers[1] {
                guard a <= b else { throw c.error("'between \(words[1]) \(words[2])': the first bound must not exceed the second") }
                return .between(a, b)
            }
        default:
            break
        }
        throw c.error("malformed check '\(words.joined(separator: " "))'; write '>= 0.5', '<= -0.1' or 'between 0.01 0.03'")
    }

    static func tolerance(_ c: YAMLCursor?) throws(InputError) -> Expectation.Tolerance {
        guard let c else { return .none }
        if case .scalar(let s) = c.node, s.string == "auto" { return .auto }
        guard let x = YAMLCursor.number(try c.string()), x >= 0 else {
            throw c.error("tolerance must be 'auto' or a non-negative number")
        }
        return .absolute(x)
    }
}
