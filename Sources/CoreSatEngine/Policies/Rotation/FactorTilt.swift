/// Factor-sleeve rotation: the base sleeve weights tilted by trailing factor momentum,
/// w_a = base_a x max(0, 1 + tilt x z_a), z the cross-sectional z-score (population standard
/// deviation) of trailing returns over `months` months (skipping `skip`), renormalised to sum 1.
/// With the policy's cap (e.g. 40%) this is the shape of a DYNF-like sleeve. When all trailing
/// returns are equal, z is 0 and the base weights stand.
public struct FactorTilt: StatelessSleeveRule {
    public var months: Int
    public var skip: Int
    public var tilt: Double

    public init(months: Int, skip: Int = 0, tilt: Double) {
        self.months = months
        self.skip = skip
        self.tilt = tilt
    }

    public func needs(_ plan: SleevePlan) -> SignalMemory.Needs { SignalMemory.Needs(months: months + skip) }

    public func choose(_ view: PolicyView, memory: SignalMemory, plan: SleevePlan, sleeve: UnsafeMutableBufferPointer<Double>) -> SleeveChoice {
        guard memory.has(months: months, skip: skip) else { return .wait }
        // Momentum goes into `sleeve` first: no scratch array in a review.
        let n = Double(plan.universe.count)
        var mean = 0.0
        for (a, i) in plan.universe.enumerated() {
            sleeve[a] = memory.trailingReturn(asset: i, months: months, skip: skip)
            mean += sleeve[a] / n
        }
        var variance = 0.0
        for a in sleeve.indices { variance += (sleeve[a] - mean) * (sleeve[a] - mean) / n }
        let deviation = variance.squareRoot()
        var total = 0.0
        for a in sleeve.indices {
            let z = deviation > 0 ? (sleeve[a] - mean) / deviation : 0
            sleeve[a] = plan.baseSleeve[a] * max(0, 1 + tilt * z)
            total += sleeve[a]
        }
        guard total > 0 else {
            for a in sleeve.indices { sleeve[a] = plan.baseSleeve[a] }
            return .fallback
        }
        for a in sleeve.indices { sleeve[a] /= total }
        return .chosen
    }
}
