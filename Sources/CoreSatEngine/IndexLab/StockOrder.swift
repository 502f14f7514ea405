/// Orders stocks by a Double, largest first, equal values by lower stock index: a stable LSD radix
/// sort on the values' bits, eight passes of one byte each, over buffers allocated once. An index
/// review ranks about a thousand stocks up to four times, a million times in a run; the radix sort
/// has no comparisons to mispredict, and its stability gives the tie rule for free when the stocks
/// go in by ascending index. Passes in which every key has the same byte (the exponent bytes of
/// caps, say) are skipped.
final class StockOrder {
    let capacity: Int
    /// After `sort(count:)`, stocks[0..<count] are in order.
    let stocks: UnsafeMutablePointer<Int32>
    let keys: UnsafeMutablePointer<UInt64>
    private let spareStocks: UnsafeMutablePointer<Int32>
    private let spareKeys: UnsafeMutablePointer<UInt64>
    /// [byte][value] counts, then bucket starts.
    private let counts: UnsafeMutablePointer<Int>

    init(capacity: Int) {
        self.capacity = capacity
        let size = max(capacity, 1)
        stocks = .allocate(capacity: size)
        spareStocks = .allocate(capacity: size)
        keys = .allocate(capacity: size)
        spareKeys = .allocate(capacity: size)
        counts = .allocate(capacity: 8 * 256)
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
        guard count > 1 else { return }
        counts.initialize(repeating: 0, count: 8 * 256)
        for i in 0..<count {
            let key = keys[i]
            for byte in 0..<8 { counts[byte &* 256 &+ Int(truncatingIfNeeded: key >> (8 &* UInt64(byte)) & 0xFF)] &+= 1 }
        }
        var (fromStocks, fromKeys, toStocks, toKeys) = (stocks, keys, spareStocks, spareKeys)
        for byte in 0..<8 {
            let bucket = counts + byte * 256
            let first = Int(truncatingIfNeeded: fromKeys[0] >> (8 * UInt64(byte)) & 0xFF)
            if bucket[first] == count { continue }
            var start = 0
            for value in 0..<256 {
                let n = bucket[value]
                bucket[value] = start
                start &+= n
            }
            let shift = 8 * UInt64(byte)
            for i in 0..<count {
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
            stocks.update(from: fromStocks, count: count)
            keys.update(from: fromKeys, count: count)
        }
    }
}
