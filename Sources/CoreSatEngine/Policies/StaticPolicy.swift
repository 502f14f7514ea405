/// Fixed target weights, reviewed on a calendar or by tolerance bands. It has no runner: the
/// account trades back to the targets without a call into the policy.
public struct StaticPolicy: Policy {
    public let name: String
    public let targets: [Double]
    public let review: RebalanceRule

    public init(name: String, targets: [Double], review: RebalanceRule) {
        self.name = name
        self.targets = targets
        self.review = review
    }

    public var initialWeights: [Double] { targets }
    public func makeRunner(assetCount: Int) -> (any PolicyRunner)? { nil }
}
