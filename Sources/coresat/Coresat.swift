import CoreSatEngine
import ArgumentParser
import CoreSat
import Foundation

@main
struct Coresat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coresat",
        abstract: "Compare core-satellite ETF allocation policies on the same simulated markets.",
        version: "coresat \(CoreSatVersion.string)",
        subcommands: [Run.self, Merge.self, Validate.self, Metrics.self, Check.self, DataCommand.self, FitRegimes.self, Optimize.self, Frontier.self])

    /// Bad input of any kind (scenario, CSV, flags) ends with one line on stderr and exit status 2.
    static func main() {
        reserveStandardDescriptors()
        do {
            try checkHelpTopics(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot()
            try command.run()
        } catch let error as InputError {
            fail(error.description)
        } catch let error as PolicyFailure {
            // A policy's defect, not the user's input.
            fail("internal error: \(error)", status: 3)
        } catch let error as StandardOutput.Failure {
            fail(error.description)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                do { try StandardOutput.print(fullMessage(for: error)) } catch { fail(error.description) }
                Foundation.exit(0)
            }
            fail(message(for: error) + " (see --help)")
        }
    }

    static func fail(_ message: String, status: Int32 = 2) -> Never {
        StandardError.write("error: \(message)\n")
        Foundation.exit(status)
    }

    /// ArgumentParser answers `help NAME` for an unknown NAME with the general help and status 0;
    /// an unknown command is bad input like any other.
    static func checkHelpTopics(_ arguments: [String]) throws(InputError) {
        guard arguments.first == "help" else { return }
        var parent: ParsableCommand.Type = Coresat.self
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            let commands = parent.configuration.subcommands
            guard let command = commands.first(where: { $0._commandName == name }) else {
                let names = commands.map { $0._commandName }.joined(separator: ", ")
                throw InputError(file: "help", reason: names.isEmpty
                    ? "'\(parent._commandName)' has no command '\(name)'" : "unknown command '\(name)'; the commands are \(names)")
            }
            parent = command
        }
    }

    /// A closed standard descriptor would be handed to the next file opened, and output meant for
    /// it would land in that file. Holding the slot with a read-only /dev/null makes writes to it
    /// fail (EBADF) instead, and that failure is reported.
    static func reserveStandardDescriptors() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 {
            _ = open("/dev/null", O_RDONLY)  // the lowest free number: this one
        }
    }
}
