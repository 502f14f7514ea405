import Foundation
import PageInspection
import Testing

/// `run --report`, `merge --report` and `--export-paths`: the page and the CSV files as the
/// commands write them, and the outputs they refuse before any work.
struct ReportCommandTests {
    /// 24 months (so the coarse wealth grid is every month), two regimes, two policies.
    static let small = OutputFileCommandTests.small
    /// The small scenario with its benchmark alone.
    static let benchmarkOnly = small.components(separatedBy: "  - name: 70/30")[0]
    static let svgNamespace = "http://www.w3.org/2000/svg"

    /// A fresh folder holding only the scenario, `s.yaml`.
    func folder(_ scenario: String = small) throws -> (dir: String, scenario: String) {
        let dir = try temporaryDirectory().path
        try scenario.write(toFile: "\(dir)/s.yaml", atomically: true, encoding: .utf8)
        return (dir, "\(dir)/s.yaml")
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func contents(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    /// The page's charts by name (`data-chart`), in page order.
    func charts(_ page: PageReader) -> [String] { page.attributes["data-chart"] ?? [] }

    /// What each omitted chart says, as written.
    func omitted(_ html: String) -> [String] {
        html.matches(of: /<figure class="chart-omitted"><figcaption>(.*?)<\/figcaption><\/figure>/).map { String($0.1) }
    }

    /// Reads a page that must parse as XML once its doctype is gone.
    func page(_ path: String) throws -> (html: String, page: PageReader) {
        let html = try text(path)
        let page = PageReader.read(html)
        #expect(page.error == nil, "\(path): \(String(describing: page.error))")
        return (html, page)
    }

    /// Same value, or both undefined.
    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || a.isNaN && b.isNaN }

    // MARK: - The page

    @Test func runWritesOneSelfContainedPageThatSaysWhatRan() throws {
        let (dir, scenario) = try folder()
        let r = try coresat(
            "run", scenario, "--paths", "300", "--seed", "9", "--report", "\(dir)/report.html",
            "--save", "\(dir)/r.res")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try contents(dir) == ["r.res", "report.html", "s.yaml"])  // no temporary file left
        let (html, page) = try page("\(dir)/report.html")
        #expect(!html.lowercased().contains("<script"))
        let outside = html.replacingOccurrences(of: Self.svgNamespace, with: "")
        #expect(!outside.contains("http://") && !outside.contains("https://"))
        let svgs = html.components(separatedBy: "<svg class=\"chart\"").count - 1
        let names = charts(page)
        #expect(svgs > 0 && svgs == names.count && page.elements.filter { $0 == "svg" }.count == svgs)
        // Each figure is named KIND-ID once ("fan-70-30"), and every id on the page is unique and found.
        #expect(Set(names).count == names.count)
        let expected = ["fan-all-core", "fan-70-30", "medians-wealth", "box-cagr", "difference-70-30-vs-all-core"]
        #expect(expected.allSatisfy(names.contains), "\(names)")
        for name in names {
            let kind = name.prefix { $0 != "-" }
            #expect(!name.hasPrefix("\(kind)-\(kind)-"), "\(name)")
        }
        let ids = page.attributes["id"] ?? []
        #expect(Set(ids).count == ids.count)
        let references = (page.attributes["aria-labelledby"] ?? []) + (page.attributes["aria-describedby"] ?? [])
        #expect(references.count == 2 * svgs && references.allSatisfy(Set(ids).contains))
        // The provenance is what the results file of the same run says.
        let saved = try SavedResults("\(dir)/r.res")
        #expect(page.text.contains("coresat \(try saved.string("tool_version")) (\(try saved.string("build")))"))
        #expect(page.text.contains("\(scenario), digest \(try saved.scenarioDigest)"))
        #expect(html.contains("<dt>seed</dt><dd>9</dd>") && saved.header["seed"] as? Int == 9)
        #expect(page.text.contains("Reproduce with coresat run \(scenario) --seed 9 --paths 300"))
    }

