/// What a policy runner sees at the end of month `month`: the market's returns of the warm-up months
/// and months 0...month, the regimes its access allows, its own holdings and net returns. Nothing of
/// a later month can be read: the storage is private to this file and every read checks the month.
public struct PolicyView {
    /// The month that just ended (0-based; -1 at the start of a path).
    public let month: Int
    /// Months of history before month 0.
    public let warmUpMonths: Int
    public let assetCount: Int
    /// Portfolio value after this month's returns, fees and cash flows, before any trade.
    public let value: Double
    private let returns: UnsafePointer<Double>  // row of month -warmUpMonths
    private let logReturns: UnsafePointer<Double>
    private let regimes: UnsafePointer<Int32>
    private let access: RegimeAccess
    private let holdings: UnsafePointer<Double>
    private let netReturns: UnsafePointer<Double>  // month 0 first
    private let logMeans: UnsafePointer<Double>?

    init(
        month: Int, warmUpMonths: Int, assetCount: Int, value: Double, returns: UnsafePointer<Double>,
        logReturns: UnsafePointer<Double>, regimes: UnsafePointer<Int32>, access: RegimeAccess, holdings: UnsafePointer<Double>,
        netReturns: UnsafePointer<Double>, logMeans: UnsafePointer<Double>? = nil
    ) {
        self.logMeans = logMeans
        self.month = month
        self.warmUpMonths = warmUpMonths
        self.assetCount = assetCount
        self.value = value
        self.returns = returns
        self.logReturns = logReturns
        self.regimes = regimes
        self.access = access
        self.holdings = holdings
        self.netReturns = netReturns
    }

    /// Simple return of `asset` in month `m`, from -warmUpMonths up to `month`.
    public func assetReturn(month m: Int, _ asset: Int) -> Double {
        precondition(m <= month, "month \(m) is in the future at the end of month \(month)")
        precondition(m >= -warmUpMonths, "month \(m) is before the \(warmUpMonths) months of warm-up history")
        precondition(asset >= 0 && asset < assetCount, "no asset \(asset)")
        return returns[(m + warmUpMonths) * assetCount + asset]
    }

    /// log(1 + r) of every asset in month `m` (what trailing-return signals add up), one check for
    /// the whole month.
    public func assetLogReturns(month m: Int) -> UnsafePointer<Double> {
        precondition(m <= month, "month \(m) is in the future at the end of month \(month)")
        precondition(m >= -warmUpMonths, "month \(m) is before the \(warmUpMonths) months of warm-up history")
        return logReturns + (m + warmUpMonths) * assetCount
    }

    /// The true regime of month `m`, readable only with `.known(lag:)` access and only up to
    /// `month - lag`.
    public func regime(month m: Int) -> Int {
        guard case .known(let lag) = access else { preconditionFailure("this policy may not read regimes") }
        precondition(m <= month - lag, "the regime of month \(m) is not known yet at the end of month \(month) (lag \(lag))")
        precondition(m >= -warmUpMonths, "month \(m) is before the warm-up history")
        return Int(regimes[m + warmUpMonths])
    }

    /// Current weight of `asset` (holdings / value), before any trade this month end.
    public func weight(_ asset: Int) -> Double {
        precondition(asset >= 0 && asset < assetCount, "no asset \(asset)")
        return value > 0 ? holdings[asset] / value : 0
    }

    /// The path's mean monthly log returns, [regime][asset], readable only by a policy that
    /// `knowsParameters` on a parametric market (drawn per path under parameter uncertainty).
    public var pathLogMeans: UnsafePointer<Double> {
        guard let logMeans else { preconditionFailure("this policy may not read the market's parameters") }
        return logMeans
    }

    /// The policy's own net return in month `m` (0...month). For `month` itself it is the return
    /// before this month end's trade, whose cost is not yet known.
    public func ownReturn(month m: Int) -> Double {
        precondition(m <= month && m >= 0, "no own return for month \(m) at the end of month \(month)")
        return netReturns[m]
    }
}
