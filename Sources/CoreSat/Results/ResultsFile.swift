import CoreSatEngine
import Foundation
import GSLKit

/// The saved-results file (docs/output.md has the layout and a reader for numpy and pandas):
///
///     coresat-results 1\n          the format and its version
///     <N>\n                        the byte length of the metadata
///     <N bytes of JSON metadata>   see `SavedRun.json`; `columns` names the columns in order
///     <columns>                    each column: one little-endian float64 per path held, in path order
///
/// Columns are stored one after another (not path by path), so a reader takes one figure without
/// reading the rest and a merge holds one column at a time.
public enum ResultsFile {
    static let magic = "\(SavedRun.formatName) \(SavedRun.formatVersion)\n"

    /// Writes the header and then each column in layout order; `column(c)` gives the c-th column's
    /// values for the paths held. `sink` receives the bytes in order.
    public static func write(
        _ meta: SavedRun, column: (Int) throws -> [Double], to sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let json = meta.json.rendered()
        let header = magic + "\(json.utf8.count)\n" + json
        try Array(header.utf8).withUnsafeBytes { try sink($0) }
        let held = meta.pathsHeld
        for c in meta.run.layout.columns.indices {
            let values = try column(c)
            precondition(values.count == held, "column \(c) has \(values.count) values for \(held) paths")
            try values.map(\.bitPattern.littleEndian).withUnsafeBytes { try sink($0) }
        }
    }
}

/// One saved results file opened for reading: its metadata checked, its size checked against it,
/// its columns read on demand.
public final class SavedResultsFile: Sendable {
    public let path: String
    public let meta: SavedRun
    let dataOffset: Int
    let descriptor: Int32

    public init(path: String) throws(InputError) {
        self.path = path
        func failure(_ code: Int32) -> InputError {
            InputError(file: path, reason: "cannot read the results file: \(String(cString: strerror(code)))")
        }
        // Not blocking: a FIFO named by mistake must be refused, not waited on.
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw failure(errno) }
        descriptor = fd
        do throws(InputError) {
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw failure(errno) }
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw InputError(file: path, reason: info.st_mode & S_IFMT == S_IFDIR ? "is a directory, not a results file" : "is not a regular file")
            }
            let size = Int(info.st_size)
            (meta, dataOffset) = try Self.readHeader(fd, size: size, path: path)
            let expected = dataOffset + meta.run.layout.columns.count * meta.pathsHeld * 8
            if size < expected {
                throw InputError(file: path, reason: "the file is cut short: \(size) bytes of the \(expected) its header announces")
            }
            if size > expected {
                throw InputError(file: path, reason: "the file has \(size - expected) bytes after the data its header announces")
            }
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(descriptor) }

    /// The c-th column's values for the paths this file holds.
    public func column(_ c: Int) throws(InputError) -> [Double] {
        let count = meta.pathsHeld
        var bits = [UInt64](repeating: 0, count: count)
        let offset = dataOffset + c * count * 8
        let read = bits.withUnsafeMutableBytes { buffer in Result { () throws(InputError) in try readFully(buffer, at: offset) } }
        try read.get()
        return bits.map { Double(bitPattern: UInt64(littleEndian: $0)) }
    }

    private func readFully(_ buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(InputError) {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw InputError(file: path, reason: n == 0 ? "the file is cut short" : "cannot read the results file: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    /// Reads the magic line, the length line and the metadata; returns them with the data offset.
    private static func readHeader(_ fd: Int32, size: Int, path: String) throws(InputError) -> (SavedRun, Int) {
        func readBytes(_ count: Int, at offset: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: count)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, count, off_t(offset)) }
            return Array(bytes.prefix(max(n, 0)))
        }
        let notResults = InputError(file: path, reason: "not a coresat results file (save one with 'coresat run SCENARIO --save FILE')")
        let start = readBytes(64, at: 0)
        let magic = Array(ResultsFile.magic.utf8)
        guard start.count > magic.count, start.starts(with: Array("\(SavedRun.formatName) ".utf8)) else { throw notResults }
        guard start.starts(with: magic) else {
            let line = String(decoding: start.prefix { $0 != 10 }, as: UTF8.self)
            throw InputError(file: path, reason: "'\(line)' is a results format this version does not read (it reads \(ResultsFile.magic.dropLast()))")
        }
        let rest = start[magic.count...]
        guard let newline = rest.firstIndex(of: 10), let length = Int(String(decoding: rest[..<newline], as: UTF8.self)), length > 0
        else { throw notResults }
        let jsonOffset = newline + 1
        guard length <= size - jsonOffset else { throw InputError(file: path, reason: "the file is cut short inside its header") }
        let json = readBytes(length, at: jsonOffset)
        guard json.count == length else { throw InputError(file: path, reason: "the file is cut short inside its header") }
        let meta = try SavedRunReader(path: path).read(Data(json))
        return (meta, jsonOffset + length)
    }
}