    @Test func threeShardsMergedWriteThePageAndFilesOfTheWholeRun() throws {
        let (dir, scenario) = try folder()
        let size = ["--paths", "600", "--seed", "4"]  // blocks of 250, 250 and 100: one per shard
        let whole = try coresat(["run", scenario, "--report", "\(dir)/run.html", "--export-paths", "\(dir)/run"] + size)
        #expect(whole.status == 0, "\(whole.stderr)")
        let shards = try (0..<3).map { k in
            let file = "\(dir)/shard\(k).res"
            let r = try coresat(["run", scenario, "--shard", "\(k)/3", "--save", file] + size)
            #expect(r.status == 0, "\(r.stderr)")
            return file
        }
        let merged = try coresat(
            ["merge", "--report", "\(dir)/merged.html", "--export-paths", "\(dir)/merged"] + shards.reversed())
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
        #expect(try bytes("\(dir)/merged.html") == bytes("\(dir)/run.html"))
        let files = try contents("\(dir)/run")
        #expect(files == ["paths.csv", "regimes.csv", "wealth.csv"])
        #expect(try contents("\(dir)/merged") == files)
        for name in files {
            #expect(try bytes("\(dir)/merged/\(name)") == bytes("\(dir)/run/\(name)"), "\(name)")
        }
    }

