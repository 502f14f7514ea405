/// Sums over trailing windows of monthly values, `width` values a month, updated in O(width) a
/// month: a ring buffer of cumulative sums, so the sum over any window of at most `capacity` months
/// that ends up to `capacity - window` months ago is one subtraction.
final class RunningWindow {
    let width: Int
    let capacity: Int
    /// Months appended since the last reset. (A window belongs to one worker's runner: no
    /// exclusivity checks on a value read several times a month.)
    @exclusivity(unchecked) private(set) var count = 0
    /// The slot of the latest month: count % slots, kept so that no lookup divides.
    @exclusivity(unchecked) private var latest = 0
    /// [slot][value]: cumulative sums after each month; slot = month % (capacity + 1). Slot of
    /// "before the first month" holds zeros.
    private let sums: UnsafeMutablePointer<Double>
    private let slots: Int

    init(width: Int, capacity: Int) {
        self.width = width
        self.capacity = capacity
        slots = capacity + 1
        sums = .allocate(capacity: max(1, width * slots))
        reset()
    }

    deinit { sums.deallocate() }

    func reset() {
        count = 0
        latest = 0
        sums.update(repeating: 0, count: max(1, width * slots))
    }

    /// The cumulative sums after `monthsAgo` months before the latest (0: up to and including it).
    @inline(__always) private func cumulative(_ monthsAgo: Int) -> UnsafeMutablePointer<Double> {
        let slot = latest - monthsAgo  // monthsAgo <= capacity < slots
        return sums + (slot < 0 ? slot + slots : slot) * width
    }

    /// Adds one month's `width` values.
    func append(_ values: UnsafePointer<Double>) {
        let previous = cumulative(0)
        count += 1
        latest = latest + 1 == slots ? 0 : latest + 1
        let next = cumulative(0)
        for j in 0..<width { next[j] = previous[j] + values[j] }
    }

    /// Whether a window of `months` ending `skip` months before the latest month is available.
    @inline(__always) func has(months: Int, skip: Int = 0) -> Bool {
        months + skip <= count && months + skip <= capacity
    }

    /// Sum of value `j` over the `months` months ending `skip` months before the latest month.
    @inline(__always) func sum(_ j: Int, months: Int, skip: Int = 0) -> Double {
        precondition(has(months: months, skip: skip), "a \(months)-month window (skipping \(skip)) is not available")
        return cumulative(skip)[j] - cumulative(skip + months)[j]
    }

    /// The cumulative sums at both ends of a window: value j's sum over the window is
    /// `end[j] - start[j]`. One lookup for all of a month's values.
    @inline(__always) func ends(months: Int, skip: Int = 0) -> (end: UnsafePointer<Double>, start: UnsafePointer<Double>) {
        precondition(has(months: months, skip: skip), "a \(months)-month window (skipping \(skip)) is not available")
        return (UnsafePointer(cumulative(skip)), UnsafePointer(cumulative(skip + months)))
    }

    /// Sum of value `j` over every month since the reset.
    @inline(__always) func total(_ j: Int) -> Double { cumulative(0)[j] }
}
