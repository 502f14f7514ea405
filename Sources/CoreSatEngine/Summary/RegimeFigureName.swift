/// Which regime bucket a per-regime figure is over: the months in a regime, or the first months
/// after the market entered it. Names it by the regime's name, as expectations do.
public struct RegimeBucketReference: Sendable, Equatable, CustomStringConvertible {
    public var regime: Int
    public var name: String
    public var entry: Bool

    public var description: String { "\(entry ? "entry" : "regime")[\(name)]" }
}

/// What of a regime bucket: one of its figures, or a satellite asset's average weight.
public enum RegimeQuantity: Sendable, Equatable, CustomStringConvertible {
    case figure(RegimeFigure)
    case weight(satellite: Int, asset: String)

    public var description: String {
        switch self {
        case .figure(let f): f.key
        case .weight(_, let asset): "\(RegimeFigure.weightPrefix).\(asset)"
        }
    }
}

/// Reads the names of per-regime figures, which depend on the run's regimes and satellite assets:
/// `regime[<regime name>].<figure>.<statistic>`, `entry[<regime name>].<figure>.<statistic>`, with
/// `<figure>` a `RegimeFigure` key or `weight.<satellite asset id>`.
public enum RegimeFigureName {
    public enum Problem: Error, Equatable {
        /// Not a per-regime name at all.
        case notPerRegime
        /// The market has one regime, so there are no per-regime figures.
        case oneRegime
        case unknownRegime(String)
        /// The part after the bucket is no figure and statistic; the names it could have been.
        case unknownFigure
    }

    /// Whether `name` is meant as a per-regime figure (and so should be read by `parse`).
    public static func isPerRegime(_ name: String) -> Bool { name.hasPrefix("regime[") || name.hasPrefix("entry[") }

    public static func parse(_ name: String, regimes: [String], satellites: [String]) -> Result<FigureReference, Problem> {
        let entry = name.hasPrefix("entry[")
        guard isPerRegime(name) else { return .failure(.notPerRegime) }
        let opening = name.index(name.startIndex, offsetBy: entry ? 6 : 7)
        guard let closing = name[opening...].range(of: "].") else { return .failure(.unknownFigure) }
        guard regimes.count > 1 else { return .failure(.oneRegime) }
        let regimeName = String(name[opening..<closing.lowerBound])
        guard let regime = regimes.firstIndex(of: regimeName) else { return .failure(.unknownRegime(regimeName)) }
        let rest = name[closing.upperBound...]
        guard let dot = rest.lastIndex(of: "."), let statistic = FigureReference.statistic(String(rest[rest.index(after: dot)...]))
        else { return .failure(.unknownFigure) }
        let figure = String(rest[..<dot])
        let quantity: RegimeQuantity
        if let f = RegimeFigure.allCases.first(where: { $0.key == figure }) {
            quantity = .figure(f)
        } else if figure.hasPrefix(RegimeFigure.weightPrefix + "."),
            let s = satellites.firstIndex(of: String(figure.dropFirst(RegimeFigure.weightPrefix.count + 1)))
        {
            quantity = .weight(satellite: s, asset: satellites[s])
        } else {
            return .failure(.unknownFigure)
        }
        return .success(.regime(RegimeBucketReference(regime: regime, name: regimeName, entry: entry), quantity, statistic))
    }

    /// Every per-regime name for one regime bucket, for suggestions.
    public static func allNames(regime: String, entry: Bool, satellites: [String]) -> [String] {
        let bucket = "\(entry ? "entry" : "regime")[\(regime)]"
        let figures = RegimeFigure.allCases.map(\.key) + satellites.map { "\(RegimeFigure.weightPrefix).\($0)" }
        return figures.flatMap { f in FigureReference.statisticNames.map { "\(bucket).\(f).\($0)" } }
    }
}
