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
    /// Month indices, bucket after bucket: bucket b's are `list[bounds[b]..<bounds[b + 1]]`.
    private let list: UnsafeMutablePointer<Int32>
    private let bounds: UnsafeMutablePointer<Int>
    private let cursor: UnsafeMutablePointer<Int>

    init(regimes: Int, entryMonths: Int, warmUpMonths: Int, months: Int) {
        self.regimes = regimes
        self.entryMonths = entryMonths
        self.warmUpMonths = warmUpMonths
        self.months = months
        entry = .allocate(capacity: months)
        list = .allocate(capacity: 2 * months)
        bounds = .allocate(capacity: 2 * regimes + 1)
        cursor = .allocate(capacity: 2 * regimes)
    }

    deinit {
        entry.deallocate()
        list.deallocate()
        bounds.deallocate()
        cursor.deallocate()
    }

    var count: Int { 2 * regimes }

    /// Sorts the path's months into buckets; `labels` holds the regime of every generated month,
    /// the first warm-up month first.
    func fill(_ labels: UnsafePointer<Int32>) {
        // Only a change in the last `entryMonths` rows before month 0 can make month 0 an entry.
        var spellStart = Int.min / 2  // not known: no entry
        var row = max(1, warmUpMonths - entryMonths + 1)
        while row < warmUpMonths {
            if labels[row] != labels[row - 1] { spellStart = row }
            row += 1
        }
        let g = labels + warmUpMonths
        bounds.update(repeating: 0, count: count + 1)
        for t in 0..<months {
            let row = warmUpMonths + t
            if row > 0 && labels[row] != labels[row - 1] { spellStart = row }
            let k = Int(g[t])
            bounds[k + 1] += 1
            if row - spellStart < entryMonths {
                entry[t] = Int32(regimes + k)
                bounds[regimes + k + 1] += 1
            } else {
                entry[t] = -1
            }
        }
        for b in 0..<count {
            bounds[b + 1] += bounds[b]
            cursor[b] = bounds[b]
        }
        for t in 0..<months {
            let k = Int(g[t])
            list[cursor[k]] = Int32(t)
            cursor[k] += 1
            let e = Int(entry[t])
            if e >= 0 {
                list[cursor[e]] = Int32(t)
                cursor[e] += 1
            }
        }
    }

    /// Bucket b's months before `end` (all of them when `end` is `months`), ascending.
    func months(_ b: Int, before end: Int) -> UnsafeBufferPointer<Int32> {
        var upper = bounds[b + 1]
        while upper > bounds[b] && Int(list[upper - 1]) >= end { upper -= 1 }
        return UnsafeBufferPointer(start: list + bounds[b], count: upper - bounds[b])
    }

    /// Share of the path's months in bucket b.
    func share(_ b: Int) -> Double { Double(bounds[b + 1] - bounds[b]) / Double(months) }
}
