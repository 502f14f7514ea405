import Foundation

/// Reads an input file whole, with the system's own words for what went wrong ("No such file or
/// directory"), not Foundation's error domains.
public enum TextFile {
    /// The bytes of `path`; `what` names the file in messages ("the scenario file").
    public static func bytes(_ path: String, what: String) throws(InputError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(file: path, reason: "cannot read \(what): \(Descriptor.reason(errno))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw InputError(file: path, reason: "cannot read \(what): \(Descriptor.reason(errno))") }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
        }
    }

    /// The text of `path`, which must be UTF-8.
    public static func text(_ path: String, what: String) throws(InputError) -> String {
        guard let text = String(validating: try bytes(path, what: what), as: UTF8.self) else {
            throw InputError(file: path, reason: "cannot read \(what): it is not UTF-8 text")
        }
        return text
    }

    /// The lines of a text, for "\n", "\r\n" or "\r" endings alike. Cut on the UTF-8 bytes: a
    /// split by Characters runs grapheme breaking over the whole file, a tenth of a backtest.
    static func lines(_ text: String) -> [Substring] {
        let bytes = text.utf8
        var lines: [Substring] = []
        var start = bytes.startIndex, i = start
        while i != bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(Substring(bytes[start..<i]))
                let next = bytes.index(after: i)
                i = byte == UInt8(ascii: "\r") && next != bytes.endIndex && bytes[next] == UInt8(ascii: "\n") ? bytes.index(after: next) : next
                start = i
            } else {
                i = bytes.index(after: i)
            }
        }
        lines.append(Substring(bytes[start..<i]))
        return lines
    }
}
