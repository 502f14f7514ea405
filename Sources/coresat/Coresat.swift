import CoreSatEngine
import ArgumentParser
import CoreSat
import Foundation

@main
struct Coresat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coresat",
        abstract: "Compare core-satellite ETF allocation policies on the same simulated markets.",
        subcommands: [Run.self, Merge.self, Validate.self, Metrics.self, Check.self])

    /// Bad input of any kind (scenario, CSV, flags) ends with one line on stderr and exit status 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as InputError {
            fail(error.description)
        } catch let error as PolicyFailure {
            // A policy's defect, not the user's input.
            fail("internal error: \(error)", status: 3)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            fail(message(for: error) + " (see --help)")
        }
    }

    static func fail(_ message: String, status: Int32 = 2) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(status)
    }
}
