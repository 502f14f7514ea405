import CoreSatEngine
import GSLKit

/// Reads `market:`: per-asset return parameters, correlations, and for regime switching the
/// regimes, their transition matrix and start distribution.
enum MarketLoader {
    enum Model: String, CaseIterable {
        case normal
        case studentT = "student-t"
        case regimeSwitching = "regime-switching"
    }

    enum InnovationKind: String, CaseIterable {
        case normal
        case studentT = "student-t"
    }


    static func read(_ cursor: YAMLCursor, assets: [String]) throws(InputError) -> MarketSpec {
        let probe = try cursor.mapping(allowed: [
            "model", "degrees_of_freedom", "innovations", "assets", "correlation", "regimes", "transition", "start",
            "years_of_data", "estimation_regime",
        ])
        let model = try probe.required("model").choice(Model.self)
        switch model {
        case .normal, .studentT:
            let m = try cursor.mapping(allowed: model == .normal ? ["model", "assets", "correlation", "years_of_data"]
                : ["model", "degrees_of_freedom", "assets", "correlation", "years_of_data"])
            let innovations = model == .normal ? Innovations.normal : try studentT(m.required("degrees_of_freedom"))
            let regime = try readRegime(m, name: "all", assets: assets, innovations: innovations)
            return MarketSpec(
                regimes: [regime], transition: .identity(1), start: [1], innovations: innovations,
                driftUncertainty: try readDriftUncertainty(m, assets: assets, regimes: ["all"]))
        case .regimeSwitching:
            let m = try cursor.mapping(allowed: [
                "model", "innovations", "degrees_of_freedom", "regimes", "transition", "start", "years_of_data", "estimation_regime",
            ])
            var innovations = Innovations.normal
            if try m.optional("innovations")?.choice(InnovationKind.self) == .studentT {
                innovations = try studentT(m.required("degrees_of_freedom"))
            } else if let dof = m.optional("degrees_of_freedom") {
                throw dof.error("degrees_of_freedom applies only with 'innovations: student-t'")
            }
            let regimesCursor = try m.required("regimes")
            var regimes: [RegimeSpec] = []
            for item in try regimesCursor.sequence() {
                let r = try item.mapping(allowed: ["name", "assets", "correlation"])
                let nameCursor = try r.required("name")
                let name = try nameCursor.string()
                if regimes.contains(where: { $0.name == name }) { throw nameCursor.error("regime name '\(name)' is used twice") }
                regimes.append(try readRegime(r, name: name, assets: assets, innovations: innovations))
            }
            if regimes.isEmpty { throw regimesCursor.error("at least one regime is needed") }
            let transition = try readTransition(m.required("transition"), count: regimes.count)
            let start = try readStart(m.required("start"), names: regimes.map(\.name))
            return MarketSpec(
                regimes: regimes, transition: transition, start: start, innovations: innovations,
                driftUncertainty: try readDriftUncertainty(m, assets: assets, regimes: regimes.map(\.name)))
        }
    }

    /// `years_of_data`: a number (every asset) or `{asset_id: years}` (the assets named); and for
    /// regime switching `estimation_regime`, the regime whose covariance sets the drifts' spread.
    static func readDriftUncertainty(_ m: YAMLMapping, assets: [String], regimes: [String]) throws(InputError) -> DriftUncertainty? {
        guard let cursor = m.optional("years_of_data") else {
            if let regime = m.optional("estimation_regime") { throw regime.error("estimation_regime applies only with years_of_data") }
            return nil
        }
        var months = [Double?](repeating: nil, count: assets.count)
        if case .scalar = cursor.node {
            let value = try monthsOfData(cursor)
            months = months.map { _ in value }
        } else {
            for (id, (_, value)) in try cursor.entries() {
                guard let i = assets.firstIndex(of: id) else { throw value.error(ScenarioLoader.unknownAsset(id, assets)) }
                months[i] = try monthsOfData(value)
            }
        }
        var regime = 0
        if let regimeCursor = m.optional("estimation_regime") {
            let name = try regimeCursor.string()
            guard let k = regimes.firstIndex(of: name) else {
                throw regimeCursor.error("unknown regime '\(name)'\(NearestName.hint(name, among: regimes))")
            }
            regime = k
        }
        return DriftUncertainty(monthsOfData: months, regime: regime)
    }

