/// The base sleeve weights, unchanged: with a volatility target this is a volatility-targeted
/// static sleeve.
public struct BaseSleeve: StatelessSleeveRule {
    public init() {}

    public func needs(_ plan: SleevePlan) -> SignalMemory.Needs { SignalMemory.Needs(months: 0) }

    public func choose(_ view: PolicyView, memory: SignalMemory, plan: SleevePlan, sleeve: UnsafeMutableBufferPointer<Double>) -> SleeveChoice {
        for a in sleeve.indices { sleeve[a] = plan.baseSleeve[a] }
        return .chosen
    }
}
