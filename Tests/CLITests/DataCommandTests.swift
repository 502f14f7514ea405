import Foundation
import Testing

/// The French Data Library files kept beside the repository; tests of them run where the folder
/// is there and always on CI, where a missing folder fails them.
let frenchFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/french")
let frenchFilesTestable = FileManager.default.fileExists(atPath: frenchFolder.path) || ProcessInfo.processInfo.environment["CI"] == "true"

let smallFrenchFile = """
    Made for a test.

    ,Mkt-RF,SMB,RF
    202001,  1.00,  -99.99,  0.10
    202002,  -2.00,  0.50,  0.12
    202003,  3.00,  0.25,  0.10

    Copyright 2024 Eugene F. Fama and Kenneth R. French

    """

struct DataCommandTests {
    @Test func importFrenchWritesTheDatasetAndDescribeReadsIt() throws {
        let source = try temporaryFile("f.CSV", smallFrenchFile)
        let out = URL(fileURLWithPath: source).deletingLastPathComponent().appendingPathComponent("ff.csv").path
        let r = try coresat("data", "import", "french", source, "--table", "monthly", "--risk-free", "RF", "--add-risk-free", "Mkt-RF=Mkt", "--output", out)
        #expect(r.status == 0 && r.stderr.isEmpty && r.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("# coresat dataset 1\n# frequency: monthly\n# risk_free: RF\n# source: f.CSV, table \"monthly\""))
        #expect(text.hasSuffix("month,Mkt-RF,SMB,RF,Mkt\n2020-01,0.01,,0.001,0.011\n2020-02,-0.02,0.005,0.0012,-0.0188\n2020-03,0.03,0.0025,0.001,0.031\n"))
        let table = try coresat("data", "describe", out)
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("\(out): 2020-01 to 2020-03, 3 months\n"))
        #expect(table.stdout.contains("RF *") && table.stdout.contains("* RF: the risk-free column"))
        let json = try coresat("data", "describe", out, "--format", "json")
        let top = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let smb = try #require((top["columns"] as? [String: [String: Any]])?["SMB"])
        #expect(smb["first"] as? String == "2020-02" && smb["missing"] as? Int == 1)
        #expect(top["months"] as? Int == 3 && top["risk_free"] as? String == "RF")
    }

    @Test func badInputIsOneLineAndWritesNothing() throws {
        let source = try temporaryFile("f.CSV", smallFrenchFile.replacingOccurrences(of: "0.50", with: "0.5o"))
        let out = URL(fileURLWithPath: source).deletingLastPathComponent().appendingPathComponent("out.csv").path
        let r = try coresat("data", "import", "french", source, "--table", "1", "--output", out)
        #expect(r.status == 2)
        #expect(r.stderr == "error: \(source):5:3: row 5, column SMB: '0.5o' is not a number\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: out).deletingLastPathComponent().path) == ["f.CSV"])
        let flag = try coresat("data", "import", "french", source, "--table", "1", "--from", "2020-13", "--output", out)
        #expect(flag.status == 2 && flag.stderr == "error: --from: '2020-13' is not a month (YYYY-MM)\n")
        let same = try coresat("data", "import", "french", source, "--table", "1", "--output", source)
        #expect(same.status == 2 && same.stderr.contains("is also an input of this command"))
    }

    @Test func importCSVWarnsOnOneLineAndJoinMerges() throws {
        let dir = try temporaryDirectory()
        let prices = dir.appendingPathComponent("index.csv").path
        try "date,SP500\n2020-01-31,100\n2020-02-28,125\n2020-03-31,62.5\n".write(toFile: prices, atomically: true, encoding: .utf8)
        let a = dir.appendingPathComponent("a.csv").path
        let r = try coresat("data", "import", "csv", prices, "--values", "prices", "--output", a)
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("warning: \(prices): column SP500 looks like a price index without dividends"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        let b = dir.appendingPathComponent("b.csv").path
        let yielded = try coresat("data", "import", "csv", prices, "--values", "prices", "--add-yield", "SP500=0.024", "--rename", "SP500=SPX", "--output", b)
        #expect(yielded.status == 0 && yielded.stderr.isEmpty)
        let joined = dir.appendingPathComponent("j.csv").path
        let j = try coresat("data", "join", a, b, "--output", joined)
        #expect(j.status == 0)
        #expect(try String(contentsOfFile: joined, encoding: .utf8).hasSuffix("month,SP500,SPX\n2020-02,0.25,0.252\n2020-03,-0.5,-0.498\n"))
        let clash = try coresat("data", "join", a, a.replacingOccurrences(of: "a.csv", with: "./a.csv"), "--output", joined)
        #expect(clash.status == 2 && clash.stderr.contains("column 'SP500' is in both \(a) and "))
    }

    @Test(.enabled(if: frenchFilesTestable, "needs ../shared/data/french"))
    func realFactorsFile() throws {
        let out = try temporaryDirectory().appendingPathComponent("ff.csv").path
        let source = frenchFolder.appendingPathComponent("202412/F-F_Research_Data_Factors.CSV").path
        let r = try coresat("data", "import", "french", source, "--table", "monthly", "--risk-free", "RF", "--add-risk-free", "Mkt-RF=Mkt", "-o", out)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.count == 1183 && rows[0] == "month,Mkt-RF,SMB,HML,RF,Mkt" && rows[1] == "1926-07,0.0296,-0.0256,-0.0243,0.0022,0.0318")
        let annual = try coresat("data", "import", "french", source, "--table", "2", "-o", out)
        #expect(annual.status == 2 && annual.stderr.contains("is annual (dates YYYY); only monthly tables can be imported"))
    }
}