    /// Years of data as months: at least one month, at most 1,000 years.
    static func monthsOfData(_ c: YAMLCursor) throws(InputError) -> Double {
        let years = try c.double()
        guard years >= 1.0 / 12 && years <= 1_000 else {
            throw c.error("years of data must be at least 1/12 (one month) and at most 1000, got \(YAMLCursor.show(years))")
        }
        return 12 * years
    }

    static func studentT(_ c: YAMLCursor) throws(InputError) -> Innovations {
        let nu = try c.double()
        // At 4 or below a t's kurtosis is infinite: the shocks would take their shape from the cap
        // on the mixing scale, not from nu.
        guard nu > 4 else { throw c.error("degrees of freedom must be above 4 (at 4 or below a t distribution's kurtosis is infinite), got \(YAMLCursor.show(nu))") }
        guard nu <= 1_000 else { throw c.error("degrees of freedom must be at most 1000, got \(YAMLCursor.show(nu))") }
        return .studentT(degreesOfFreedom: nu)
    }

    static func readRegime(_ m: YAMLMapping, name: String, assets: [String], innovations: Innovations) throws(InputError) -> RegimeSpec {
        let paramsCursor = try m.required("assets")
        var parameters = [LogReturnParameters?](repeating: nil, count: assets.count)
        for (id, (_, value)) in try paramsCursor.entries() {
            guard let i = assets.firstIndex(of: id) else { throw value.error(ScenarioLoader.unknownAsset(id, assets)) }
            parameters[i] = try readParameters(value, innovations: innovations)
        }
        if let missing = parameters.firstIndex(where: { $0 == nil }) {
            throw paramsCursor.error("no return parameters for asset '\(assets[missing])'")
        }
        let correlation = try readCorrelation(m.required("correlation"), assets: assets)
        return RegimeSpec(name: name, parameters: parameters.map { $0! }, correlation: correlation)
    }

    /// `{annual_return, annual_volatility}` as a fact sheet states them, or
    /// `{monthly_mean, monthly_volatility}` of simple returns, calibrated for the model's shocks.
    static func readParameters(_ cursor: YAMLCursor, innovations: Innovations) throws(InputError) -> LogReturnParameters {
        let m = try cursor.mapping(allowed: ["annual_return", "annual_volatility", "monthly_mean", "monthly_volatility"])
        do {
            if m.has("annual_return") || m.has("annual_volatility") {
                for key in ["monthly_mean", "monthly_volatility"] where m.has(key) {
                    throw m.optional(key)!.error("give annual_return/annual_volatility or monthly_mean/monthly_volatility, not both")
                }
                return try .factSheet(
                    annualReturn: try m.required("annual_return").double(in: -1...10, excludingLower: true, "annual return"),
                    annualVolatility: try volatility(m.required("annual_volatility"), upTo: 5), innovations: innovations)
            }
            return try .monthlyMoments(
                mean: try m.required("monthly_mean").double(in: -1...1, excludingLower: true, "monthly mean"),
                volatility: try volatility(m.required("monthly_volatility"), upTo: 2), innovations: innovations)
        } catch let error as InputError {
            throw error
        } catch {
            throw cursor.error("cannot calibrate these figures: \(error)")
        }
    }

    static func volatility(_ c: YAMLCursor, upTo limit: Double) throws(InputError) -> Double {
        let v = try c.double()
        guard v >= 0 else { throw c.error("volatility cannot be negative, got \(v)") }
        guard v <= limit else { throw c.error("volatility must be at most \(YAMLCursor.show(limit)), got \(YAMLCursor.show(v))") }
        return v
    }

