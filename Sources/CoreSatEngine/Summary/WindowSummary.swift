/// Rolling windows of history: which start dates gave each policy its worst and best CAGR, and its
/// worst and best CAGR difference against the benchmark. Only for runs whose paths are dated windows.
public struct WindowSummary: Sendable {
    /// A window's position (path) and its value.
    public struct Extreme: Sendable, Equatable {
        public var window: Int
        public var value: Double
    }

    public struct PolicyWindows: Sendable {
        public var name: String
        public var worst: Extreme?
        public var best: Extreme?
        /// Against the benchmark; nil for the benchmark itself.
        public var worstVersus: Extreme?
        public var bestVersus: Extreme?
    }

    /// The calendar month of the first window's month 0 (year * 12 + month - 1), and the months
    /// between windows' starts.
    public var firstMonthIndex: Int
    public var every: Int
    public var count: Int
    public var months: Int
    public var policies: [PolicyWindows]

    /// The calendar month (year * 12 + month - 1) window `w` starts in.
    public func start(_ w: Int) -> Int { firstMonthIndex + w * every }

    public init?(columns: some PathColumns) throws {
        let run = columns.run
        guard let every = run.windowEvery, let first = run.firstMonthIndex else { return nil }
        firstMonthIndex = first
        self.every = every
        count = run.paths
        months = run.months
        policies = try (0..<run.reportedPolicies).map { p in
            let cagr = try columns.values(policy: p, .cagr)
            let versus = p == run.benchmark ? nil : try columns.values(policy: p, .cagrDifference)
            return PolicyWindows(
                name: run.policyNames[p], worst: Self.extreme(cagr, <), best: Self.extreme(cagr, >),
                worstVersus: versus.flatMap { Self.extreme($0, <) }, bestVersus: versus.flatMap { Self.extreme($0, >) })
        }
    }

    /// The first window whose value beats every other by `better`, undefined values left out.
    static func extreme(_ values: [Double], _ better: (Double, Double) -> Bool) -> Extreme? {
        var found: Extreme?
        for (w, x) in values.enumerated() where x.isFinite {
            if found.map({ better(x, $0.value) }) ?? true { found = Extreme(window: w, value: x) }
        }
        return found
    }
}
