import Foundation

/// A file a command writes its result to, streamed in pieces.
///
/// - A regular file (existing or new) is replaced whole: bytes go to a temporary file in the same
///   directory, renamed over the target by `commit()`, so nobody sees half a result. The new file
///   keeps the old one's permission bits; a new file gets 0666 less the umask.
/// - A device or FIFO (`/dev/null`, a named pipe) is written directly: renaming would replace the node.
/// - `/dev/stdout`, `/dev/fd/N` and `/proc/self/fd/N` write through the descriptor itself.
/// - A symbolic link is followed to its final target, so the link stays a link.
/// - A path that is one of the command's inputs, under any name, is refused.
///
/// An `OutputFile` dropped (or `discard()`ed) before `commit()` removes its temporary file.
public final class OutputFile {
    /// The path as given, for messages.
    public let path: String
    /// Put in messages as the key path (the flag that named the file, like `--output`).
    let label: String?
    private let fd: Int32
    /// The temporary file and the file it will replace; nil when writing through.
    private let replacement: (temporary: String, target: String)?
    private var isOpen = true

    private init(path: String, label: String?, fd: Int32, replacement: (temporary: String, target: String)?) {
        self.path = path
        self.label = label
        self.fd = fd
        self.replacement = replacement
    }

    deinit { discard() }

