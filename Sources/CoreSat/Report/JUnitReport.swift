import CoreSatEngine

/// JUnit XML for CI systems: one testsuite per scenario, one testcase per expectation (and one for
/// the baseline comparison when there is one).
public enum JUnitReport {
    public struct Suite: Sendable {
        public var name: String
        public var file: String
        public var seconds: Double
        public var cases: [Case]

        public init(name: String, file: String, seconds: Double, cases: [Case]) {
            self.name = name
            self.file = file
            self.seconds = seconds
            self.cases = cases
        }
    }

    public struct Case: Sendable {
        public var name: String
        /// Nil when it passed.
        public var failure: String?
        public var output: String

        public init(name: String, failure: String?, output: String) {
            self.name = name
            self.failure = failure
            self.output = output
        }
    }

    public static func render(_ suites: [Suite]) -> String {
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.cases.filter { $0.failure != nil }.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"coresat check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        for suite in suites {
            let suiteFailures = suite.cases.filter { $0.failure != nil }.count
            out += "  <testsuite name=\"\(escape(suite.name))\" tests=\"\(suite.cases.count)\" failures=\"\(suiteFailures)\" errors=\"0\" skipped=\"0\" time=\"\(String(format: "%.3f", suite.seconds))\" file=\"\(escape(suite.file))\">\n"
            for c in suite.cases {
                out += "    <testcase classname=\"\(escape(suite.file))\" name=\"\(escape(c.name))\">\n"
                if let failure = c.failure {
                    out += "      <failure message=\"\(escape(failure))\">\(escape(c.output))</failure>\n"
                }
                out += "      <system-out>\(escape(c.output))</system-out>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where ch.value < 0x20 && ch != "\n" && ch != "\t": out += " "
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
