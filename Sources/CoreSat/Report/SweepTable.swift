import CoreSatEngine
import Foundation

/// The terminal report's sweep section: the median of the chosen figure and the probability of
/// beating the benchmark for every cell, as two grids when the grid fits in 80 columns and as a
/// list otherwise; then the spread across cells and why the best cell overstates.
enum SweepTable {
    /// Columns a grid may have and still fit in 80 characters.
    static let maximumColumns = 7

    /// `onePath`: a backtest, whose cells have one value each and no spread across paths.
    static func blocks(_ sweep: SweepSummary, benchmark: String, onePath: Bool = false) -> [ReportBlock] {
        let grid = sweep.grid
        let figure = grid.figure.key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(
            of: "cagr", with: "CAGR")
        var blocks: [ReportBlock] = [
            .heading("Sweep of \(grid.policy)"),
            .note(
                onePath
                    ? "\(figure) of each cell\(isRelative(grid.figure) ? " against \(benchmark)" : "") on the one path:"
                    : "median \(figure) across paths, and P(beat \(benchmark)):"),
        ]
        let tables = [
            ("median \(figure)", { (c: SweepSummary.Cell) in format(c.median.value, grid.figure) }),
            ("P(beat)", { (c: SweepSummary.Cell) in TableReport.percent(c.probabilityOutperform.value, 1) }),
        ]
        if grid.parameters.count == 2, let (rows, columns) = orientation(grid) {
            let cell = { (i: Int, j: Int) -> SweepSummary.Cell? in
                let index =
                    rows == 0 ? i * grid.parameters[1].values.count + j : j * grid.parameters[1].values.count + i
                return sweep.cells.indices.contains(index) ? sweep.cells[index] : nil
            }
            for (title, text) in onePath ? [(figure, tables[0].1)] : tables {
                var table = TextTable(
                    header: ["\(grid.parameters[rows].name) \\ \(grid.parameters[columns].name)"]
                        + grid.parameters[columns].values)
                for (i, rowValue) in grid.parameters[rows].values.enumerated() {
                    table.rows.append(
                        [rowValue] + grid.parameters[columns].values.indices.map { j in cell(i, j).map(text) ?? "-" })
                }
                blocks += [.label("\(title):"), .table(table)]
            }
        } else {
            var table = TextTable(
                header: grid.parameters.map(\.name) + (onePath ? [figure] : ["median", "s.e.", "P(beat)"]))
            for cell in sweep.cells {
                table.rows.append(
                    cell.values
                        + (onePath
                            ? [format(cell.median.value, grid.figure)]
                            : [
                                format(cell.median.value, grid.figure),
                                format(cell.median.standardError, grid.figure, signed: false),
                                TableReport.percent(cell.probabilityOutperform.value, 1),
                            ]))
            }
            blocks.append(.table(table))
        }
        if let (low, high) = sweep.extremes {
            let typical = sweep.cells.map(\.median.standardError).filter(\.isFinite).sorted()
            let se = typical.isEmpty ? Double.nan : typical[typical.count / 2]
            let value = onePath ? "" : "median "
            let lowest = format(sweep.cells[low].median.value, grid.figure)
            let highest = format(sweep.cells[high].median.value, grid.figure)
            let error = format(se, grid.figure, signed: false)
            blocks.append(
                .note(
                    "spread across cells: lowest \(value)\(lowest) at \(grid.label(cell: low)),\n"
                        + "highest \(highest) at \(grid.label(cell: high))"
                        + (onePath ? "" : "; one cell's median has\na standard error of about \(error)")))
        }
        blocks.append(
            .note(
                "note: the best cell overstates what the rule would earn: it was picked after\n"
                    + "seeing these same \(onePath ? "months" : "paths")"))
        if let o = sweep.overfitting { blocks += OverfittingReport.blocks(o, grid: grid) }
        return blocks
    }

    static func isRelative(_ figure: SweepGrid.Figure) -> Bool {
        if case .relative = figure { return true }
        return false
    }

    /// Which parameter gives the rows and which the columns, or nil when neither fits.
    static func orientation(_ grid: SweepGrid) -> (rows: Int, columns: Int)? {
        let counts = grid.parameters.map(\.values.count)
        if counts[1] <= maximumColumns { return (0, 1) }
        if counts[0] <= maximumColumns { return (1, 0) }
        return nil
    }

    /// A value of the figure as the other tables show it; `signed: false` for standard errors.
    static func format(_ x: Double, _ figure: SweepGrid.Figure, signed: Bool = true) -> String {
        switch figure {
        case .path(.sharpe), .path(.sortino), .path(.calmar), .relative(.informationRatio): TableReport.number(x)
        case .path(.terminalWealth): TableReport.money(x)
        case .path(.longestDrawdown), .path(.monthsToDepletion): x.isFinite ? String(format: "%.1f mo", x) : "n/a"
        case .relative(.cagrDifference): signed ? TableReport.signedPercent(x) : TableReport.percent(x)
        default: TableReport.percent(x)
        }
    }
}
