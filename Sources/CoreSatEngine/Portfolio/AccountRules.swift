import Foundation

/// A regular contribution (positive) or withdrawal (negative) at each month end.
public struct CashFlowPlan: Sendable, Equatable {
    /// Amount of the first month's flow, in the scenario's money units.
    public var monthlyAmount: Double
    /// Annual inflation the amount is indexed to (0 for a fixed amount).
    public var inflationAnnual: Double

    public init(monthlyAmount: Double, inflationAnnual: Double = 0) {
        self.monthlyAmount = monthlyAmount
        self.inflationAnnual = inflationAnnual
    }

    /// Flow at the end of month `t`: amount x (1 + inflation)^(t/12).
    public func amount(month t: Int) -> Double {
        inflationAnnual == 0 ? monthlyAmount : monthlyAmount * pow(1 + inflationAnnual, Double(t) / 12)
    }
}

/// The costs and flows every policy in a scenario is subject to.
public struct AccountRules: Sendable, Equatable {
    public var initialWealth: Double
    /// Annual expense ratio per asset, accrued as (1 - er/12) each month.
    public var expenseRatios: [Double]
    /// Transaction cost per asset as a fraction of traded value (10 bps = 0.001).
    public var costRates: [Double]
    public var cashFlow: CashFlowPlan?

    public init(initialWealth: Double, expenseRatios: [Double], costRates: [Double], cashFlow: CashFlowPlan? = nil) {
        self.initialWealth = initialWealth
        self.expenseRatios = expenseRatios
        self.costRates = costRates
        self.cashFlow = cashFlow
    }
}
