/// A problem with something the user gave us (a scenario, a CSV file, a flag). The CLI prints
/// it as one line and exits with status 2.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// Where in the document: `policies[1].weights.csi300`, or `row 14, column fund` for CSV.
    public var keyPath: String?
    public var reason: String

    public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.reason = reason
    }

    /// `file:line:column: key.path: reason`
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let keyPath, !keyPath.isEmpty { text += ": \(keyPath)" }
        return text + ": " + reason
    }
}
