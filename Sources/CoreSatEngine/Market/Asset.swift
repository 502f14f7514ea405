/// Which part of the portfolio an asset belongs to.
public enum Sleeve: String, CaseIterable, Sendable {
    case core
    case satellite
}

/// What an asset is, as a fact sheet would say.
public enum AssetKind: String, CaseIterable, Sendable {
    case broad
    case smartBeta = "smart-beta"
    case thematic
    case bond
    case cash
}

public struct Asset: Sendable, Equatable {
    public var id: String
    public var name: String
    public var sleeve: Sleeve
    public var kind: AssetKind
    /// Annual expense ratio as a decimal (0.0015 = 0.15% a year), accrued monthly.
    public var expenseRatio: Double

    public init(id: String, name: String, sleeve: Sleeve, kind: AssetKind, expenseRatio: Double) {
        self.id = id
        self.name = name
        self.sleeve = sleeve
        self.kind = kind
        self.expenseRatio = expenseRatio
    }
}
