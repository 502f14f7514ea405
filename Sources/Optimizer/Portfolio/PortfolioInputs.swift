/// What an optimizer knows of n assets: expected returns and the covariance of their returns, per
/// period (monthly in a simulation), with the assets' names for messages.
public struct PortfolioInputs: Sendable, Equatable {
    public let names: [String]
    public var mean: [Double]
    /// n x n, row-major.
    public var covariance: [Double]

    public var assetCount: Int { names.count }

    public init(names: [String], mean: [Double], covariance: [Double]) {
        precondition(mean.count == names.count && covariance.count == names.count * names.count)
        self.names = names
        self.mean = mean
        self.covariance = covariance
    }

    public func variance(_ i: Int) -> Double { covariance[i * assetCount + i] }

    /// Why these inputs cannot be optimized, or nil: a value that is not finite, a covariance that is
    /// not symmetric, or one with a negative eigenvalue (a positive semidefinite matrix from data
    /// with fewer months than assets is accepted: the solvers say when they need it definite).
    public func problem() -> String? {
        let n = assetCount
        for (i, m) in mean.enumerated() where !m.isFinite { return "the expected return of \(names[i]) is \(m)" }
        var scale = 0.0
        for i in 0..<n {
            for j in 0..<n {
                let v = covariance[i * n + j]
                guard v.isFinite else { return "covariance entry (\(names[i]), \(names[j])) is \(v)" }
            }
            scale = max(scale, abs(variance(i)))
            if variance(i) < 0 { return "the variance of \(names[i]) is negative (\(variance(i)))" }
        }
        for i in 0..<n {
            for j in 0..<i where abs(covariance[i * n + j] - covariance[j * n + i]) > 1e-12 * max(scale, 1e-300) {
                return "the covariance is not symmetric: (\(names[i]), \(names[j])) is \(covariance[i * n + j]) "
                    + "but (\(names[j]), \(names[i])) is \(covariance[j * n + i])"
            }
        }
        if let smallest = SymmetricSpectrum.smallestEigenvalue(covariance, order: n), smallest < -1e-10 * max(scale, 1e-300) {
            return "the covariance is not positive semidefinite (smallest eigenvalue \(smallest)); "
                + "shrink it (a Ledoit-Wolf estimate is positive definite)"
        }
        return nil
    }
}
