import Foundation
import Testing

/// `--output` and `--junit`: regular files replaced whole, special files and symlinks written
/// through, inputs never overwritten.
struct OutputFileCommandTests {
    static let small = try! String(
        contentsOf: packageRoot.appendingPathComponent("Tests/CoreSatTests/Fixtures/small-scenario.yaml"), encoding: .utf8)

    func run(_ output: String, scenario: String? = nil) throws -> Outcome {
        let scenario = try scenario ?? temporaryFile("s.yaml", Self.small)
        return try coresat("run", scenario, "--paths", "100", "--format", "csv", "--output", output)
    }

    func fileType(_ path: String) -> mode_t {
        var s = stat()
        return lstat(path, &s) == 0 ? s.st_mode & S_IFMT : 0
    }

    @Test func aSymlinkIsWrittenThroughAndStaysALink() throws {
        let dir = try temporaryDirectory()
        let target = dir.appendingPathComponent("report.csv").path
        let link = dir.appendingPathComponent("latest.csv").path
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "report.csv")
        let r = try run(link)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("section,name,figure"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["latest.csv", "report.csv"])
    }

    @Test func aDanglingSymlinkCreatesItsTarget() throws {
        let dir = try temporaryDirectory()
        let link = dir.appendingPathComponent("latest.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "new.csv")
        let r = try run(link)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileType(link) == S_IFLNK)
        #expect(fileType(dir.appendingPathComponent("new.csv").path) == S_IFREG)
    }

    @Test func anExistingFileKeepsItsPermissions() throws {
        let path = try temporaryFile("report.csv", "old")
        #expect(chmod(path, 0o600) == 0)
        let r = try run(path)
        #expect(r.status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("section,"))
    }

    @Test func aNewFileGetsTheUsualModeUnderTheUmask() throws {
        // The umask as the child sees it: the tests' own process never changes it.
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        let umask = try #require(Int(line.split(separator: "\t").last!, radix: 8))
        let path = try temporaryDirectory().appendingPathComponent("new.csv").path
        let r = try run(path)
        #expect(r.status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o666 & ~umask)
    }

    @Test func aFIFOIsWrittenThroughNotReplaced() throws {
        let fifo = try temporaryDirectory().appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader opened first (without blocking), so the writer's open succeeds; the report fits the pipe buffer.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let written = try run(fifo)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(fileType(fifo) == S_IFIFO)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = read(reader, &buffer, buffer.count)
        #expect(n > 0 && String(decoding: buffer[0..<max(n, 0)], as: UTF8.self).hasPrefix("section,name,figure"))
    }

    @Test func aCharacterDeviceIsWrittenThroughNotReplaced() throws {
        // A copy of /dev/null's device node, so a regression cannot replace the real one.
        let node = try temporaryDirectory().appendingPathComponent("null").path
        // Major 1, minor 3; glibc's makedev is a macro Swift cannot see.
        try #require(mknod(node, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0, "mknod needs root")
        let r = try run(node)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileType(node) == S_IFCHR)
    }

    @Test func standardOutputByNameIsWrittenThrough() throws {
        let r = try run("/dev/stdout")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("section,name,figure"))
    }

    @Test func theScenarioItselfIsRefusedAsOutputUnderAnyName() throws {
        let dir = try temporaryDirectory()
        let scenario = dir.appendingPathComponent("s.yaml").path
        try Self.small.write(toFile: scenario, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.yaml").path, withDestinationPath: "s.yaml")
        try FileManager.default.linkItem(atPath: scenario, toPath: dir.appendingPathComponent("hard.yaml").path)
        for name in ["s.yaml", "./s.yaml", "link.yaml", "hard.yaml"] {
            let output = dir.appendingPathComponent(name).path
            let r = try run(output, scenario: scenario)
            #expect(r.status == 2, "\(name)")
            #expect(r.stderr == "error: \(output): --output: is also an input of this command (\(scenario)); write the output elsewhere\n")
        }
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) == Self.small)
    }

    @Test func checkNeverWritesJUnitOverAScenario() throws {
        let a = try temporaryFile("a.yaml", Self.small)
        let b = try temporaryFile("b.yaml", Self.small)
        let r = try coresat("check", "--junit", a, b, "--paths", "100")
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr == "error: \(a): --junit: is a scenario file, not a report; --junit takes the XML file to write, as in --junit report.xml\n")
        #expect(try String(contentsOfFile: a, encoding: .utf8) == Self.small)
        let baseline = URL(fileURLWithPath: a).deletingLastPathComponent().appendingPathComponent("base.json").path
        #expect(try coresat("run", a, "--paths", "100", "--format", "json", "--output", baseline).status == 0)
        let saved = try String(contentsOfFile: baseline, encoding: .utf8)
        let overBaseline = try coresat("check", a, "--baseline", baseline, "--junit", baseline)
        #expect(overBaseline.status == 2 && overBaseline.stderr.contains("--junit: is also an input of this command (\(baseline))"))
        #expect(try String(contentsOfFile: baseline, encoding: .utf8) == saved)
    }

    @Test func metricsRefusesToOverwriteItsCSV() throws {
        let csv = try temporaryFile("r.csv", "date,a\n2024-01-31,0.01\n2024-02-29,0.02\n2024-03-31,0.03\n")
        let r = try coresat("metrics", csv, "--output", csv)
        #expect(r.status == 2 && r.stderr.contains("is also an input of this command"))
        #expect(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("date,a\n"))
    }

    @Test func aMissingDirectoryOrADirectoryTargetIsAClearError() throws {
        let dir = try temporaryDirectory()
        let missing = dir.appendingPathComponent("no/such/report.csv").path
        let r = try run(missing)
        #expect(r.status == 2)
        #expect(r.stderr == "error: \(missing): --output: cannot write here: \(dir.path)/no/such does not exist\n")
        let directory = try run(dir.path)
        #expect(directory.status == 2 && directory.stderr.contains("--output: is a directory"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