    /// A single number (every pair has that correlation) or one row per asset id, columns in the
    /// same order as the rows.
    static func readCorrelation(_ cursor: YAMLCursor, assets: [String]) throws(InputError) -> SquareMatrix {
        let n = assets.count
        var matrix = SquareMatrix.identity(n)
        if case .scalar = cursor.node {
            let rho = try cursor.double()
            guard (-1...1).contains(rho) else { throw cursor.error("a correlation must be between -1 and 1, got \(rho)") }
            for i in 0..<n { for j in 0..<n where i != j { matrix[i, j] = rho } }
        } else {
            let rows = try cursor.entries()
            let order = rows.map(\.0)
            for (id, (_, row)) in rows where !assets.contains(id) { throw row.error(ScenarioLoader.unknownAsset(id, assets)) }
            if let missing = assets.first(where: { !order.contains($0) }) {
                throw cursor.error("no correlation row for asset '\(missing)'")
            }
            for (r, (id, (_, rowCursor))) in rows.enumerated() {
                let values = try rowCursor.numbers()
                guard values.count == n else { throw rowCursor.error("expected \(n) values (one per asset, in row order), found \(values.count)") }
                let i = assets.firstIndex(of: id)!
                for (c, value) in values.enumerated() {
                    let cell = try rowCursor.sequence()[c]
                    guard (-1...1).contains(value) else { throw cell.error("a correlation must be between -1 and 1, got \(value)") }
                    if r == c && value != 1 { throw cell.error("the diagonal of a correlation matrix must be 1, got \(value)") }
                    matrix[i, assets.firstIndex(of: order[c])!] = value
                }
            }
            if matrix.asymmetry > 1e-12 {
                let (i, j) = worstAsymmetry(matrix)
                throw cursor.error("correlation matrix is not symmetric: \(assets[i])/\(assets[j]) is \(matrix[i, j]) but \(assets[j])/\(assets[i]) is \(matrix[j, i])")
            }
        }
        let eigenvalues: [Double]
        do { eigenvalues = try matrix.symmetricEigenvalues() } catch { throw cursor.error(error.description) }
        if eigenvalues[0] <= 1e-10 {
            throw cursor.error("correlation matrix is not positive definite (smallest eigenvalue \(eigenvalues[0]))")
        }
        return matrix
    }

    static func worstAsymmetry(_ m: SquareMatrix) -> (Int, Int) {
        var best = (0, 0)
        var worst = -1.0
        for i in 0..<m.order { for j in 0..<i where abs(m[i, j] - m[j, i]) > worst {
            worst = abs(m[i, j] - m[j, i])
            best = (i, j)
        } }
        return best
    }

    static func readTransition(_ cursor: YAMLCursor, count: Int) throws(InputError) -> SquareMatrix {
        let rows = try cursor.sequence()
        guard rows.count == count else {
            throw cursor.error("transition matrix has \(rows.count) rows but there are \(count) regimes")
        }
        var values: [Double] = []
        for row in rows { values += try probabilities(row, count: count, what: "transition row") }
        return SquareMatrix(order: count, values: values)
    }

    /// A regime name (start there) or one probability per regime.
    static func readStart(_ cursor: YAMLCursor, names: [String]) throws(InputError) -> [Double] {
        if case .scalar = cursor.node {
            let name = try cursor.string()
            guard let k = names.firstIndex(of: name) else {
                throw cursor.error("unknown regime '\(name)'\(NearestName.hint(name, among: names))")
            }
            return names.indices.map { $0 == k ? 1 : 0 }
        }
        return try probabilities(cursor, count: names.count, what: "start distribution")
    }

    /// One probability per regime, each in [0, 1], summing to 1.
    static func probabilities(_ cursor: YAMLCursor, count: Int, what: String) throws(InputError) -> [Double] {
        let cells = try cursor.sequence()
        guard cells.count == count else { throw cursor.error("\(what) has \(cells.count) entries but there are \(count) regimes") }
        var p: [Double] = []
        for cell in cells {
            let x = try cell.double()
            guard (0...1).contains(x) else { throw cell.error("a probability must be between 0 and 1, got \(YAMLCursor.show(x))") }
            p.append(x)
        }
        if let total = SumToOne.shortfall(p) { throw cursor.error("\(what) sums to \(total)") }
        return SumToOne.normalised(p)
    }
}
