import Foundation
import Testing

/// A full disk or a closed standard output ends every command with status 2 and one line on
/// stderr, never a crash (a signal) or an exit 0 with the output lost.
struct StandardOutputTests {
    struct Ending {
        let reason: Process.TerminationReason
        let status: Int32
        let stderr: String
    }

    /// Runs the executable with `arguments` through `/bin/sh -c script`, stdout on /dev/full.
    func ending(_ script: String, _ arguments: [String]) throws -> Ending {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, executable.path] + arguments
        process.currentDirectoryURL = packageRoot
        process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Ending(reason: process.terminationReason, status: process.terminationStatus, stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let returns = "date,a\n2024-01-31,0.01\n2024-02-29,0.02\n2024-03-31,0.03\n"

    static func commands() throws -> [[String]] {
        let small = "Tests/CoreSatTests/Fixtures/small-scenario.yaml"
        return [
            ["run", small, "--paths", "100"], ["run", small, "--paths", "100", "--format", "json"],
            ["validate", small], ["check", small, "--paths", "100"],
            ["metrics", try temporaryFile("r.csv", returns)], ["--help"], ["help", "run"],
        ]
    }

    @Test func aFullDiskIsAnErrorNotACrash() throws {
        for command in try Self.commands() {
            let e = try ending(#"exec "$0" "$@""#, command)
            #expect(e.reason == .exit && e.status == 2, "\(command): \(e.reason) \(e.status)")
            #expect(e.stderr == "error: cannot write to standard output: No space left on device\n", "\(command)")
        }
    }

    @Test func aClosedStandardOutputIsAnErrorNotACrash() throws {
        for command in try Self.commands() {
            let e = try ending(#"exec "$0" "$@" >&-"#, command)
            #expect(e.reason == .exit && e.status == 2, "\(command): \(e.reason) \(e.status)")
            #expect(e.stderr == "error: cannot write to standard output: Bad file descriptor\n", "\(command)")
        }
    }

    @Test func aClosedStandardErrorDoesNotStopTheCommandOrItsExitStatus() throws {
        let bad = try ending(#"exec "$0" "$@" 2>&-"#, ["run", "no/such.yaml"])
        #expect(bad.reason == .exit && bad.status == 2)
    }
}
