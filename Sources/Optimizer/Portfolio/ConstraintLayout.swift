/// The constraint fields both program shapes share, so one writer fills either.
protocol ConstrainedProgram {
    var variables: Int { get }
    var lower: [Double] { get set }
    var upper: [Double] { get set }
    var equalityRows: [Double] { get set }
    var equalityValues: [Double] { get set }
    var rows: [Double] { get set }
    var rowLower: [Double] { get set }
    var rowUpper: [Double] { get set }
}

extension QuadraticProgram: ConstrainedProgram {}
extension LinearProgram: ConstrainedProgram {}

/// What each constraint of a built program stands for, so a conflict can be told in the user's terms.
enum ConstraintMeaning: Sendable, Equatable {
    case budget
    case weightLower(Int)
    case weightUpper(Int)
    case groupLower(Int)
    case groupUpper(Int)
    case minimumReturn(Double)
    case exposure(factor: Int, low: Double, high: Double)
    /// Max Sharpe's normalization: excess return of the scaled weights is 1 (some asset must beat
    /// the risk-free rate).
    case positiveExcessReturn
    case positiveScale
    /// Σ σ_i (w_i - current_i) <= limit for one sign pattern σ: a facet of the turnover limit.
    case turnover(Double)
}

/// The standard layout: equality 0 is the budget; bounds are the weights' bounds; rows 0..<G are the
/// groups (two-sided), then the extra rows the objective adds.
struct ConstraintLayout {
    static func write<P: ConstrainedProgram>(_ constraints: PortfolioConstraints, into p: inout P) {
        let n = p.variables
        for i in 0..<n {
            p.lower[i] = constraints.lower[i]
            p.upper[i] = constraints.upper[i]
            p.equalityRows[i] = 1
        }
        p.equalityValues[0] = 1
        for (g, group) in constraints.groups.enumerated() {
            for i in 0..<n { p.rows[g * n + i] = 0 }
            for i in group.members { p.rows[g * n + i] = 1 }
            p.rowLower[g] = group.lower
            p.rowUpper[g] = group.upper
        }
    }

    /// What `index` means in a program written by `write` plus extra rows described by `extra`.
    static func meaning(_ index: ConstraintIndex, groups: Int, extra: [ConstraintMeaning]) -> ConstraintMeaning {
        switch index {
        case .equality: .budget
        case .lowerBound(let i): .weightLower(i)
        case .upperBound(let i): .weightUpper(i)
        case .rowLower(let r): r < groups ? .groupLower(r) : extra[r - groups]
        case .rowUpper(let r): r < groups ? .groupUpper(r) : extra[r - groups]
        }
    }

    static func describe(
        _ meaning: ConstraintMeaning, names: [String], constraints: PortfolioConstraints, factorNames: [String] = []
    ) -> String {
        switch meaning {
        case .budget: "weights sum to 1"
        case .weightLower(let i): "weight of \(names[i]) >= \(constraints.lower[i])"
        case .weightUpper(let i): "weight of \(names[i]) <= \(constraints.upper[i])"
        case .groupLower(let g): "group \(constraints.groups[g].name) >= \(constraints.groups[g].lower)"
        case .groupUpper(let g): "group \(constraints.groups[g].name) <= \(constraints.groups[g].upper)"
        case .minimumReturn(let r): "expected return >= \(r)"
        case .exposure(let f, let low, let high):
            "exposure to \(f < factorNames.count ? factorNames[f] : "factor \(f)") within [\(low), \(high)]"
        case .positiveExcessReturn: "expected return above the risk-free rate"
        case .positiveScale: "weights sum to a positive amount"
        case .turnover(let limit): "turnover from the current weights <= \(limit)"
        }
    }
}
