/// Two policies the scenario asks to compare path by path (`compare:`), beside each one's
/// comparison with the benchmark: say a policy on trailing estimates against the same policy with
/// perfect knowledge, whose difference is what estimation error costs.
public struct PolicyPair: Sendable, Equatable {
    public var policy: Int
    public var against: Int

    public init(policy: Int, against: Int) {
        self.policy = policy
        self.against = against
    }
}

/// Differences of per-path figures between two policies on the same paths: their distributions
/// across paths (the mean's standard error gives its 95% interval) and how often the first policy's
/// CAGR is the higher. Paths where either figure is undefined are left out of that figure.
public struct PairedComparison: Sendable {
    public var policy: String
    public var against: String
    public var cagrDifference: Distribution
    public var probabilityOutperform: Double
    public var volatilityDifference: Distribution
    public var maxDrawdownDifference: Distribution

    public init(_ pair: PolicyPair, columns: some PathColumns) throws {
        let run = columns.run
        policy = run.policyNames[pair.policy]
        against = run.policyNames[pair.against]
        func differences(_ figure: PathFigure) throws -> [Double] {
            zip(try columns.values(policy: pair.policy, figure), try columns.values(policy: pair.against, figure)).map { $0 - $1 }
        }
        let cagr = try differences(.cagr)
        cagrDifference = Distribution(cagr)
        probabilityOutperform = Double(cagr.filter { $0 > 0 }.count) / Double(run.paths)
        volatilityDifference = Distribution(try differences(.annualVolatility))
        maxDrawdownDifference = Distribution(try differences(.maxDrawdown))
    }
}
