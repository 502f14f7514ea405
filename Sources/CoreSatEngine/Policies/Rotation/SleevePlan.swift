/// How a rotation policy's targets are put together: the base targets fix the core (and any asset
/// outside the rotation); the rule splits the rotating budget among the rotating satellites; what
/// it leaves unplaced (a satellite failing a filter, a cap, a volatility target) goes to the
/// destination: the core pro rata, or a cash asset.
public struct SleevePlan: Sendable, Equatable {
    /// The policy's base targets (all assets; sum 1): starting weights and the weights while a
    /// rule has too little history.
    public let base: [Double]
    /// The rotating satellites' asset indices.
    public let universe: [Int]
    /// Their base targets' sum: the share of the portfolio the rule moves.
    public let budget: Double
    /// Their base weights as fractions of the budget (sum 1).
    public let baseSleeve: [Double]
    /// Where unplaced sleeve weight goes: weights over all assets summing to 1.
    public let destination: [Double]
    /// The asset unplaced weight goes to, when the plan names one (a cash asset); nil: the core.
    public let destinationAsset: Int?
    /// The largest fraction of the sleeve one satellite may take; nil: no cap.
    public let cap: Double?
    /// Scales the sleeve down when its trailing volatility exceeds a target; nil: never.
    public let volatilityTarget: VolatilityTarget?

    public enum Destination: Sendable, Equatable {
        /// The core assets, in proportion to their base targets.
        case core
        /// One asset (a cash asset, outside the rotation).
        case asset(Int)
    }

    /// Nil when the plan cannot work: the base targets put nothing in the rotating satellites, the
    /// destination is the core but the core has no weight, or the cash asset rotates itself.
    public init?(
        base: [Double], universe: [Int], coreAssets: [Int], destination: Destination, cap: Double? = nil,
        volatilityTarget: VolatilityTarget? = nil
    ) {
        let budget = universe.reduce(0) { $0 + base[$1] }
        guard budget > 0, !universe.isEmpty else { return nil }
        var to = Array(repeating: 0.0, count: base.count)
        switch destination {
        case .core:
            let core = coreAssets.reduce(0) { $0 + base[$1] }
            guard core > 0 else { return nil }
            for i in coreAssets { to[i] = base[i] / core }
            destinationAsset = nil
        case .asset(let i):
            guard !universe.contains(i) else { return nil }
            to[i] = 1
            destinationAsset = i
        }
        self.base = base
        self.universe = universe
        self.budget = budget
        baseSleeve = universe.map { base[$0] / budget }
        self.destination = to
        self.cap = cap
        self.volatilityTarget = volatilityTarget
    }

    /// Caps each fraction at `cap`, handing the excess to the uncapped satellites that hold weight,
    /// in proportion to their weight, until none is over; what nobody can take stays unplaced.
    static func applyCap(_ cap: Double, to sleeve: UnsafeMutableBufferPointer<Double>) {
        for _ in sleeve.indices {
            var excess = 0.0
            var room = 0.0
            for (a, w) in sleeve.enumerated() {
                if w > cap {
                    excess += w - cap
                    sleeve[a] = cap
                } else if w > 0 && w < cap {
                    room += w
                }
            }
            guard excess > 0, room > 0 else { return }
            for (a, w) in sleeve.enumerated() where w > 0 && w < cap { sleeve[a] = w + excess * w / room }
        }
    }
}
