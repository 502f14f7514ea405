import Foundation
import GSLKit

/// A market whose assets are indices built by published rules from a simulated stock universe:
/// each month the universe moves, each index earns its constituents' returns (weights drifting
/// with them), and at its reviews it is rebuilt by its rule, paying for the turnover. The
/// indices, net of their trading (a fund's fee is its asset's expense ratio), are the assets
/// policies hold; what the lab measures of each (tracking error to its parent, turnover,
/// exposures, capacity...) goes to the records.
public struct IndexLabModel: ReturnModel {
    public let universe: UniverseSpec
    public let indices: [LabIndex]
    public let warmUpMonths: Int
    /// The distinct parents (cap-weighted segments) and which one each index is measured against.
    let parents: [IndexRule]
    let parentOf: [Int]

    public init(_ spec: IndexLabSpec) {
        precondition(!spec.indices.isEmpty, "a lab builds at least one index")
        universe = spec.universe
        indices = spec.indices
        warmUpMonths = spec.warmUpMonths
        var parents: [IndexRule] = []
        parentOf = spec.indices.map { index in
            let parent = index.parentRule
            if let found = parents.firstIndex(of: parent) { return found }
            parents.append(parent)
            return parents.count - 1
        }
        self.parents = parents
    }

    public var assetCount: Int { indices.count }
    public var regimeNames: [String] { universe.regimes.map(\.name) }

    public var pathFigureNames: [String] {
        indices.flatMap { index in LabIndex.figureNames.map { LabIndex.figureName(index: index.id, $0) } }
    }

    public func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>
    ) {
        var ignored = [Double](repeating: 0, count: pathFigureNames.count)
        ignored.withUnsafeMutableBufferPointer { figures in
            generatePath(
                path: path, months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes,
                logMeans: UnsafeMutableBufferPointer(start: nil, count: 0), figures: figures)
        }
    }

    public func generatePath(
        path: Int, months: Int, random: RandomSource, returns: UnsafeMutableBufferPointer<Double>,
        logReturns: UnsafeMutableBufferPointer<Double>, regimes: UnsafeMutableBufferPointer<Int32>,
        logMeans: UnsafeMutableBufferPointer<Double>, figures: UnsafeMutableBufferPointer<Double>
    ) {
        let lab = IndexLabPath(model: self)
        lab.run(months: months, random: random, returns: returns, logReturns: logReturns, regimes: regimes)
        if figures.count >= pathFigureNames.count { lab.writeFigures(months: months, into: figures) }
    }
}
