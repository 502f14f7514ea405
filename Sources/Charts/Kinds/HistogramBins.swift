import Foundation

/// Equal-width bins over finite values. The width follows Freedman and Diaconis (twice the
/// interquartile range over the cube root of the count), giving between 10 and 60 bins, unless
/// the caller asks for a count.
struct HistogramBins: Equatable {
    let lower: Double
    let width: Double
    let count: Int

    var upper: Double { lower + width * Double(count) }

    /// nil when there is no value to bin.
    init?(values: [Double], requestedCount: Int?) {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        let (low, high) = Extent.widened(first, last)
        if let requestedCount {
            count = min(max(requestedCount, 1), 500)
        } else {
            let spread = Self.quantile(sorted, 0.75) - Self.quantile(sorted, 0.25)
            let binWidth = 2 * spread / cbrt(Double(sorted.count))
            count = binWidth > 0 ? Int(min(max(((high - low) / binWidth).rounded(.up), 10), 60)) : 10
        }
        lower = low
        // Divided before subtracting, so bins over the whole range of doubles stay finite.
        width = high / Double(count) - low / Double(count)
    }

    /// The bin of a value; values on or past the ends go to the edge bins.
    func index(_ value: Double) -> Int {
        let position = ((value - lower) / width).rounded(.down)
        if !(position > 0) { return 0 }  // also NaN, when the distance overflows
        return position >= Double(count - 1) ? count - 1 : Int(position)
    }

    func start(_ bin: Int) -> Double { lower + width * Double(bin) }

    /// The share of `values` (all finite) in each bin.
    func shares(_ values: [Double]) -> [Double] {
        var counts = [Int](repeating: 0, count: count)
        for value in values { counts[index(value)] += 1 }
        return counts.map { values.isEmpty ? 0 : Double($0) / Double(values.count) }
    }

    /// Linear interpolation between order statistics of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
    }
}
