/// What the account's month loop tells a recorder; specialised away when it records nothing.
protocol MonthRecord {
    /// Month t begins with holdings `h` worth 1 / `inverseStart` and returns `r` (the run's assets):
    /// returns the satellites' part of the gross return.
    mutating func begin(month t: Int, h: UnsafePointer<Double>, r: UnsafePointer<Double>, inverseStart: Double) -> Double
    mutating func end(netReturn: Double, grossReturn: Double, turnover: Double, satellite: Double)
    /// Whether to ask the runner for its regime belief each month.
    var notesBeliefs: Bool { get }
    func note(belief: Int?, month t: Int)
    /// The run is over (all its months, or up to the one that emptied the account).
    mutating func finish()
}

/// Records nothing: the loop as it is without per-regime figures.
struct NoMonthRecord: MonthRecord {
    @inline(__always) func begin(month t: Int, h: UnsafePointer<Double>, r: UnsafePointer<Double>, inverseStart: Double) -> Double { 0 }
    @inline(__always) func end(netReturn: Double, grossReturn: Double, turnover: Double, satellite: Double) {}
    var notesBeliefs: Bool { false }
    func note(belief: Int?, month t: Int) {}
    func finish() {}
}
