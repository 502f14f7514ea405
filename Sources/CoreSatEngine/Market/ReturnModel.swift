import GSLKit

/// Produces market paths: for each month, one simple return per asset and a regime label.
/// Monte Carlo models draw from `random`; a historical replay would ignore it and have one path.
public protocol ReturnModel: Sendable {
    var assetCount: Int { get }
    var regimeNames: [String] { get }

    /// Writes `months` rows of `assetCount` simple returns (row-major), the same returns as log
    /// returns log(1 + r) (policies' signals read them; the model has them before it takes `expm1`),
    /// and one regime index per month.
    func generatePath(
        months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>)
}

extension ReturnModel {
    /// A path without its log returns.
    public func generatePath(
        months: Int, random: RandomSource,
        returns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        let logReturns = UnsafeMutableBufferPointer<Double>.allocate(capacity: returns.count)
        defer { logReturns.deallocate() }
        generatePath(months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes)
    }
}
