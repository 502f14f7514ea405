import GSLKit

@testable import CoreSatEngine

extension ReturnModel {
    /// Path 0 with its log returns.
    func generatePath(
        months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        generatePath(path: 0, months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes)
    }

    /// A path without its log returns, for tests that read only the simple ones.
    func generatePath(
        months: Int, random: RandomSource,
        returns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        let logReturns = UnsafeMutableBufferPointer<Double>.allocate(capacity: returns.count)
        defer { logReturns.deallocate() }
        generatePath(path: 0, months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes)
    }
}