    /// Opens `path` for writing, refusing it when it is the same file as one of `inputs`.
    public static func open(_ path: String, protecting inputs: [String] = [], label: String? = nil) throws(InputError) -> OutputFile {
        func failure(_ reason: String) -> InputError { InputError(file: path, keyPath: label, reason: reason) }
        var info = stat()
        let exists = stat(path, &info) == 0
        guard exists || errno == ENOENT else { throw failure("cannot write here: \(Descriptor.reason(errno))") }
        let type = info.st_mode & S_IFMT
        if exists {
            if type == S_IFDIR { throw failure("is a directory; give a file name") }
            // A terminal or /dev/null can be input and output at once without losing anything.
            if type != S_IFCHR, let input = inputs.first(where: { sameFile($0, info) }) {
                throw failure("is also an input of this command (\(input)); write the output elsewhere")
            }
        }
        if let inherited = inheritedDescriptor(path) {
            let fd = dup(inherited)
            guard fd >= 0 else { throw failure("cannot write here: \(Descriptor.reason(errno))") }
            return OutputFile(path: path, label: label, fd: fd, replacement: nil)
        }
        if exists && type != S_IFREG {
            let fd = openFile(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw failure("cannot write here: \(Descriptor.reason(errno))") }
            return OutputFile(path: path, label: label, fd: fd, replacement: nil)
        }
        let target: String
        if exists {
            guard let resolved = realpath(path, nil) else { throw failure("cannot write here: \(Descriptor.reason(errno))") }
            target = String(cString: resolved)
            free(resolved)
        } else {
            target = try createdTarget(of: path, failure)
        }
        let directory = directoryName(target)
        let name = target.lastIndex(of: "/").map { String(target[target.index(after: $0)...]) } ?? target
        var fd: Int32 = -1
        var temporary = ""
        repeat {  // O_EXCL: never reuse a file someone else made; a clash just draws another name
            temporary = "\(directory)/.\(name).\(String(UInt32.random(in: .min ... .max), radix: 36)).tmp"
            fd = openFile(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        } while fd < 0 && errno == EEXIST
        guard fd >= 0 else {
            let code = errno
            var directoryInfo = stat()
            if code == ENOENT && stat(directory, &directoryInfo) != 0 { throw failure("cannot write here: \(directory) does not exist") }
            throw failure("cannot write here: cannot create a file in \(directory): \(Descriptor.reason(code))")
        }
        if exists {
            _ = fchmod(fd, info.st_mode & 0o777)
            _ = fchown(fd, info.st_uid, info.st_gid)  // only root may; elsewhere the owner is already us
        }
        return OutputFile(path: path, label: label, fd: fd, replacement: (temporary, target))
    }

    /// Writes `text` to `path` in one go (see `open`).
    public static func write(_ text: String, to path: String, protecting inputs: [String] = [], label: String? = nil) throws(InputError) {
        let file = try open(path, protecting: inputs, label: label)
        try file.write(text)
        try file.commit()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(InputError) {
        precondition(isOpen, "OutputFile written after commit or discard")
        if let code = Descriptor.writeAll(fd, bytes) { throw error("cannot write: \(Descriptor.reason(code))") }
    }

    public func write(_ text: String) throws(InputError) {
        precondition(isOpen, "OutputFile written after commit or discard")
        if let code = Descriptor.writeAll(fd, text) { throw error("cannot write: \(Descriptor.reason(code))") }
    }

    /// Finishes the file: closes it and, for a regular file, renames the temporary file over the target.
    public func commit() throws(InputError) {
        precondition(isOpen, "OutputFile committed twice or after discard")
        isOpen = false
        // Some file systems report a failed write only at close; Linux closes the descriptor even on EINTR.
        let closeFailed = close(fd) != 0 && errno != EINTR
        let code = errno
        guard let (temporary, target) = replacement else {
            if closeFailed { throw error("cannot write: \(Descriptor.reason(code))") }
            return
        }
        if closeFailed {
            unlink(temporary)
            throw error("cannot write: \(Descriptor.reason(code))")
        }
        if rename(temporary, target) != 0 {
            let code = errno
            unlink(temporary)
            throw error("cannot replace the file: \(Descriptor.reason(code))")
        }
    }

    /// Gives up: closes the file and removes the temporary file; the target is left as it was.
    public func discard() {
        guard isOpen else { return }
        isOpen = false
        close(fd)
        if let replacement { unlink(replacement.temporary) }
    }

    private func error(_ reason: String) -> InputError { InputError(file: path, keyPath: label, reason: reason) }

    /// Whether two output paths name one file, through links, `/dev/fd/N` or a symlinked folder:
    /// by device and inode when it exists, by the resolved folder and name when it is yet to be made.
    public static func sameTarget(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        if stat(a, &x) == 0 && stat(b, &y) == 0 { return x.st_dev == y.st_dev && x.st_ino == y.st_ino }
        func resolved(_ path: String) -> String? {
            guard let target = try? createdTarget(of: path, { InputError(file: path, reason: $0) }) else { return nil }
            let name = target.lastIndex(of: "/").map { String(target[target.index(after: $0)...]) } ?? target
            guard let folder = realpath(directoryName(target), nil) else { return nil }
            defer { free(folder) }
            return String(cString: folder) + "/" + name
        }
        guard let ra = resolved(a), let rb = resolved(b) else { return false }
        return ra == rb
    }

    static func sameFile(_ path: String, _ info: stat) -> Bool {
        var other = stat()
        return stat(path, &other) == 0 && other.st_dev == info.st_dev && other.st_ino == info.st_ino
    }

    /// The descriptor a path names, when it names one this process already has: writing through a
    /// duplicate keeps its offset and append mode, as the shell's `>` or `>>` set them.
    static func inheritedDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) { return Int32(path.dropFirst(prefix.count)) }
            return nil
        }
    }

    /// Where a file that does not exist yet will be created: a dangling symbolic link is followed to
    /// the name it points at.
    static func createdTarget(of path: String, _ failure: (String) -> InputError) throws(InputError) -> String {
        var current = path
        for _ in 0..<40 {  // the kernel's own limit on links in a row
            var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX))
            let n = buffer.withUnsafeMutableBufferPointer { readlink(current, $0.baseAddress!, $0.count) }
            guard n > 0 else { return current }  // not a link, or nothing there
            let destination = String(decoding: buffer[0..<n], as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : directoryName(current) + "/" + destination
        }
        throw failure("cannot write here: too many levels of symbolic links")
    }

    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func openFile(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        Foundation.open(path, flags, mode)
    }
}
