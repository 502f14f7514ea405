/// The centred moments an estimate needs, expanded from the running sums about the shift:
/// with z = x - shift, d the window mean of z and y = z - d the centred returns, each Σ over the
/// window of a product of y's is a polynomial in d of the sums of products of z's.
extension RunningMoments {
    /// Writes the mean and the scatter matrix Σ y_i y_j (= Σ z_i z_j - T d_i d_j).
    func writeMeanAndScatter(mean: UnsafeMutablePointer<Double>, scatter: UnsafeMutablePointer<Double>) {
        let n = assets, t = Double(count), latest = latestRow
        for i in 0..<n {
            offset[i] = sum1[i] / t
            mean[i] = isConstant(i) ? latest[i] : shift[i] + offset[i]
        }
        for i in 0..<n {
            for j in i..<n {
                let value = isConstant(i) || isConstant(j) ? 0 : sum2[i * n + j] - sum1[i] * offset[j]
                scatter[i * n + j] = value
                scatter[j * n + i] = value
            }
        }
    }

    /// Σ_t ‖y_t‖⁴ with ‖y‖² = ‖z‖² - 2 d·z + ‖d‖² (needs `offset` from `writeMeanAndScatter`).
    func centredFourthPowerSum() -> Double {
        let n = assets, t = Double(count), d = offset
        var dd = 0.0, dNormWeighted = 0.0, dSum1 = 0.0, trace = 0.0, quadratic = 0.0
        for i in 0..<n {
            dd += d[i] * d[i]
            dNormWeighted += d[i] * normWeighted[i]
            dSum1 += d[i] * sum1[i]
            trace += sum2[i * n + i]
            quadratic += d[i] * d[i] * sum2[i * n + i]
            for j in (i + 1)..<n { quadratic += 2 * d[i] * d[j] * sum2[i * n + j] }
        }
        return normFourth - 4 * dNormWeighted + 4 * quadratic + 2 * dd * trace - 4 * dd * dSum1 + t * dd * dd
    }

    /// Writes `squares` (Σ y_i² y_j²) and `cubes` (Σ y_i³ y_j), zero for constant assets (needs
    /// `offset` from `writeMeanAndScatter`).
    func writeCentredSquaresAndCubes() {
        let n = assets, t = Double(count), d = offset
        for i in 0..<n {
            for j in 0..<n {
                if isConstant(i) || isConstant(j) {
                    squares[i * n + j] = 0
                    cubes[i * n + j] = 0
                    continue
                }
                let (di, dj) = (d[i], d[j])
                let pii = sum2[i * n + i], pjj = sum2[j * n + j], pij = sum2[min(i, j) * n + max(i, j)]
                let sij = squareLinear[i * n + j], sji = squareLinear[j * n + i]
                if j >= i {
                    let value = squareSquare[i * n + j] - 2 * dj * sij - 2 * di * sji + dj * dj * pii + di * di * pjj
                        + 4 * di * dj * pij - 2 * di * dj * dj * sum1[i] - 2 * di * di * dj * sum1[j]
                        + t * di * di * dj * dj
                    squares[i * n + j] = value
                    squares[j * n + i] = value
                }
                cubes[i * n + j] = cubeLinear[i * n + j] - dj * squareLinear[i * n + i] - 3 * di * sij
                    + 3 * di * dj * pii + 3 * di * di * pij - 3 * di * di * dj * sum1[i] - di * di * di * sum1[j]
                    + t * di * di * di * dj
            }
        }
    }

    /// `.exponential`: the weighted mean and the bias-corrected weighted covariance about it.
    func writeWeightedMoments(mean: UnsafeMutablePointer<Double>, covariance: UnsafeMutablePointer<Double>) {
        let n = assets, w = weightSum, perWeight = 1 / weightSum, latest = latestRow
        let unbias = w * w / (w * w - weightSquareSum)
        for i in 0..<n {
            offset[i] = sum1[i] * perWeight
            mean[i] = isConstant(i) ? latest[i] : shift[i] + offset[i]
        }
        for i in 0..<n {
            for j in i..<n {
                let spread = sum2[i * n + j] * perWeight - offset[i] * offset[j]
                let value = isConstant(i) || isConstant(j) ? 0 : spread * unbias
                covariance[i * n + j] = value
                covariance[j * n + i] = value
            }
        }
    }
}
