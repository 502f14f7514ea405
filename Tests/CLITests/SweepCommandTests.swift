import Foundation
import Testing

/// A sweep run whole, and in shards merged: the same grid to the last digit.
struct SweepCommandTests {
    @Test(arguments: ["table", "json", "csv"])
    func shardsOfASweepMergeIntoTheSingleRunsGrid(format: String) throws {
        let text = try String(contentsOfFile: packageRoot.appendingPathComponent("scenarios/style-rotation-regimes.yaml").path, encoding: .utf8)
        let scenario = try temporaryFile("sweep.yaml", text + """

            sweep:
              policy: relative strength top 3
              parameters:
                lookback_months: [3, 9]
                top: 1..2

            """)
        let size = ["--paths", "520", "--seed", "3"]
        let single = try coresat(["run", scenario, "--format", format] + size)
        #expect(single.status == 0, "\(single.stderr)")
        if format == "table" {
            #expect(single.stdout.contains("Sweep of relative strength top 3\nmedian CAGR difference across paths, and P(beat static 70/30):"))
            #expect(single.stdout.contains("lookback_months \\ top"))
            #expect(single.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        }
        let dir = try temporaryDirectory().path
        let files = try (0..<2).map { k in
            let file = "\(dir)/s\(k).res"
            let r = try coresat(["run", scenario, "--shard", "\(k)/2", "--save", file] + size)
            #expect(r.status == 0, "\(r.stderr)")
            return file
        }
        let merged = try coresat(["merge", "--format", format] + files)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == single.stdout)
    }

    /// A sweep's cells are in the JSON report, and a baseline made from it compares them: an
    /// unchanged scenario passes against its own report.
    @Test func aSweepPassesAgainstItsOwnBaseline() throws {
        let text = try String(contentsOfFile: packageRoot.appendingPathComponent("scenarios/style-rotation-regimes.yaml").path, encoding: .utf8)
        let scenario = try temporaryFile("sweep-baseline.yaml", text + """

            sweep:
              policy: relative strength top 3
              parameters:
                top: 1..2

            """)
        let size = ["--paths", "260", "--seed", "3"]
        let report = try coresat(["run", scenario, "--format", "json"] + size)
        #expect(report.status == 0, "\(report.stderr)")
        let baseline = try temporaryFile("sweep-baseline.json", report.stdout)
        let check = try coresat(["check", scenario, "--baseline", baseline, "--quiet"] + size)
        // (The scenario's own expectations are not the point here: only the baseline's line.)
        #expect(check.stdout.contains("PASS  baseline"), "\(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("not in the baseline"))
    }
}
