import CoreSatEngine
import Foundation

/// The outcome of one expectation on one run.
public struct CheckResult: Sendable {
    public var expectation: Expectation
    /// "policy: figure" (with "vs other" for relative figures), for reports.
    public var title: String
    public var measured: Estimate
    /// How much the threshold was widened (tolerance), in the figure's units.
    public var widening: Double
    public var passed: Bool
    /// The measured value is within z standard errors of a threshold: seed noise alone could flip it.
    public var insideNoise: Bool
    /// Said under the result's line, e.g. that `tolerance: auto` could not be applied.
    public var warning: String?

    /// One line: PASS/FAIL, what was measured, the threshold and the standard error.
    public var line: String {
        let status = passed ? "PASS" : "FAIL"
        var text = "\(status)  \(title) = \(Self.show(measured.value)) (\(expectation.comparison)"
        if widening > 0 { text += ", widened by \(Self.show(widening))" }
        text += "; s.e. \(Self.show(measured.standardError)))"
        if insideNoise {
            let distance = expectation.comparison.margin(measured.value) / measured.standardError
            text += String(format: " inside the noise: %.1f s.e. from the threshold", distance)
        }
        if let label = expectation.label { text += "  [\(label)]" }
        return text
    }

    static func show(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        return String(format: "%.6g", x)
    }
}

extension Scenario {
    /// Evaluates every expectation on a run of this scenario.
    public func check(_ columns: some PathColumns, _ summary: RunSummary) throws -> [CheckResult] {
        try expectations.map { e in
            let measured = try summary.measure(e.figure, policy: e.policy, versus: e.versus, columns: columns)
            var widening = 0.0
            var warning: String?
            switch e.tolerance {
            case .none: break
            case .auto:
                // Without a usable standard error the raw value decides: a check must not pass on
                // the wrong side of its threshold by an arbitrary widening.
                if measured.standardError.isFinite && summary.paths >= Expectation.minimumPathsForAutoTolerance {
                    widening = e.z * measured.standardError
                } else {
                    warning = "warning: tolerance: auto not applied: the standard error is undefined with \(summary.paths) "
                        + "path\(summary.paths == 1 ? "" : "s") (at least \(Expectation.minimumPathsForAutoTolerance) are needed)"
                }
            case .absolute(let x): widening = x
            }
            var title = "\(policies[e.policy].name): \(e.figure)"
            if e.figure.isRelative { title += " vs \(policies[e.versus ?? benchmark].name)" }
            let passed = measured.value.isFinite && e.comparison.holds(measured.value, widenedBy: widening)
            let noise = e.comparison.margin(measured.value) <= e.z * measured.standardError
            return CheckResult(
                expectation: e, title: title, measured: measured, widening: widening, passed: passed, insideNoise: noise,
                warning: warning)
        }
    }
}
