import CoreSatEngine
import Foundation

/// `coresat fit-regimes`: a fitted regime-switching model as a table, as JSON, and as a scenario's
/// `market:` block, so estimating and simulating are one step.
public struct RegimeFitReport: Sendable {
    public var fit: RegimeFit
    public var sample: FitSample
    public var names: [String]
    public var data: String

    public init(fit: RegimeFit, sample: FitSample, names: [String], data: String) {
        precondition(names.count == fit.regimeCount, "one name per regime")
        self.fit = fit
        self.sample = sample
        self.names = names
        self.data = data
    }

    /// The median CAGR and the annualized volatility of monthly simple returns of a log-normal
    /// month with log mean `mu` and log volatility `sigma`: the figures `annual_return` and
    /// `annual_volatility` read back to exactly `mu` and `sigma` (docs/scenario-format.md).
    static func factSheet(mu: Double, sigma: Double) -> (annualReturn: Double, annualVolatility: Double) {
        let s2 = sigma * sigma
        return (expm1(12 * mu), (12 * exp(2 * mu) * expm1(s2) * exp(s2)).squareRoot())
    }

    var sigmas: [[Double]] { fit.covariances.map { c in (0..<c.order).map { c[$0, $0].squareRoot() } } }
    /// Each regime's share of months: the mean smoothed probability.
    var shares: [Double] {
        (0..<fit.regimeCount).map { k in fit.smoothedProbabilities.reduce(0) { $0 + $1[k] } / Double(fit.months) }
    }
    var span: String { "\(sample.first) to \(sample.last) (\(fit.months) months)" }
    var convergence: String {
        "EM \(fit.iterations) iterations, \(fit.converged ? "converged" : "not converged"); "
            + "quasi-Newton polish \(fit.polishIterations) iterations"
    }

    public func table() -> String {
        var out = "Regime fit of \(sample.ids.joined(separator: ", ")) from \(data), \(span)\n"
        out += String(format: "log-likelihood %.6f, %d parameters, BIC %.2f, AIC %.2f\n", fit.logLikelihood, fit.parameterCount, fit.bic, fit.aic)
        out += convergence + "\n"
        if let warning = fit.warning { out += "warning: \(warning)\n" }
        out += "\nRegimes (ordered by the mean of \(sample.ids[0]); returns are median CAGRs, volatilities of monthly returns)\n"
        var regimes = TextTable(header: ["regime", "months", "mean stay", "asset", "return", "vol"])
        let p = fit.transition
        for k in 0..<fit.regimeCount {
            for (i, id) in sample.ids.enumerated() {
                let f = Self.factSheet(mu: fit.means[k][i], sigma: sigmas[k][i])
                regimes.rows.append([
                    i == 0 ? names[k] : "", i == 0 ? TableReport.percent(shares[k], 1) : "",
                    i == 0 ? String(format: "%.1f mo", 1 / max(1 - p[k, k], 1e-12)) : "", id,
                    TableReport.percent(f.annualReturn, 1), TableReport.percent(f.annualVolatility, 1),
                ])
            }
        }
        out += regimes.rendered()
        out += "\nTransition probabilities (from the row's regime to the column's, monthly)\n"
        var transition = TextTable(header: ["from"] + names)
        for k in 0..<fit.regimeCount {
            transition.rows.append([names[k]] + (0..<fit.regimeCount).map { String(format: "%.4f", p[k, $0]) })
        }
        out += transition.rendered()
        return out
    }

    public func json() -> String {
        let p = fit.transition
        let regimes: [JSONValue] = (0..<fit.regimeCount).map { k in
            let c = fit.covariances[k]
            return .object([
                ("name", .string(names[k])), ("share_of_months", .number(shares[k])),
                ("assets", .object(sample.ids.enumerated().map { i, id in
                    let f = Self.factSheet(mu: fit.means[k][i], sigma: sigmas[k][i])
                    return (id, .object([
                        ("column", .string(sample.columns[i])), ("monthly_log_mean", .number(fit.means[k][i])),
                        ("monthly_log_volatility", .number(sigmas[k][i])), ("annual_return", .number(f.annualReturn)),
                        ("annual_volatility", .number(f.annualVolatility)),
                    ]))
                })),
                ("correlation", .array((0..<c.order).map { i in .array((0..<c.order).map { .number(c[i, $0] / (sigmas[k][i] * sigmas[k][$0])) }) })),
            ])
        }
        return JSONValue.object([
            ("data", .string(data)), ("first_month", .string(sample.first.description)), ("last_month", .string(sample.last.description)),
            ("months", .integer(fit.months)), ("log_likelihood", .number(fit.logLikelihood)),
            ("parameters", .integer(fit.parameterCount)), ("bic", .number(fit.bic)), ("aic", .number(fit.aic)),
            ("em_iterations", .integer(fit.iterations)), ("converged", .bool(fit.converged)),
            ("warning", fit.warning.map { .string($0) } ?? .null),
            ("regimes", .array(regimes)),
            ("transition", .array((0..<fit.regimeCount).map { i in .array((0..<fit.regimeCount).map { .number(p[i, $0]) }) })),
            ("start", .array(fit.ergodic.map { .number($0) })),
        ]).rendered() + "\n"
    }

    /// A `market:` block of a scenario (normal innovations, start at the chain's long-run shares).
    public func marketBlock() -> String {
        let number = { (x: Double) in String(format: "%.8f", x) }
        let width = sample.ids.map(\.count).max() ?? 0
        let pad = { (id: String) in id + ":" + String(repeating: " ", count: width - id.count) }
        var out = "# Fitted by coresat fit-regimes to \(data),\n# \(span): a Gaussian regime-switching model of monthly log returns\n"
        out += "# (log-likelihood \(String(format: "%.6f", fit.logLikelihood)), BIC \(String(format: "%.2f", fit.bic))).\n"
        out += "# Columns: " + zip(sample.ids, sample.columns).map { "\($0) = \($1)" }.joined(separator: ", ") + ".\n"
        out += "market:\n  model: regime-switching\n  regimes:\n"
        for k in 0..<fit.regimeCount {
            let c = fit.covariances[k]
            out += "    - name: \(names[k])\n      assets:\n"
            for (i, id) in sample.ids.enumerated() {
                let f = Self.factSheet(mu: fit.means[k][i], sigma: sigmas[k][i])
                out += "        \(pad(id)) {annual_return: \(number(f.annualReturn)), annual_volatility: \(number(f.annualVolatility))}\n"
            }
            out += "      correlation:\n"
            for (i, id) in sample.ids.enumerated() {
                let row = (0..<c.order).map { number(c[i, $0] / (sigmas[k][i] * sigmas[k][$0])) }
                out += "        \(pad(id)) [\(row.joined(separator: ", "))]\n"
            }
        }
        out += "  transition:                    # from (row) -> to (column): \(names.joined(separator: ", "))\n"
        for i in 0..<fit.regimeCount {
            out += "    - [" + (0..<fit.regimeCount).map { number(fit.transition[i, $0]) }.joined(separator: ", ") + "]\n"
        }
        out += "  start: [" + fit.ergodic.map(number).joined(separator: ", ") + "]   # the long-run shares\n"
        return out
    }
}
