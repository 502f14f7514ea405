import CoreSat
import Foundation

/// Everything a command prints goes through here, so a full disk or a closed standard output ends
/// the command with an error (exit status 2) instead of a crash or silently lost output.
enum StandardOutput {
    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "cannot write to standard output: \(Descriptor.reason(code))" }
    }

    static func write(_ text: String) throws(Failure) {
        if let code = Descriptor.writeAll(STDOUT_FILENO, text) { throw Failure(code: code) }
    }

    static func print(_ line: String) throws(Failure) {
        try write(line + "\n")
    }
}

/// Standard error: messages and the progress line. A failure to write there has nowhere to be
/// reported, so it is ignored.
enum StandardError {
    static func write(_ text: String) {
        _ = Descriptor.writeAll(STDERR_FILENO, text)
    }
}
