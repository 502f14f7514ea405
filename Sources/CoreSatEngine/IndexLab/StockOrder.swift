/// Orders stocks by a Double, largest first, equal values by lower stock index, over buffers
/// allocated once. An index review ranks about a thousand stocks up to four times, a million times
/// in a run, so the sort is a radix sort (no comparisons to mispredict; stable, so the tie rule comes
/// free when stocks go in by ascending index) that reads as few bytes as it can: one byte per pass
/// over the keys' high 32 bits (sign, exponent and 20 bits of mantissa: a part in a million), then
/// the few runs of keys equal in those bits by their low 32 bits (insertion sort for short runs).
/// A pass in which every key has the same byte (the exponent bytes of caps, say) is skipped.
final class StockOrder {
    let capacity: Int
    /// After `sort(count:)`, stocks[0..<count] are in order, and keys with them.
    let stocks: UnsafeMutablePointer<Int32>
    let keys: UnsafeMutablePointer<UInt64>
    private let spareStocks: UnsafeMutablePointer<Int32>
    private let spareKeys: UnsafeMutablePointer<UInt64>
    /// [byte][value] counts, then bucket starts, for four bytes.
    private let counts: UnsafeMutablePointer<Int>

    /// Runs this short are sorted by insertion.
    private static let shortRun = 24

    init(capacity: Int) {
        self.capacity = capacity
        let size = max(capacity, 1)
        stocks = .allocate(capacity: size)
        spareStocks = .allocate(capacity: size)
        keys = .allocate(capacity: size)
        spareKeys = .allocate(capacity: size)
        counts = .allocate(capacity: 4 * 256)
    }

    deinit {
        stocks.deallocate()
        spareStocks.deallocate()
        keys.deallocate()
        spareKeys.deallocate()
        counts.deallocate()
    }

    /// Puts stock `stock` with value `value` at `position` of the input (NaN is not a value).
    @inline(__always) func set(_ position: Int, stock: Int32, value: Double) {
        stocks[position] = stock
        keys[position] = Self.descendingKey(value)
    }

    /// A key whose unsigned order is the value's order reversed: flip the sign bit of positive
    /// numbers and every bit of negative ones (IEEE 754 order), then complement. -0 counts as +0.
    @inline(__always) static func descendingKey(_ value: Double) -> UInt64 {
        let bits = (value + 0.0).bitPattern
        let ascending = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        return ~ascending
    }

    /// Sorts the first `count` entries set, stably by key.
    func sort(count: Int) {
        precondition(count <= capacity)
        guard count > Self.shortRun else { return insertionSort(0, count) }
        radixSort(0, count, highHalf: true)
        var start = 0
        while start < count {
            let high = keys[start] >> 32
            var end = start + 1
            while end < count && keys[end] >> 32 == high { end += 1 }
            if end - start > Self.shortRun {
                radixSort(start, end, highHalf: false)
            } else if end - start > 1 {
                insertionSort(start, end)
            }
            start = end
        }
    }

    /// Stable sort of entries lo..<hi by full key.
    private func insertionSort(_ lo: Int, _ hi: Int) {
        guard hi - lo > 1 else { return }
        for i in (lo + 1)..<hi {
            let key = keys[i], stock = stocks[i]
            var j = i
            while j > lo && keys[j - 1] > key {
                keys[j] = keys[j - 1]
                stocks[j] = stocks[j - 1]
                j -= 1
            }
            keys[j] = key
            stocks[j] = stock
        }
    }

    /// Stable LSD radix sort of entries lo..<hi by the keys' high or low 32 bits, a byte a pass.
    private func radixSort(_ lo: Int, _ hi: Int, highHalf: Bool) {
        let base: UInt64 = highHalf ? 32 : 0
        counts.initialize(repeating: 0, count: 4 * 256)
        for i in lo..<hi {
            let key = keys[i] >> base
            counts[Int(truncatingIfNeeded: key & 0xFF)] &+= 1
            counts[256 &+ Int(truncatingIfNeeded: key >> 8 & 0xFF)] &+= 1
            counts[512 &+ Int(truncatingIfNeeded: key >> 16 & 0xFF)] &+= 1
            counts[768 &+ Int(truncatingIfNeeded: key >> 24 & 0xFF)] &+= 1
        }
        var (fromStocks, fromKeys, toStocks, toKeys) = (stocks, keys, spareStocks, spareKeys)
        for byte in 0..<4 {
            let bucket = counts + byte * 256
            let shift = base + 8 * UInt64(byte)
            if bucket[Int(truncatingIfNeeded: fromKeys[lo] >> shift & 0xFF)] == hi - lo { continue }
            var start = lo
            for value in 0..<256 {
                let n = bucket[value]
                bucket[value] = start
                start &+= n
            }
            for i in lo..<hi {
                let key = fromKeys[i]
                let value = Int(truncatingIfNeeded: key >> shift & 0xFF)
                let to = bucket[value]
                bucket[value] = to &+ 1
                toKeys[to] = key
                toStocks[to] = fromStocks[i]
            }
            swap(&fromStocks, &toStocks)
            swap(&fromKeys, &toKeys)
        }
        if fromStocks != stocks {
            (stocks + lo).update(from: fromStocks + lo, count: hi - lo)
            (keys + lo).update(from: fromKeys + lo, count: hi - lo)
        }
    }
}
