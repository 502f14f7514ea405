/// A policy answered a review with targets the account cannot accept (not finite, outside the
/// policy's bounds, not summing to 1). It is a defect of the policy, not of the user's input: the
/// run stops and the command exits with status 3.
public struct PolicyFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var policy: String
    /// Global path index (0-based) and month (0-based) of the review.
    public var path: Int
    public var month: Int
    public var reason: String

    public init(policy: String, path: Int, month: Int, reason: String) {
        self.policy = policy
        self.path = path
        self.month = month
        self.reason = reason
    }

    public var description: String {
        "policy '\(policy)' gave invalid targets at month \(month) of path \(path): \(reason)"
    }
}
