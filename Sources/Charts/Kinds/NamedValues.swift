/// A named list of values with an optional colour: a bar chart's series (one value per category),
/// a stacked area's layer (one value per x) or a histogram's sample.
public struct NamedValues: Sendable {
    public var name: String
    public var values: [Double]
    /// The palette colour; nil: the series' place among its chart's series.
    public var colorIndex: Int?

    public init(name: String, values: [Double], colorIndex: Int? = nil) {
        self.name = name
        self.values = values
        self.colorIndex = colorIndex
    }
}
