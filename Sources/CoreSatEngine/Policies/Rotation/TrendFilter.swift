/// Holds each rotating satellite at its base weight while its total-return level is above the
/// average of its last `months` month-end levels (the latest included); a satellite below its
/// average hands its weight to the destination.
public struct TrendFilter: StatelessSleeveRule {
    public var months: Int

    public init(months: Int) { self.months = months }

    public func needs(_ plan: SleevePlan) -> SignalMemory.Needs { SignalMemory.Needs(months: months, levels: true) }

    public func choose(_ view: PolicyView, memory: SignalMemory, plan: SleevePlan, sleeve: UnsafeMutableBufferPointer<Double>) -> SleeveChoice {
        guard memory.has(months: months) else { return .wait }
        for a in plan.universe.indices {
            sleeve[a] = memory.level(a) > memory.averageLevel(a, months: months) ? plan.baseSleeve[a] : 0
        }
        return .chosen
    }
}
