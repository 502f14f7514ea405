import Foundation

/// Whether a backtest sweep's best cell shows skill or only the luck of being picked: the
/// probability of backtest overfitting (CSCV) over the cells' monthly net returns, and the deflated
/// Sharpe ratio of the cell with the best Sharpe ratio, with every cell a trial. Only for a dated
/// one-path run that kept monthly returns; one history gives no spread across paths to judge by.
///
/// Both work on excess returns `r - rf` (rf the scenario's monthly risk-free rate), so the
/// Sharpe ratios ranked are those the report's Sharpe figures use, per month.
public struct SweepOverfitting: Sendable {
    /// Why a part is missing or was computed on less than asked for.
    public enum Note: Sendable, Equatable {
        /// Accounts of these cells (0-based) emptied; both parts use the months all cells have.
        case accountsEmptied(cells: [Int], commonMonths: Int)
        /// Too few months for the default blocks: CSCV cut them into fewer.
        case fewerBlocks(Int, months: Int)
        case noOverfittingProbability(BacktestOverfitting.Problem)
        case noDeflatedSharpe(DeflatedSharpe.Problem)
    }

    /// The months both parts use: the first months with a return in every cell.
    public var months: Int
    /// Per month, from the scenario's annual rate.
    public var riskFree: Double
    /// The blocks CSCV cut the months into (its default, or fewer for a short history).
    public var blocks: Int
    /// nil when the months cannot fill the blocks (see `notes`).
    public var cscv: BacktestOverfitting.Result?
    /// The cell (0-based) with the best per-month Sharpe ratio; nil when no cell has one.
    public var best: Int?
    /// Every cell's per-month Sharpe ratio of excess returns over `months` (the DSR's trials).
    public var sharpes: [Double]
    public var deflated: DeflatedSharpe.Result?
    public var notes: [Note]

    /// nil unless the run is a dated single path whose records keep every month's return.
    init?(grid: SweepGrid, columns: some PathColumns) throws {
        let run = columns.run
        guard run.paths == 1, run.layout.returnMonths == run.months, run.firstMonthIndex != nil else { return nil }
        let series = try (0..<grid.cellCount).map { try columns.monthlyReturns(policy: grid.firstCell + $0) }
        let lived = series.map { $0.prefix(while: \.isFinite).count }
        let months = lived.min() ?? 0
        let rf = pow(1 + run.riskFreeAnnual, 1.0 / 12) - 1
        let excess = series.map { $0.prefix(months).map { $0 - rf } }
        riskFree = rf
        self.months = months
        var notes: [Note] = []
        let emptied = lived.indices.filter { lived[$0] < run.months }
        if !emptied.isEmpty { notes.append(.accountsEmptied(cells: emptied, commonMonths: months)) }

        // Fewer months than blocks: as many blocks as months allow, at least 2 (evaluate then says
        // why too few months cannot do).
        blocks = max(2, min(BacktestOverfitting.defaultBlocks, months - months % 2))
        do {
            let rows = (0..<months).map { t in excess.map { $0[t] } }
            cscv = try BacktestOverfitting.evaluate(rows: rows, blocks: blocks)
            if blocks < BacktestOverfitting.defaultBlocks { notes.append(.fewerBlocks(blocks, months: months)) }
        } catch {
            cscv = nil
            notes.append(.noOverfittingProbability(error))
        }

        let sharpes = excess.map(Self.sharpe)
        let best = sharpes.indices.filter { sharpes[$0].isFinite }.max { sharpes[$0] < sharpes[$1] }
        self.sharpes = sharpes
        self.best = best
        do {
            // Excess returns against a zero rate: the same Sharpe ratio as the raw ones against rf.
            // Without a best cell, the first lets evaluate say why (too few months, or no spread).
            deflated = try DeflatedSharpe.evaluate(selected: best.map { excess[$0] } ?? excess.first ?? [], trialSharpes: sharpes)
        } catch {
            deflated = nil
            notes.append(.noDeflatedSharpe(error))
        }
        self.notes = notes
    }

    /// mean / std (ddof = 1) as `DeflatedSharpe` computes it; +-inf or NaN when the series does not vary.
    static func sharpe(_ r: [Double]) -> Double {
        guard r.count > 1 else { return .nan }
        let scan = r.withUnsafeBufferPointer { ReturnMetrics.scan($0, riskFree: 0) }
        return scan.mean / scan.standardDeviation
    }
}
