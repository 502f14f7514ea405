import Foundation
import Testing

@testable import CoreSat

/// `OutputFile` as a library type: streaming, commit, and what an abandoned file leaves behind.
struct OutputFileTests {
    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coresat-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func contents(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func piecesAppearOnlyAtCommitAndTheOldFileStaysUntilThen() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("result.bin").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let file = try OutputFile.open(path)
        try file.write("head,")
        let block = [UInt8](repeating: 65, count: 100_000)
        #expect(block.withUnsafeBytes { bytes in inputError { () throws(InputError) in try file.write(bytes) } } == nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try file.commit()
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.count == 100_005 && written.hasPrefix("head,AAA"))
        #expect(try contents(dir) == ["result.bin"])
    }

    @Test func anAbandonedFileLeavesTheTargetAndNoTemporary() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("result.csv").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let file = try OutputFile.open(path)
            try file.write("half a resu")
            #expect(try contents(dir).count == 2)  // the temporary file is there while writing
        }
        #expect(try contents(dir) == ["result.csv"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        let discarded = try OutputFile.open(dir.appendingPathComponent("new.csv").path)
        try discarded.write("x")
        discarded.discard()
        #expect(try contents(dir) == ["result.csv"])
    }

    @Test func inputsAreComparedByFileNotByName() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.yaml").path
        try "name: x".write(toFile: input, atomically: false, encoding: .utf8)
        let e = inputError { () throws(InputError) in
            try OutputFile.write("y", to: dir.path + "/./in.yaml", protecting: [dir.path + "/../" + dir.lastPathComponent + "/in.yaml"], label: "--output")
        }
        #expect(e?.keyPath == "--output" && e?.reason.hasPrefix("is also an input of this command") == true)
        try OutputFile.write("y", to: dir.appendingPathComponent("out.txt").path, protecting: [input])
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "name: x")
    }

    @Test func aFailingWriteIsAnErrorNamingThePath() throws {
        let e = inputError { () throws(InputError) in try OutputFile.write("x", to: "/dev/full") }
        #expect(e?.description == "/dev/full: cannot write: No space left on device")
    }
}
