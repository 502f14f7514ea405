/// Keeping the running sums: a month entering or leaving, re-summing the window, and the
/// exponentially weighted sums.
extension RunningMoments {
    /// Adds (sign 1) or removes (sign -1) one month's powers and cross products.
    func accumulate(_ row: UnsafePointer<Double>, sign: Double) {
        let n = assets, z = centredRow
        var norm = 0.0
        for i in 0..<n {
            z[i] = row[i] - shift[i]
            sum1[i] += sign * z[i]
            norm += z[i] * z[i]
        }
        for i in 0..<n {
            let signed = sign * z[i]
            for j in i..<n { sum2[i * n + j] += signed * z[j] }
        }
        switch estimator {
        case .ledoitWolf:
            normFourth += sign * norm * norm
            for i in 0..<n { normWeighted[i] += sign * norm * z[i] }
        case .constantCorrelation:
            for i in 0..<n {
                let square = sign * z[i] * z[i], cube = square * z[i]
                for j in 0..<n {
                    squareLinear[i * n + j] += square * z[j]
                    cubeLinear[i * n + j] += cube * z[j]
                }
                for j in i..<n { squareSquare[i * n + j] += square * z[j] * z[j] }
            }
        case .sample, .exponential:
            break
        }
    }

    /// Takes the oldest month out of a full window.
    func removeOldest() {
        let oldest = rows + head * assets, next = rows + ((head + 1) % capacity) * assets
        for i in 0..<assets where oldest[i] != next[i] { changes[i] -= 1 }
        accumulate(oldest, sign: -1)
        removalsSinceResync += 1
        count -= 1
    }

    /// Re-sums the window from its rows about its current mean, dropping the rounding that
    /// removals have left in the sums. O(window x N²), once every `window` months.
    func resum() {
        let n = assets
        shift.update(repeating: 0, count: n)
        for k in 0..<count {
            let row = windowRow(k)
            for i in 0..<n { shift[i] += row[i] }
        }
        for i in 0..<n { shift[i] /= Double(count) }
        clearSums()
        for k in 0..<count { accumulate(windowRow(k), sign: 1) }
        removalsSinceResync = 0
    }

    /// The k-th month of the window, oldest first.
    func windowRow(_ k: Int) -> UnsafeMutablePointer<Double> {
        rows + ((head - count + k + 2 * capacity) % capacity) * assets
    }

    func clearSums() {
        let n = assets, square = n * n
        sum1.update(repeating: 0, count: n)
        sum2.update(repeating: 0, count: square)
        normFourth = 0
        weightSum = 0
        weightSquareSum = 0
        switch estimator {
        case .ledoitWolf:
            normWeighted.update(repeating: 0, count: n)
        case .constantCorrelation:
            squareLinear.update(repeating: 0, count: square)
            squareSquare.update(repeating: 0, count: square)
            cubeLinear.update(repeating: 0, count: square)
        case .sample, .exponential:
            break
        }
    }

    /// `.exponential`: every earlier month's weight decays by 1 - α and the new month weighs 1.
    func appendWeighted(_ row: UnsafePointer<Double>) {
        let n = assets
        if count == 0 {
            // The first month is the shift: the sums stay centred near the series for typical returns.
            shift.update(from: row, count: n)
            clearSums()
        } else {
            for i in 0..<n where row[i] != rows[i] { changes[i] += 1 }
        }
        rows.update(from: row, count: n)
        weightSum = weightSum * decay + 1
        weightSquareSum = weightSquareSum * decay * decay + 1
        let z = centredRow
        for i in 0..<n {
            z[i] = row[i] - shift[i]
            sum1[i] = sum1[i] * decay + z[i]
        }
        for i in 0..<n {
            for j in i..<n { sum2[i * n + j] = sum2[i * n + j] * decay + z[i] * z[j] }
        }
        count += 1
    }
}
