/// When the account reviews a policy. The account checks the rule itself every month end (no call
/// into the policy), and only when it is due asks the policy for targets.
public enum RebalanceRule: Sendable, Equatable {
    /// Every `months` months (1 monthly, 3 quarterly, 6 semiannual, 12 annual), at month end.
    case calendar(months: Int)
    case never
    /// When any weight is more than `absolute` away from its current target, or more than
    /// `relative` x target away; checked every month end. Either may be nil.
    case bands(absolute: Double?, relative: Double?)

    /// Whether the rule calls for a review at the end of `month`, given holdings `h` worth `value`
    /// and the current targets `w`. |h_i / value - w_i| > band is tested as
    /// |h_i - w_i value| > band x value, which saves a division per asset.
    @inline(__always) func isDue(
        month: Int, holdings h: UnsafeMutableBufferPointer<Double>, value: Double, targets w: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
        switch self {
        case .never: return false
        case .calendar(let months): return (month + 1) % months == 0
        case .bands(let absolute, let relative):
            let absoluteLimit = (absolute ?? .infinity) * value
            let relativeLimit = (relative ?? .infinity) * value
            for i in 0..<h.count {
                let deviation = abs(h[i] - w[i] * value)
                if deviation > absoluteLimit || (w[i] > 0 && deviation > relativeLimit * w[i]) { return true }
            }
            return false
        }
    }
}
