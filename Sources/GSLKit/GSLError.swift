import CGSL

/// A GSL call that did not return `GSL_SUCCESS`, with GSL's own reason text.
public struct GSLError: Error, CustomStringConvertible, Sendable, Equatable {
    public let status: Int32
    public let operation: String
    /// What the status means for this operation, when GSL's generic text would not say.
    public let detail: String?

    public init(status: Int32, operation: String, detail: String? = nil) {
        self.status = status
        self.operation = operation
        self.detail = detail
    }

    /// A failure found by Swift code around GSL calls, with its reason.
    public static func failed(_ operation: String, _ detail: String) -> GSLError {
        GSLError(status: Int32(GSL_EFAILED), operation: operation, detail: detail)
    }

    public var reason: String { detail ?? String(cString: gsl_strerror(status)) }
    public var description: String { "\(operation) failed: \(reason)" }
}

enum GSL {
    /// GSL's default handler aborts the process; turn it off once so every failure
    /// comes back as a status code that we turn into a `GSLError`.
    private static let errorHandlerDisabled: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Call before any GSL function that can fail.
    @inline(__always) static func prepare() {
        precondition(errorHandlerDisabled)
    }

    static func check(_ status: Int32, _ operation: String, details: [Int32: String] = [:]) throws(GSLError) {
        if status != Int32(GSL_SUCCESS) {
            throw GSLError(status: status, operation: operation, detail: details[status])
        }
    }
}
