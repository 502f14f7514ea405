import Foundation
import Testing

/// `coresat frontier --report` and `coresat optimize --report`: the page, and the output-file rules.
struct FrontierReportCommandTests {
    let moments = OptimizeCommandTests()

    func page(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Files in `dir`, hidden ones (a temporary file left behind) included.
    func entries(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func aFrontierPageHasTheChartsAndTheJSONsMaximumSharpePortfolio() throws {
        let dir = try temporaryDirectory()
        let html = dir.appendingPathComponent("frontier.html").path
        let flags = ["frontier", "--points", "8", "--risk-free", "0.02"] + (try moments.files())
        let r = try coresat(flags + ["--report", html])
        #expect(r.status == 0, "\(r.stderr)")
        let plain = try coresat(flags)
        #expect(r.stdout == plain.stdout, "--report leaves the table as it was")
        let text = try page(html)
        #expect(text.contains("data-chart=\"frontier-efficient\"") && text.contains("data-chart=\"weights-frontier\""))
        // A marker for each of the three assets, the minimum-variance and the maximum-Sharpe portfolios.
        #expect(text.components(separatedBy: "class=\"mark marker\"").count - 1 == 5)
        for asset in ["A", "B", "C"] { #expect(text.contains(">\(asset)</text>")) }
        let outside = text.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!outside.contains("http://") && !outside.contains("https://"))
        #expect(!text.lowercased().contains("<script"))
        // The caption states the maximum-Sharpe portfolio the JSON output gives.
        let json = try moments.json(try coresat(flags + ["--format", "json"]))
        let best = try #require(json["maximum_sharpe"] as? [String: Any])
        let volatility = try #require(best["volatility_annual"] as? Double)
        let expected = try #require(best["expected_return_annual"] as? Double)
        let sentence = "has an expected return of \(String(format: "%.2f%%", 100 * expected)), a volatility of "
            + "\(String(format: "%.2f%%", 100 * volatility))"
        #expect(text.contains(sentence), "\(sentence)")
        let version = try coresat("--version").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.contains(version + " ("), "the page names the tool's version")
    }

    @Test func anOptimizePageMarksTheAnswerAndBarsItsWeights() throws {
        let dir = try temporaryDirectory()
        let html = dir.appendingPathComponent("o.html").path
        let out = dir.appendingPathComponent("o.json").path
        let r = try coresat(
            ["optimize", "--objective", "maximum-sharpe", "--risk-free", "0.02", "--format", "json", "-o", out,
             "--report", html] + (try moments.files()))
        #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
        let text = try page(html)
        #expect(text.contains("data-chart=\"frontier-chosen\"") && text.contains("data-chart=\"allocation-portfolio\""))
        #expect(text.contains(">maximum-sharpe</text>") && text.contains("capital market line"))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    /// Exit status 2, one line naming the file and `--report`, and no file or temporary file left.
    func expectRefused(_ r: Outcome, naming path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(path) && r.stderr.contains("--report"), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func aReportInAMissingFolderIsRefused() throws {
        let dir = try temporaryDirectory()
        let html = dir.appendingPathComponent("missing/f.html").path
        for command in [["frontier"], ["optimize", "--objective", "minimum-variance"]] {
            expectRefused(try coresat(command + ["--report", html] + (try moments.files())), naming: html)
        }
        #expect(try entries(dir).isEmpty)
    }

    @Test func aReportUnderAFileIsRefused() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("plain")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let html = file.path + "/f.html"
        expectRefused(try coresat(["frontier", "--report", html] + (try moments.files())), naming: html)
        #expect(try entries(dir) == ["plain"])
    }

    @Test func theSameFileForReportAndOutputIsRefused() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("both.html").path
        let r = try coresat(["frontier", "--output", path, "--report", path] + (try moments.files()))
        expectRefused(r, naming: path)
        #expect(r.stderr.contains("--output"))
        #expect(try entries(dir).isEmpty)
    }

    @Test func anInputNamedAsTheReportIsRefusedAndKept() throws {
        let files = try moments.files()
        let mean = files[1]
        let before = try page(mean)
        expectRefused(try coresat(["optimize", "--objective", "risk-parity", "--report", mean] + files), naming: mean)
        #expect(try page(mean) == before)
    }

    /// A problem with no answer writes no page, whole or partial.
    @Test func anInfeasibleProblemWritesNoPage() throws {
        let dir = try temporaryDirectory()
        let html = dir.appendingPathComponent("f.html").path
        let r = try coresat(["frontier", "--max-weight", "0.2", "--report", html] + (try moments.files()))
        #expect(r.status == 2 && r.stderr.contains("upper bounds"), "\(r.stderr)")
        #expect(try entries(dir).isEmpty)
    }
}
