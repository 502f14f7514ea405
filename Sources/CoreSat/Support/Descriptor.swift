import Foundation

/// Plain POSIX I/O on file descriptors, with errors as values instead of traps.
public enum Descriptor {
    /// Writes every byte with write(2), continuing after short writes and EINTR. Returns nil on
    /// success, or the errno of the failing call.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }

    /// The same for a string's UTF-8 bytes.
    public static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
    }

    /// The system's words for an errno, such as "No space left on device".
    public static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
