import Foundation
import Testing

/// The memory guard under an address-space limit (`ulimit -v`), through the executable.
struct MemoryGuardTests {
    /// Runs coresat under `ulimit -v kilobytes`; the crash backtracer is off so that a failure
    /// ends the process instead of leaving it waiting.
    func underAddressSpaceLimit(_ kilobytes: Int, _ arguments: [String]) throws -> Outcome {
        try launch(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "ulimit -v \(kilobytes) && exec \"$0\" \"$@\"", executable.path] + arguments,
            environment: ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 })
    }

    static let small = "Tests/CoreSatTests/Fixtures/small-scenario.yaml"

    @Test func aRunTooBigForTheAddressSpaceLimitIsRefusedByRunAndValidate() throws {
        // 100,000 paths fit the machine's memory many times over, but not half of 300 MB.
        let run = try underAddressSpaceLimit(300_000, ["run", Self.small, "--paths", "100000", "--threads", "2"])
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: --paths: 100000 paths need about "))
        #expect(run.stderr.hasSuffix(" of memory, and the limit is half of 307 MB (the address-space limit); use fewer paths, or split the run into shards (--shard k/n)\n"))
        let scenario = try temporaryFile("s.yaml", try String(contentsOfFile: packageRoot.path + "/" + Self.small, encoding: .utf8)
            .replacingOccurrences(of: "paths: 100", with: "paths: 100000"))
        let validate = try underAddressSpaceLimit(300_000, ["validate", scenario])
        #expect(validate.status == 2)
        #expect(validate.stderr.hasPrefix("error: \(scenario):3:8: paths: 100000 paths need about "))
        #expect(validate.stderr.contains("(the address-space limit)"))
    }

    @Test func aRunTheGuardAcceptsUnderTheLimitCompletes() throws {
        let r = try underAddressSpaceLimit(400_000, ["run", Self.small, "--paths", "5000", "--threads", "2", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("section,name,figure"))
    }
}
