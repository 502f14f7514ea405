import GSLKit

@testable import CoreSatEngine

extension ReturnModel {
    /// A path without its log returns, for tests that read only the simple ones.
    func generatePath(
        months: Int, random: RandomSource,
        returns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        let logReturns = UnsafeMutableBufferPointer<Double>.allocate(capacity: returns.count)
        defer { logReturns.deallocate() }
        generatePath(months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes)
    }
}
