/// Quantiles of an unsorted sample without sorting it: a multiple quickselect puts the few order
/// statistics the quantiles need in their sorted places, in about n log(k) steps instead of
/// n log(n). The summaries need ~30 order statistics out of 10,000 values for each of 64 columns.
struct OrderStatistics {
    private(set) var values: [Double]

    /// `fractions`: the quantiles (0...1) that will be asked for. Quantiles use linear interpolation
    /// between order statistics at (n - 1) p, as numpy.percentile and GSL do.
    init(_ values: [Double], fractions: [Double]) {
        self.values = values
        let n = values.count
        guard n > 1 else { return }
        var ranks = Set<Int>()
        for p in fractions {
            let position = Int((p * Double(n - 1)).rounded(.down))
            ranks.insert(min(max(position, 0), n - 1))
            ranks.insert(min(max(position + 1, 0), n - 1))
        }
        let sortedRanks = ranks.sorted()
        self.values.withUnsafeMutableBufferPointer { Self.select($0, 0, n - 1, sortedRanks[...]) }
    }

    /// The p-quantile; p must be one of the fractions given at init.
    func quantile(_ p: Double) -> Double {
        let n = values.count
        guard n > 0 else { return .nan }
        guard n > 1 else { return values[0] }
        let position = p * Double(n - 1)
        let low = min(Int(position.rounded(.down)), n - 1)
        let high = min(low + 1, n - 1)
        return values[low] + (position - Double(low)) * (values[high] - values[low])
    }

    /// Moves the values of a[lo...hi] for which `before` holds to the front and returns where the
    /// others start. Every value is swapped with the boundary and the boundary moves on a
    /// comparison's result, so there is no branch to mispredict (sample values come in random order).
    @inline(__always) private static func partition(
        _ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, _ before: (Double) -> Bool
    ) -> Int {
        guard let base = a.baseAddress else { return lo }
        var boundary = lo
        for i in lo...hi {
            let x = base[i]
            base[i] = base[boundary]
            base[boundary] = x
            boundary &+= Int(unsafeBitCast(before(x), to: UInt8.self))
        }
        return boundary
    }

    /// Puts the order statistics `ranks` (sorted, within lo...hi) of a[lo...hi] in place.
    private static func select(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, _ ranks: ArraySlice<Int>) {
        var lo = lo, hi = hi, ranks = ranks
        while lo < hi && !ranks.isEmpty {
            // Three-way partition around the median of three: < pivot, == pivot, > pivot. Ties
            // (win rates take few values) land in the middle and are done at once.
            let mid = lo + (hi - lo) / 2
            let pivot = Swift.max(Swift.min(a[lo], a[mid]), Swift.min(Swift.max(a[lo], a[mid]), a[hi]))
            let less = partition(a, lo, hi) { $0 < pivot }
            let greater = partition(a, less, hi) { $0 <= pivot } - 1
            // a[lo..<less] < pivot, a[less...greater] == pivot, a[greater+1...hi] > pivot
            let left = ranks.prefix { $0 < less }
            let right = ranks.drop { $0 <= greater }
            if left.count < right.count {
                select(a, lo, less - 1, left)
                (lo, ranks) = (greater + 1, right)
            } else {
                select(a, greater + 1, hi, right)
                (hi, ranks) = (less - 1, left)
            }
        }
    }
}
