/// Distributions across paths of the figures a market model measures on each path
/// (`ReturnModel.pathFigureNames`): for an index lab, each index's return, tracking error,
/// turnover, exposures and capacity. Names keep the model's order.
public struct MarketFigureSummary: Sendable {
    public var names: [String]
    public var distributions: [Distribution]

    /// Nil when the model measures nothing.
    init?(columns: some PathColumns) throws {
        let names = columns.run.layout.marketFigures
        guard !names.isEmpty else { return nil }
        self.names = names
        distributions = try RunSummary.distributions(columns, names.map { ColumnKey(.market, $0) })
    }

    /// The distribution of a figure by name, if the model measured it.
    public func distribution(_ name: String) -> Distribution? {
        names.firstIndex(of: name).map { distributions[$0] }
    }
}
