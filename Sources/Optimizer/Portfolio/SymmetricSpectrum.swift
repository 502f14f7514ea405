import CGSL
import GSLKit

/// The smallest eigenvalue of a symmetric matrix, for the input check (not on a hot path).
enum SymmetricSpectrum {
    static func smallestEigenvalue(_ values: [Double], order n: Int) -> Double? {
        guard n > 0 else { return nil }
        return try? SquareMatrix(order: n, values: values).symmetricEigenvalues().first
    }
}
