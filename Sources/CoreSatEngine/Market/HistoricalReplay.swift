import GSLKit

/// Recorded months replayed in order: path p is the window of months starting at `windowStarts[p]`
/// (warm-up months first). One window is a backtest; rolling windows give one path per start date.
/// The random source is never read, so every seed gives the same paths.
public struct HistoricalReplay: ReturnModel {
    public let history: RecordedMonths
    public let windowStarts: [Int]
    /// Months each window spans, warm-up included.
    public let windowMonths: Int

    public var assetCount: Int { history.assetCount }
    public var regimeNames: [String] { history.regimeNames }

    public init(history: RecordedMonths, windowStarts: [Int], windowMonths: Int) {
        precondition(!windowStarts.isEmpty && windowMonths > 0, "a replay needs at least one window of at least one month")
        precondition(windowStarts.allSatisfy { $0 >= 0 && $0 + windowMonths <= history.count }, "every window lies within the recorded months")
        self.history = history
        self.windowStarts = windowStarts
        self.windowMonths = windowMonths
    }

    public func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        precondition(months == windowMonths && windowStarts.indices.contains(path), "a replay has one window per path")
        let start = windowStarts[path]
        history.copy(months: start..<(start + months), toRow: 0, returns: returns, logReturns: logReturns, regimes: regimes)
    }
}
