/// The months of one path in each regime bucket: bucket k (0..<K) holds the months the market spent
/// in regime k, bucket K + k the first `entryMonths` months of each spell of regime k that began at
/// a regime change the path shows (warm-up months included). The spell holding the first generated
/// month has no known start, so its months are no entry. Filled once per path, read by every
/// policy; each bucket's months ascend, so the months an emptied account lived are a prefix.
final class RegimeBuckets {
    let regimes: Int
    let entryMonths: Int
    let warmUpMonths: Int
    let months: Int
    /// Each month's entry bucket (K + its regime), or -1 when it is no entry month.
    let entry: UnsafeMutablePointer<Int32>
    /// Month indices: bucket b's are the first `counts[b]` of `list + b * months`.
    private let list: UnsafeMutablePointer<Int32>
    private let counts: UnsafeMutablePointer<Int>

    init(regimes: Int, entryMonths: Int, warmUpMonths: Int, months: Int) {
        self.regimes = regimes
        self.entryMonths = entryMonths
        self.warmUpMonths = warmUpMonths
        self.months = months
        entry = .allocate(capacity: months)
        list = .allocate(capacity: 2 * regimes * months)
        counts = .allocate(capacity: 2 * regimes)
    }

    deinit {
        entry.deallocate()
        list.deallocate()
        counts.deallocate()
    }

    var count: Int { 2 * regimes }

    /// Sorts the path's months into buckets, a spell at a time; `labels` holds the regime of every
    /// generated month, the first warm-up month first.
    func fill(_ labels: UnsafePointer<Int32>) {
        // Only a change in the last `entryMonths` rows before month 0 can make month 0 an entry.
        var spellStart = Int.min / 2  // not known: no entry
        var row = max(1, warmUpMonths - entryMonths + 1)
        while row < warmUpMonths {
            if labels[row] != labels[row - 1] { spellStart = row - warmUpMonths }
            row += 1
        }
        if warmUpMonths > 0 && labels[warmUpMonths] != labels[warmUpMonths - 1] { spellStart = 0 }
        counts.update(repeating: 0, count: count)
        let g = labels + warmUpMonths
        var first = 0  // of the current spell within months 0..<months
        while first < months {
            let k = Int(g[first])
            var end = first + 1
            while end < months && g[end] == g[first] { end += 1 }
            if first > 0 { spellStart = first }
            append(first..<end, to: k)
            let entries = first..<min(max(spellStart + entryMonths, first), end)
            append(entries, to: regimes + k)
            for t in entries { entry[t] = Int32(regimes + k) }
            for t in entries.upperBound..<end { entry[t] = -1 }
            first = end
        }
    }

    private func append(_ range: Range<Int>, to b: Int) {
        let to = list + b * months + counts[b]
        for (i, t) in range.enumerated() { to[i] = Int32(t) }
        counts[b] += range.count
    }

    /// Bucket b's months before `end` (all of them when `end` is `months`), ascending.
    func months(_ b: Int, before end: Int) -> UnsafeBufferPointer<Int32> {
        let start = list + b * months
        var upper = counts[b]
        while upper > 0 && Int(start[upper - 1]) >= end { upper -= 1 }
        return UnsafeBufferPointer(start: start, count: upper)
    }

    /// Share of the path's months in bucket b.
    func share(_ b: Int) -> Double { Double(counts[b]) / Double(months) }
}
