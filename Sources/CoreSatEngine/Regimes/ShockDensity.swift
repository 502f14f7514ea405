import Foundation

/// The log density of an n-dimensional unit-variance shock vector in terms of its squared
/// Mahalanobis distance q, before the -1/2 log|Sigma| each regime adds:
/// normal: -n/2 log(2 pi) - q/2;
/// Student-t (e = z sqrt((nu - 2) / W), W ~ chi-squared(nu), the multivariate t scaled to unit
/// variance): lgamma((nu + n)/2) - lgamma(nu/2) - n/2 log((nu - 2) pi) - (nu + n)/2 log(1 + q/(nu - 2)).
/// The simulator caps the mixing scale and renormalises it (`StudentTShocks`); this is the
/// uncapped density: the cap binds in a few months in a thousand and has no closed-form density.
struct ShockDensity: Sendable {
    /// The log density at q = 0.
    let constant: Double
    /// (nu + n) / 2 and 1 / (nu - 2) for Student-t shocks; 0 for normal ones.
    let power: Double
    let inverseScale: Double

    init(_ innovations: Innovations, dimension n: Int) {
        let half = Double(n) / 2
        switch innovations {
        case .normal:
            constant = -half * log(2 * Double.pi)
            power = 0
            inverseScale = 0
        case .studentT(let nu):
            precondition(nu > 2, "a Student-t shock needs more than 2 degrees of freedom")
            constant = lgamma((nu + Double(n)) / 2) - lgamma(nu / 2) - half * log((nu - 2) * Double.pi)
            power = (nu + Double(n)) / 2
            inverseScale = 1 / (nu - 2)
        }
    }

    /// log f(q) - constant.
    @inline(__always) func kernel(_ q: Double) -> Double {
        power == 0 ? -q / 2 : -power * log1p(q * inverseScale)
    }
}
