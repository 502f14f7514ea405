/// Workspace a solver owns across solves: raw storage that is reallocated only when a larger size is
/// asked for, so solving problems of the same (or smaller) size again allocates nothing.
/// For trivial element types (Double, Int, Int8) only.
struct ScratchBuffer<Element> {
    private(set) var pointer: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    private let filler: Element

    init(filler: Element) {
        self.filler = filler
        capacity = 0
        pointer = .allocate(capacity: 0)
    }

    /// Makes room for `count` elements; the contents are unspecified afterwards if it grew.
    mutating func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: filler, count: count)
        capacity = count
    }

    func deallocate() { pointer.deallocate() }

    subscript(index: Int) -> Element {
        get { pointer[index] }
        nonmutating set { pointer[index] = newValue }
    }
}
