import GSLKit

/// Produces market paths: for each month, one simple return per asset and a regime label.
/// Monte Carlo models draw from `random`; a historical replay ignores it and reads the window the
/// path's index names.
public protocol ReturnModel: Sendable {
    var assetCount: Int { get }
    var regimeNames: [String] { get }

    /// Writes `months` rows of `assetCount` simple returns (row-major), the same returns as log
    /// returns log(1 + r) (policies' signals read them; the model has them before it takes `expm1`),
    /// and one regime index per month, for path number `path` of the run.
    func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>)

    /// The same path, also writing the path's mean log returns ([regime][asset]) into `logMeans`
    /// for policies with perfect knowledge; a model without parameters (recorded history) writes
    /// nothing there.
    func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>,
        logMeans: UnsafeMutableBufferPointer<Double>)

    /// The market's parameters as a perfect-knowledge policy reads them; nil for recorded history.
    var knownMarket: KnownMarket? { get }

    /// Figures the model measures on each path besides returns (an index lab's turnover or
    /// capacity, say), kept in the records as `market.<name>` columns; none for most models.
    var pathFigureNames: [String] { get }

    /// The same path, also writing one value per `pathFigureNames` entry into `figures`.
    func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>,
        logMeans: UnsafeMutableBufferPointer<Double>, figures: UnsafeMutableBufferPointer<Double>)
}

extension ReturnModel {
    public func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>,
        logMeans: UnsafeMutableBufferPointer<Double>
    ) {
        generatePath(path: path, months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes)
    }

    public var knownMarket: KnownMarket? { nil }

    public var pathFigureNames: [String] { [] }

    public func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>,
        logMeans: UnsafeMutableBufferPointer<Double>, figures: UnsafeMutableBufferPointer<Double>
    ) {
        generatePath(path: path, months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes, logMeans: logMeans)
    }
}
