import CoreSatEngine

/// `run --format csv`: one row per number of the JSON report, with its Monte Carlo standard error.
public enum CSVReport {
    public static func render(_ s: RunSummary) -> String {
        var lines = ["section,name,figure,value,standard_error"]
        for f in SummaryFigures.all(s) {
            // Paths hold regime names, which may hold commas too.
            lines.append([f.key.section, quote(f.key.name), quote(f.key.path), number(f.value), number(f.standardError)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
