/// Fixed target weights, reviewed on a calendar or by tolerance bands.
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
    public var hasFixedTargets: Bool { true }

    public func targetWeights(_ context: PolicyContext, into target: UnsafeMutableBufferPointer<Double>) -> Bool {
        for i in targets.indices { target[i] = targets[i] }
        return true
    }
}
