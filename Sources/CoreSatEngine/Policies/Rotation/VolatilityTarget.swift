/// Scales the satellite sleeve toward the destination when the sleeve's trailing volatility (its
/// current fractions applied to the satellites' sample covariance over `months` months, x sqrt(12))
/// exceeds `annual`. Until `months` months are recorded the sleeve is left as it is.
public struct VolatilityTarget: Sendable, Equatable {
    public var annual: Double
    public var months: Int

    public init(annual: Double, months: Int) {
        self.annual = annual
        self.months = months
    }

    var needs: SignalMemory.Needs { SignalMemory.Needs(months: months, moments: true) }

    func apply(to sleeve: UnsafeMutableBufferPointer<Double>, memory: SignalMemory) {
        guard memory.has(months: months) else { return }
        var variance = 0.0
        for a in sleeve.indices where sleeve[a] != 0 {
            for b in sleeve.indices where sleeve[b] != 0 {
                variance += sleeve[a] * sleeve[b] * memory.covariance(a, b, months: months)
            }
        }
        let volatility = (12 * max(variance, 0)).squareRoot()
        guard volatility > annual else { return }
        let scale = annual / volatility
        for a in sleeve.indices { sleeve[a] *= scale }
    }
}
