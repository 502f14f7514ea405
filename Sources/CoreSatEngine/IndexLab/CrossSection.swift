/// Cross-sectional standardization of scores.
enum CrossSection {
    /// Writes the z-scores of `count` contiguous values (mean 0, population standard deviation 1)
    /// to `out`, `out + stride`, ...: one score column of a row-major [stock][factor] table. Values
    /// that do not differ beyond rounding carry no ranking and become 0.
    @inline(__always)
    static func standardize(
        _ values: UnsafePointer<Double>, count n: Int, into out: UnsafeMutablePointer<Double>, stride: Int
    ) {
        let (shift, sum, squares) = shiftedSums(values, count: n)
        let mean = sum / Double(n)
        let variance = max(squares / Double(n) - mean * mean, 0)
        let sd = variance.squareRoot()
        let center = shift + mean
        guard sd.isFinite && sd > 1e-12 * max(1, abs(center)) else {
            for i in 0..<n { out[i * stride] = 0 }
            return
        }
        let scale = 1 / sd
        for i in 0..<n { out[i * stride] = (values[i] - center) * scale }
    }

    /// Sums of x - c and (x - c)^2 with c the first value, so the one-pass variance loses no
    /// precision to the values' level (log caps sit near 22). Four running sums each, so the adds
    /// do not wait on one another: this runs for several scores every month.
    @inline(__always)
    private static func shiftedSums(_ x: UnsafePointer<Double>, count n: Int) -> (Double, Double, Double) {
        let c = x[0]
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var (q0, q1, q2, q3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= n {
            let (d0, d1, d2, d3) = (x[i] - c, x[i + 1] - c, x[i + 2] - c, x[i + 3] - c)
            s0 += d0
            s1 += d1
            s2 += d2
            s3 += d3
            q0 += d0 * d0
            q1 += d1 * d1
            q2 += d2 * d2
            q3 += d3 * d3
            i += 4
        }
        while i < n {
            let d = x[i] - c
            s0 += d
            q0 += d * d
            i += 1
        }
        return (c, (s0 + s1) + (s2 + s3), (q0 + q1) + (q2 + q3))
    }
}
