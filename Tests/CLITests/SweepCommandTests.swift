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
}
