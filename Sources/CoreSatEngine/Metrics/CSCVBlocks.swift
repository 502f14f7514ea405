import Foundation

extension BacktestOverfitting {
    /// Each block's sum and sum of squares per configuration, so a choice of blocks costs
    /// O(N S) additions instead of a pass over its T/2 periods. Returns are centred on their
    /// configuration's mean over all periods first: the variance from sums of squares then
    /// loses no digits to a large mean.
    struct BlockSums {
        let configurations: Int
        /// First period of each block and T after the last; as numpy.array_split, the first
        /// T mod S blocks have one period more than the others.
        let bounds: [Int]
        let centers: [Double]
        /// [block * N + configuration]
        let sums, squares: [Double]

        init(_ returns: [Double], periods t: Int, configurations n: Int, blocks s: Int) {
            configurations = n
            bounds = (0...s).map { b in b * (t / s) + min(b, t % s) }
            var centers = [Double](repeating: 0, count: n)
            for row in 0..<t { for j in 0..<n { centers[j] += returns[row * n + j] } }
            centers = centers.map { $0 / Double(t) }
            var sums = [Double](repeating: 0, count: s * n), squares = sums
            for b in 0..<s {
                for row in bounds[b]..<bounds[b + 1] {
                    for j in 0..<n {
                        let d = returns[row * n + j] - centers[j]
                        sums[b * n + j] += d
                        squares[b * n + j] += d * d
                    }
                }
            }
            self.centers = centers
            self.sums = sums
            self.squares = squares
        }

        var blocks: Int { bounds.count - 1 }
        func size(_ b: Int) -> Int { bounds[b + 1] - bounds[b] }
    }

    /// What one choice of in-sample blocks gives.
    struct Choice {
        /// The configuration with the best in-sample Sharpe ratio (the first of equal ones).
        var best: Int
        /// Its rank out of sample, 1 (worst) ... N (best); configurations with an equal
        /// out-of-sample Sharpe ratio share the mean of their ranks (so a tie can give x.5).
        var rank: Double
        var inSample, outOfSample: Double
    }

    /// Ranks choices of in-sample blocks, reusing its buffers from one choice to the next.
    struct ChoiceWalk {
        let stats: BlockSums
        private var member: [Bool]
        private var sumIn, squaresIn, sumOut, squaresOut: [Double]

        init(_ stats: BlockSums) {
            self.stats = stats
            member = Array(repeating: false, count: stats.blocks)
            sumIn = Array(repeating: 0, count: stats.configurations)
            squaresIn = sumIn
            sumOut = sumIn
            squaresOut = sumIn
        }

        mutating func rank(inSample blocks: [Int]) -> Choice {
            let n = stats.configurations
            for b in member.indices { member[b] = false }
            for b in blocks { member[b] = true }
            for j in 0..<n {
                sumIn[j] = 0
                squaresIn[j] = 0
                sumOut[j] = 0
                squaresOut[j] = 0
            }
            var countIn = 0, countOut = 0
            for b in 0..<stats.blocks {
                let base = b * n
                if member[b] {
                    countIn += stats.size(b)
                    for j in 0..<n {
                        sumIn[j] += stats.sums[base + j]
                        squaresIn[j] += stats.squares[base + j]
                    }
                } else {
                    countOut += stats.size(b)
                    for j in 0..<n {
                        sumOut[j] += stats.sums[base + j]
                        squaresOut[j] += stats.squares[base + j]
                    }
                }
            }
            var best = 0
            var bestSharpe = -Double.infinity
            for j in 0..<n {
                let sharpe = Self.sharpe(sumIn[j], squaresIn[j], countIn, center: stats.centers[j])
                if j == 0 || sharpe > bestSharpe {
                    best = j
                    bestSharpe = sharpe
                }
            }
            let target = Self.sharpe(sumOut[best], squaresOut[best], countOut, center: stats.centers[best])
            var below = 0, equal = 0
            for j in 0..<n where j != best {
                let sharpe = Self.sharpe(sumOut[j], squaresOut[j], countOut, center: stats.centers[j])
                below += sharpe < target ? 1 : 0
                equal += sharpe == target ? 1 : 0
            }
            return Choice(best: best, rank: 1 + Double(below) + 0.5 * Double(equal), inSample: bestSharpe, outOfSample: target)
        }

        /// mean / std (ddof = 1) from sums of centred returns. As ReturnMetrics.scan, a spread
        /// below count * eps * |mean| is rounding, not variation: the ratio is then +-inf, or 0
        /// for a mean of 0 (a constant zero series ranks between losers and winners).
        static func sharpe(_ sum: Double, _ squares: Double, _ count: Int, center: Double) -> Double {
            let shift = sum / Double(count)
            let variance = max((squares - sum * shift) / Double(count - 1), 0)
            let mean = center + shift
            let sd = variance.squareRoot()
            if sd > Double(count) * .ulpOfOne * abs(mean) { return mean / sd }
            return mean > 0 ? .infinity : mean < 0 ? -.infinity : 0
        }
    }
}