    /// An export makes a run keep every month's wealth, saved results keep the coarse grid: the page
    /// draws the coarse grid from either.
    @Test func thePageIsTheSameWhateverWealthTheRunKeeps() throws {
        let (dir, scenario) = try folder(Self.small.replacingOccurrences(of: "months: 24", with: "months: 120"))
        let plain = try coresat(
            "run", scenario, "--paths", "300", "--report", "\(dir)/plain.html", "--save", "\(dir)/r.res")
        let monthly = try coresat(
            "run", scenario, "--paths", "300", "--report", "\(dir)/monthly.html", "--export-paths", "\(dir)/run")
        let merged = try coresat(
            "merge", "\(dir)/r.res", "--report", "\(dir)/merged.html", "--export-paths", "\(dir)/merged")
        for r in [plain, monthly, merged] { #expect(r.status == 0, "\(r.stderr)") }
        let page = try text("\(dir)/plain.html")
        #expect(try text("\(dir)/monthly.html") == page)
        #expect(try text("\(dir)/merged.html") == page)
        let run = try CSVTable(text("\(dir)/run/wealth.csv"))
        let saved = try CSVTable(text("\(dir)/merged/wealth.csv"))
        #expect(Array(run.header.dropFirst(2)) == (1...120).map { String(format: "m%04d", $0) })
        #expect(saved.header.count == 2 + 60 && saved.header.last == "m0120")
        for month in saved.header.dropFirst(2) {
            #expect(try zip(run.numbers(month), saved.numbers(month)).allSatisfy(Self.same), "\(month)")
        }
    }

    @Test func aReportLeavesTheTextReportAndTheSavedResultsAsTheyWere() throws {
        let (dir, scenario) = try folder()
        let size = ["--paths", "300"]
        let without = try coresat(["run", scenario, "--save", "\(dir)/without.res"] + size)
        let with = try coresat(["run", scenario, "--report", "\(dir)/a.html", "--save", "\(dir)/with.res"] + size)
        #expect(with.status == 0 && with.stdout == without.stdout)
        #expect(try bytes("\(dir)/with.res") == bytes("\(dir)/without.res"))
        for format in ["json", "csv"] {
            let output = "\(dir)/out.\(format)"
            let r = try coresat(
                ["run", scenario, "--format", format, "--output", output, "--report", "\(dir)/b.html"] + size)
            #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
            #expect(try text(output) == coresat(["run", scenario, "--format", format] + size).stdout)
        }
        #expect(try text("\(dir)/a.html") == text("\(dir)/b.html"))
        let merged = try coresat(
            "merge", "\(dir)/with.res", "--report", "\(dir)/c.html", "--output", "\(dir)/merged.txt")
        #expect(merged.status == 0 && merged.stdout.isEmpty, "\(merged.stderr)")
        #expect(try text("\(dir)/merged.txt") == without.stdout && text("\(dir)/c.html") == text("\(dir)/a.html"))
        #expect(try contents(dir) == [
            "a.html", "b.html", "c.html", "merged.txt", "out.csv", "out.json", "s.yaml", "with.res", "without.res",
        ])
    }

    // MARK: - Refused outputs

    /// A command refused before any work: exit status 2, one line naming the file and the flag,
    /// and nothing written (no temporary file either) in `dir`.
    func refused(_ arguments: [String], in dir: String, file: String, flag: String, reason: String) throws {
        let before = try contents(dir)
        let r = try coresat(arguments)
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("error: \(file): \(flag): ") && r.stderr.contains(reason), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(try contents(dir) == before, "\(arguments)")
    }

    @Test func aReportThatCannotBeWrittenIsRefusedBeforeTheRun() throws {
        let (dir, scenario) = try folder()
        let run = ["run", scenario, "--paths", "300"]
        let missing = "\(dir)/no/report.html"
        try refused(run + ["--report", missing], in: dir, file: missing, flag: "--report",
            reason: "cannot write here: \(dir)/no does not exist")
        // Under a regular file: no directory there, whoever runs the tests (root ignores permissions).
        try "not a folder".write(toFile: "\(dir)/somefile", atomically: true, encoding: .utf8)
        let underFile = "\(dir)/somefile/report.html"
        try refused(run + ["--report", underFile], in: dir, file: underFile, flag: "--report",
            reason: "cannot write here: Not a directory")
        if geteuid() != 0 {
            try FileManager.default.createDirectory(atPath: "\(dir)/locked", withIntermediateDirectories: false)
            #expect(chmod("\(dir)/locked", 0o555) == 0)
            defer { chmod("\(dir)/locked", 0o755) }
            try refused(run + ["--report", "\(dir)/locked/report.html"], in: "\(dir)/locked",
                file: "\(dir)/locked/report.html", flag: "--report", reason: "cannot create a file in \(dir)/locked")
        }
        let report = "\(dir)/./out.txt"
        try refused(run + ["--output", "\(dir)/out.txt", "--report", report], in: dir, file: report, flag: "--report",
            reason: "is also the --output file")
        try refused(run + ["--save", "\(dir)/out.res", "--report", "\(dir)/out.res"], in: dir, file: "\(dir)/out.res",
            flag: "--report", reason: "is also the --save file")
        try refused(run + ["--report", scenario], in: dir, file: scenario, flag: "--report",
            reason: "is also an input of this command (\(scenario))")
        #expect(try text(scenario) == Self.small && text("\(dir)/somefile") == "not a folder")
        // merge: the results it reads are inputs too.
        #expect(try coresat(run + ["--save", "\(dir)/r.res"]).status == 0)
        try refused(["merge", "\(dir)/r.res", "--report", "\(dir)/r.res"], in: dir, file: "\(dir)/r.res",
            flag: "--report", reason: "is also an input of this command")
        try refused(["merge", "\(dir)/r.res", "--report", missing], in: dir, file: missing, flag: "--report",
            reason: "does not exist")
    }

    @Test func anExportFolderThatCannotBeMadeIsRefusedBeforeTheRun() throws {
        let (dir, scenario) = try folder()
        let run = ["run", scenario, "--paths", "300"]
        try "not a folder".write(toFile: "\(dir)/somefile", atomically: true, encoding: .utf8)
        try refused(run + ["--export-paths", "\(dir)/somefile"], in: dir, file: "\(dir)/somefile",
            flag: "--export-paths", reason: "is not a folder")
        try refused(run + ["--export-paths", scenario], in: dir, file: scenario, flag: "--export-paths",
            reason: "is not a folder")
        let orphan = "\(dir)/no/out"
        try refused(run + ["--export-paths", orphan], in: dir, file: orphan, flag: "--export-paths",
            reason: "cannot make the folder: No such file or directory")
        // A good report with a bad folder: neither is written.
        try refused(run + ["--report", "\(dir)/report.html", "--export-paths", "\(dir)/somefile"], in: dir,
            file: "\(dir)/somefile", flag: "--export-paths", reason: "is not a folder")
        // A folder named as another output would be made, and that file's rename onto it fail, after the run.
        for flag in ["--report", "--output", "--save"] {
            try refused(run + [flag, "\(dir)/out", "--export-paths", "\(dir)/./out"], in: dir, file: "\(dir)/./out",
                flag: "--export-paths", reason: "is also the \(flag) file")
        }
        // Another output that is one of the files the export writes in its folder.
        try FileManager.default.createDirectory(atPath: "\(dir)/cx", withIntermediateDirectories: false)
        for (flag, name) in [("--report", "paths.csv"), ("--output", "wealth.csv"), ("--save", "regimes.csv")] {
            try refused(run + [flag, "\(dir)/cx/\(name)", "--export-paths", "\(dir)/cx"], in: "\(dir)/cx",
                file: "\(dir)/cx/\(name)", flag: flag, reason: "is the file \(name) that --export-paths writes in")
        }
        #expect(try text("\(dir)/somefile") == "not a folder" && text(scenario) == Self.small)
        #expect(try coresat(run + ["--save", "\(dir)/r.res"]).status == 0)
        try refused(["merge", "\(dir)/r.res", "--export-paths", orphan], in: dir, file: orphan, flag: "--export-paths",
            reason: "cannot make the folder")
    }

    @Test func aShardWritesNoReportAndNoExport() throws {
        let (dir, scenario) = try folder()
        for extra in [["--report", "\(dir)/report.html"], ["--export-paths", "\(dir)/out"]] {
            let shard = ["run", scenario, "--paths", "600", "--shard", "1/3", "--save", "\(dir)/s1.res"]
            let r = try coresat(shard + extra)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(extra)")
            #expect(r.stderr.hasPrefix("error: --shard: ") && r.stderr.contains(extra[0]), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
        #expect(try contents(dir) == ["s.yaml"])
    }

    // MARK: - Runs with little to draw

    @Test func aRunOfOnePathStillWritesAPage() throws {
        let (dir, scenario) = try folder()
        let r = try coresat("run", scenario, "--paths", "1", "--report", "\(dir)/one.html")
        #expect(r.status == 0, "\(r.stderr)")
        let (html, page) = try page("\(dir)/one.html")
        let names = charts(page)
        #expect(names.contains("medians-wealth") && names.contains("bars-difference"))
        #expect(!names.contains { $0.hasPrefix("fan-") || $0.hasPrefix("box-") || $0.hasPrefix("histogram-") })
        #expect(omitted(html).contains(
            "Distributions across paths: left out because the run has one path: there is no distribution to draw"))
        #expect(page.text.contains("Wealth of each policy on the one path"))
        // Nothing speaks of bands or medians across paths that are not there.
        let intro = html.firstMatch(of: /<h2>Wealth over time<\/h2><p class="intro">(.*?)<\/p>/).map { String($0.1) }
        #expect(intro == "Each policy&#39;s wealth on the run&#39;s one path, at 24 points of the horizon.")
    }

    @Test func aRunOfTheBenchmarkAloneStillWritesAPage() throws {
        let (dir, scenario) = try folder(Self.benchmarkOnly)
        let r = try coresat("run", scenario, "--paths", "300", "--report", "\(dir)/alone.html")
        #expect(r.status == 0, "\(r.stderr)")
        let (html, page) = try page("\(dir)/alone.html")
        let names = charts(page)
        #expect(names.contains("fan-all-core") && names.contains("box-cagr") && names.contains("cdf-cagr"))
        #expect(!names.contains { $0.hasPrefix("difference-") || $0.hasPrefix("regime-") })
        let reasons = omitted(html)
        #expect(reasons.contains(
            "CAGR difference from the benchmark: left out because the run has only the benchmark policy"))
        #expect(reasons.contains("Figures by regime: left out because the run has only the benchmark policy"))
    }

    // MARK: - Backtests and exported files

    /// Eight recorded months of two series.
    static let dataset = """
        # coresat dataset 1
        # frequency: monthly
        # source: made by hand
        month,A,B
        2000-01,0.01,0.02
        2000-02,-0.02,0.01
        2000-03,0.03,-0.01
        2000-04,0.01,0.00
        2000-05,-0.04,0.02
        2000-06,0.02,0.01
        2000-07,0.05,-0.03
        2000-08,-0.01,0.02

        """

    /// A backtest of the dataset beside it, with a labelled rough patch.
    static let backtest = """
        name: history
        assets:
          - {id: a, sleeve: core, kind: broad}
          - {id: b, sleeve: satellite, kind: thematic}
        market:
          model: historical
          data: data.csv
          columns: {a: A, b: B}
          regimes:
            kind: periods
            periods:
              - {name: rough, from: 2000-03, to: 2000-05}
            otherwise: calm
        policies:
          - {name: a only, core: 1, core_weights: {a: 1}, rebalance: never}
          - {name: half monthly, core: 0.5, core_weights: {a: 1}, satellite_weights: {b: 1}, rebalance: monthly}
          - {name: half held, core: 0.5, core_weights: {a: 1}, satellite_weights: {b: 1}, rebalance: never}
        benchmark: a only

        """

    @Test func aBacktestDrawsItsHistoryAndExportsItsMonths() throws {
        let (dir, scenario) = try folder(Self.backtest)
        try Self.dataset.write(toFile: "\(dir)/data.csv", atomically: true, encoding: .utf8)
        let r = try coresat(
            "run", scenario, "--report", "\(dir)/b.html", "--export-paths", "\(dir)/out", "--save", "\(dir)/b.res")
        #expect(r.status == 0, "\(r.stderr)")
        let (html, page) = try page("\(dir)/b.html")
        let names = charts(page)
        let expected = [
            "history-wealth", "history-drawdown", "weights-half-monthly", "weights-half-held", "bars-difference",
        ]
        for name in expected {
            #expect(names.contains(name), "\(name) in \(names)")
        }
        #expect(!names.contains { $0.hasPrefix("fan-") || $0.hasPrefix("weights-a-only") })
        #expect(html.contains("class=\"mark shade"))  // the rough patch shaded
        #expect(omitted(html).contains(
            "Rolling 36-month excess return over a only: left out because the backtest has fewer than 36 months"))

        #expect(try contents("\(dir)/out") == ["months.csv", "paths.csv", "regimes.csv", "wealth.csv"])
        let saved = try SavedResults("\(dir)/b.res")
        let months = try CSVTable(text("\(dir)/out/months.csv"))
        #expect(months.header == ["month", "policy", "net_return", "weight.a", "weight.b", "regime"])
        let policies = ["a only", "half monthly", "half held"]
        #expect(months.rows.count == policies.count * 8)
        let returns = try months.numbers("net_return")
        let a = try months.numbers("weight.a"), b = try months.numbers("weight.b")
        for (p, name) in policies.enumerated() {
            for t in 0..<8 {
                let row = months.rows[p * 8 + t]
                let regime = (2...4).contains(t) ? "rough" : "calm"  // 2000-03 to 2000-05
                #expect(row[0] == "2000-0\(t + 1)" && row[1] == name && row[5] == regime, "\(row)")
                #expect(abs(a[p * 8 + t] + b[p * 8 + t] - 1) < 1e-12, "\(row)")
                let column = try saved.column("policy[\(p)].return_m" + String(format: "%04d", t + 1))
                #expect(returns[p * 8 + t].bitPattern == column[0].bitPattern, "\(row)")
            }
        }
        // The dataset is an input too: no output may replace it.
        for flag in ["--report", "--output", "--save"] {
            try refused(["run", scenario, flag, "\(dir)/data.csv"], in: dir, file: "\(dir)/data.csv", flag: flag,
                reason: "is also an input of this command")
        }
        #expect(try text("\(dir)/data.csv") == Self.dataset)
        // The saved backtest draws the same page, its satellites' weights included.
        #expect(try coresat("merge", "\(dir)/b.res", "--report", "\(dir)/m.html").status == 0)
        #expect(try bytes("\(dir)/m.html") == bytes("\(dir)/b.html"))
    }

    @Test func exportedPathsHoldTheSavedFiguresToTheLastDigit() throws {
        let (dir, scenario) = try folder()
        let r = try coresat("run", scenario, "--paths", "300", "--export-paths", "\(dir)/out", "--save", "\(dir)/r.res")
        #expect(r.status == 0, "\(r.stderr)")
        let saved = try SavedResults("\(dir)/r.res")
        let policies = ["all core", "70/30"]
        let paths = try CSVTable(text("\(dir)/out/paths.csv"))
        #expect(paths.header.prefix(3) == ["path", "policy", "cagr"] && paths.header.last == "fallbacks")
        #expect(paths.rows.count == 300 * policies.count)
        #expect(try paths.column("path") == policies.flatMap { _ in (0..<300).map(String.init) })
        #expect(try paths.column("policy") == policies.flatMap { Array(repeating: $0, count: 300) })
        for figure in paths.header.dropFirst(2) {
            let exported = try paths.numbers(figure)
            for p in policies.indices {
                let column = try saved.column("policy[\(p)].\(figure)")
                let rows = exported[(p * 300)..<(p * 300 + 300)]
                #expect(zip(rows, column).allSatisfy(Self.same), "policy[\(p)].\(figure)")
            }
        }
        let wealth = try CSVTable(text("\(dir)/out/wealth.csv"))
        #expect(wealth.header == ["path", "policy"] + (1...24).map { String(format: "m%04d", $0) })
        #expect(wealth.rows.count == 300 * policies.count)
        #expect(try zip(wealth.numbers("m0024"), paths.numbers("terminal_wealth")).allSatisfy(Self.same))
        let regimes = try CSVTable(text("\(dir)/out/regimes.csv"))
        #expect(regimes.header == ["path", "calm", "stressed"] && regimes.rows.count == 300)
        #expect(try zip(regimes.numbers("calm"), saved.column("regime[0].share_of_months")).allSatisfy(Self.same))
    }
}
