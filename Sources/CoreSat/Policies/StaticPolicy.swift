/// When a fixed-weight policy trades back to its targets.
public enum RebalanceRule: Sendable, Equatable {
    /// Every `months` months (1 monthly, 3 quarterly, 6 semiannual, 12 annual), at month end.
    case calendar(months: Int)
    case never
    /// When any weight is more than `absolute` away from target, or more than `relative` x target
    /// away; checked every month end. Either may be nil.
    case bands(absolute: Double?, relative: Double?)
}

/// Fixed target weights with a calendar or tolerance-band rebalancing rule.
public struct StaticPolicy: Policy {
    public let name: String
    public let targets: [Double]
    public let rule: RebalanceRule

    public init(name: String, targets: [Double], rule: RebalanceRule) {
        self.name = name
        self.targets = targets
        self.rule = rule
    }

    public var initialWeights: [Double] { targets }

    public func rebalance(_ context: PolicyContext, target: UnsafeMutableBufferPointer<Double>) -> Bool {
        let due: Bool
        switch rule {
        case .never: due = false
        case .calendar(let months): due = (context.month + 1) % months == 0
        case .bands(let absolute, let relative): due = outsideBands(context, absolute: absolute, relative: relative)
        }
        if due { _ = target.update(fromContentsOf: targets) }
        return due
    }

    /// |h_i / V - w_i| > band, compared as |h_i - w_i V| > band x V to avoid a division per asset.
    private func outsideBands(_ context: PolicyContext, absolute: Double?, relative: Double?) -> Bool {
        let value = context.value
        let absoluteLimit = (absolute ?? .infinity) * value
        let relativeScale = (relative ?? .infinity) * value
        for i in targets.indices {
            let deviation = abs(context.holdings[i] - targets[i] * value)
            if deviation > absoluteLimit || (targets[i] > 0 && deviation > relativeScale * targets[i]) { return true }
        }
        return false
    }
}
