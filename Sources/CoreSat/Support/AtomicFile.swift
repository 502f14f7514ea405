import Foundation

/// Writes a whole file or nothing: the text goes to a temporary file beside the target, which is
/// then renamed over it, so an interrupted run never leaves a half-written result.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(InputError) {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw InputError(file: path, reason: "cannot write output: \(error.localizedDescription)")
        }
        if rename(temporary.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(file: path, reason: "cannot write output: \(reason)")
        }
    }
}

extension AtomicFile {
    /// Streams bytes into a temporary file beside `path` and renames it over `path` when `body`
    /// finishes; on any error the temporary file is removed and nothing is left at `path`.
    public static func stream(to path: String, _ body: (_ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw InputError(file: path, reason: "cannot write output: \(String(cString: strerror(errno)))") }
        var closed = false
        defer {
            if !closed { close(fd) }
            unlink(temporary)  // a no-op once renamed
        }
        try body { bytes in
            var done = 0
            while done < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw InputError(file: path, reason: "cannot write output: \(String(cString: strerror(errno)))") }
                done += n
            }
        }
        closed = true
        guard close(fd) == 0 else { throw InputError(file: path, reason: "cannot write output: \(String(cString: strerror(errno)))") }
        guard rename(temporary, path) == 0 else { throw InputError(file: path, reason: "cannot write output: \(String(cString: strerror(errno)))") }
    }
}
