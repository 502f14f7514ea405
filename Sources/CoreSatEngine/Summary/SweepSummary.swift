/// A sweep's grid: per cell the median across paths of the chosen figure and the probability of
/// beating the benchmark, each with its Monte Carlo standard error, and the spread across cells.
/// The best cell overstates what the rule would earn: it was picked after seeing these paths.
public struct SweepSummary: Sendable {
    public struct Cell: Sendable {
        public var values: [String]
        public var median: Estimate
        public var probabilityOutperform: Estimate
    }

    public var grid: SweepGrid
    /// Row-major, like the grid's cells.
    public var cells: [Cell]
    /// On a backtest (one dated path): whether the best cell shows skill or the luck of the pick.
    public var overfitting: SweepOverfitting?

    init(grid: SweepGrid, benchmark: Int, columns: some PathColumns) throws {
        self.grid = grid
        let paths = columns.run.paths
        let benchmarkCAGR = try columns.values(policy: benchmark, .cagr)
        cells = try (0..<grid.cellCount).map { c in
            let p = grid.firstCell + c
            let values: [Double]
            switch grid.figure {
            case .path(let f): values = try columns.values(policy: p, f)
            case .relative(let f): values = try columns.values(policy: p, f)
            }
            let d = Distribution(values)
            let wins = zip(try columns.values(policy: p, .cagr), benchmarkCAGR).filter { $0 > $1 }.count
            return Cell(
                values: grid.values(cell: c), median: Estimate(value: d.median, standardError: d.standardError(.median)),
                probabilityOutperform: .share(Double(wins) / Double(paths), paths: paths))
        }
        overfitting = try SweepOverfitting(grid: grid, columns: columns)
    }

    /// The cells with the lowest and the highest median (the first of equal ones), nil when no
    /// cell's median is defined.
    public var extremes: (lowest: Int, highest: Int)? {
        let defined = cells.indices.filter { cells[$0].median.value.isFinite }
        guard let lowest = defined.min(by: { cells[$0].median.value < cells[$1].median.value }),
            let highest = defined.max(by: { cells[$0].median.value < cells[$1].median.value })
        else { return nil }
        return (lowest, highest)
    }
}
