import Foundation
import Testing

/// Messages say what is wrong in plain words, never a library's error type or API.
struct PlainMessageTests {
    static let leaks = ["NSCocoaErrorDomain", "The operation could not be completed", "quotation(", "message:", "yaml_"]

    func expectPlain(_ r: Outcome, _ expected: String) {
        #expect(r.status == 2)
        #expect(r.stderr == "error: " + expected + "\n")
        for leak in Self.leaks { #expect(!r.stderr.contains(leak), "\(leak) in \(r.stderr)") }
    }

    @Test func unreadableFilesGiveTheSystemsReason() throws {
        let dir = try temporaryDirectory().path
        expectPlain(try coresat("validate", dir + "/none.yaml"), "\(dir)/none.yaml: cannot read the scenario file: No such file or directory")
        expectPlain(try coresat("validate", dir), "\(dir): cannot read the scenario file: Is a directory")
        expectPlain(try coresat("metrics", dir), "\(dir): cannot read the file: Is a directory")
        let small = "Tests/CoreSatTests/Fixtures/small-scenario.yaml"
        expectPlain(try coresat("check", small, "--baseline", dir + "/b.json"), "\(dir)/b.json: cannot read the baseline: No such file or directory")
        let latin1 = dir + "/latin1.yaml"
        try Data("name: caf\u{E9}\n".utf8.map { $0 == 0xC3 ? 0xE9 : $0 }.filter { $0 != 0xA9 }).write(to: URL(fileURLWithPath: latin1))
        expectPlain(try coresat("validate", latin1), "\(latin1): cannot read the scenario file: it is not UTF-8 text")
    }

    @Test func aMisplacedQuoteInTheCSVNamesItsRow() throws {
        let path = try temporaryFile("r.csv", "date,a\n2020-01-31,0.01\n2020-02-29,\"0.02\"x\n2020-03-31,0.03\n")
        expectPlain(try coresat("metrics", path), "\(path):3: row 3: a quote (\") must open or close a whole field; quote the whole field or leave quotes out")
    }

    @Test func deeplyNestedYAMLIsSaidSo() throws {
        let path = try temporaryFile("deep.yaml", "name: " + String(repeating: "[", count: 1200) + String(repeating: "]", count: 1200) + "\n")
        expectPlain(try coresat("validate", path), "\(path):1:8: not valid YAML: nested too deeply")
    }
}
