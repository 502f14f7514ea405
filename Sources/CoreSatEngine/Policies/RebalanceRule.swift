/// When the account reviews a policy. The account checks the rule itself every month end (no call
/// into the policy), and only when it is due asks the policy for targets.
public enum RebalanceRule: Sendable, Equatable {
    /// Every `months` months (1 monthly, 3 quarterly, 6 semiannual, 12 annual), at month end.
    case calendar(months: Int)
    case never
    /// When any weight is more than `absolute` away from its current target, or more than
    /// `relative` x target away; checked every month end. Either may be nil. (A relative band
    /// around a zero target is zero: any holding there trips it.)
    case bands(absolute: Double?, relative: Double?)

    /// How far (as a weight) an asset with target `w` may drift before a band rule trips:
    /// the tighter of the absolute band and the relative band x w. Infinite for other rules.
    func band(target w: Double) -> Double {
        guard case .bands(let absolute, let relative) = self else { return .infinity }
        return min(absolute ?? .infinity, (relative ?? .infinity) * w)
    }

    /// Whether the rule calls for a review at the end of `month`, given holdings `h` worth `value`
    /// and each asset's `band` (from `band(target:)`). |h_i / value - w_i| > band_i is tested as
    /// |h_i - w_i value| > band_i x value, which saves a division per asset.
    @inline(__always) func isDue(
        month: Int, holdings h: UnsafeMutablePointer<Double>, targets w: UnsafeMutablePointer<Double>,
        bands: UnsafeMutablePointer<Double>, count n: Int, value: Double
    ) -> Bool {
        switch self {
        case .never: return false
        case .calendar(let months): return (month + 1) % months == 0
        case .bands:
            for i in 0..<n where abs(h[i] - w[i] * value) > bands[i] * value { return true }
            return false
        }
    }
}
