import Foundation

/// Months that happened: one row of simple returns per month over the scenario's assets, their log
/// returns (taken once, here, so no path pays for `log1p`), and each month's regime label.
/// Historical replays and bootstraps copy whole rows, so a month's cross-section stays together.
public struct RecordedMonths: Sendable {
    public let assetCount: Int
    public let regimeNames: [String]
    /// [month][asset], row-major.
    let returns: [Double]
    let logReturns: [Double]
    let labels: [Int32]

    public var count: Int { labels.count }

    /// `rows[t][i]`: month t's simple return of asset i (finite, above -1); `labels[t]` indexes
    /// `regimeNames` (one name and all zeros when the months carry no regimes).
    public init(rows: [[Double]], labels: [Int32]? = nil, regimeNames: [String] = ["history"]) {
        let n = rows.first?.count ?? 0
        precondition(!rows.isEmpty && n > 0 && rows.allSatisfy { $0.count == n }, "recorded months need one return per asset every month")
        precondition(rows.allSatisfy { $0.allSatisfy { $0.isFinite && $0 > -1 } }, "recorded returns are finite and above -100%")
        let labels = labels ?? Array(repeating: 0, count: rows.count)
        precondition(labels.count == rows.count && labels.allSatisfy { (0..<Int32(regimeNames.count)).contains($0) },
            "one regime label per month, naming one of the regimes")
        assetCount = n
        self.regimeNames = regimeNames
        returns = rows.flatMap { $0 }
        logReturns = returns.map { log1p($0) }
        self.labels = labels
    }

    /// Copies the consecutive months `from` into the path's buffers from row `row` on.
    @inline(__always) func copy(
        months from: Range<Int>, toRow row: Int, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        let n = assetCount
        self.returns.withUnsafeBufferPointer { source in
            (returns.baseAddress! + row * n).update(from: source.baseAddress! + from.lowerBound * n, count: from.count * n)
        }
        self.logReturns.withUnsafeBufferPointer { source in
            (logReturns.baseAddress! + row * n).update(from: source.baseAddress! + from.lowerBound * n, count: from.count * n)
        }
        labels.withUnsafeBufferPointer { source in
            (regimes.baseAddress! + row).update(from: source.baseAddress! + from.lowerBound, count: from.count)
        }
    }
}
