/// How much money an index can hold before one of its constituents needs more than a given share
/// of that stock's free float (the seed's capacity): min over constituents of
/// free-float cap x participation / weight.
public enum IndexCapacity {
    /// In the caps' units; 0 for an index with no constituent (it can hold nothing).
    public static func capacity(
        weights: UnsafeBufferPointer<Double>, caps: UnsafeBufferPointer<Double>, participation: Double = 0.05
    ) -> Double {
        precondition(weights.count == caps.count)
        var smallest = Double.infinity
        for i in 0..<weights.count where weights[i] > 0 {
            smallest = min(smallest, caps[i] * participation / weights[i])
        }
        return smallest.isFinite ? smallest : 0
    }
}
