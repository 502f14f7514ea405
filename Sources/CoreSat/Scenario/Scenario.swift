import Foundation
import GSLKit

/// A policy as the scenario file states it: fixed targets and a review rule.
public struct PolicySpec: Sendable, Equatable {
    public var name: String
    /// Indexed like the scenario's assets; sums to 1.
    public var targets: [Double]
    public var rule: RebalanceRule
}

/// A validated scenario file.
public struct Scenario: Sendable {
    public var file: String
    public var name: String
    public var seed: UInt64
    public var paths: Int
    public var months: Int
    public var generator: GeneratorKind
    public var riskFreeAnnual: Double
    public var assets: [Asset]
    public var market: MarketSpec
    public var rules: AccountRules
    public var policies: [PolicySpec]
    public var benchmark: Int
    /// What `coresat check` verifies.
    public var expectations: [Expectation]
    /// Where `paths` was set in the file, for errors about the size of a run.
    public var pathsLocation: InputError

    public static let pathRange = 1...10_000_000
    public static let monthRange = 1...1_200
    /// An annual risk-free rate, exclusive at the lower end: (1 + R)^(1/P) needs 1 + R > 0, and
    /// rates beyond these are typing mistakes.
    public static let riskFreeRange = -0.5...1.0

    public static func riskFreeInRange(_ rate: Double) -> Bool {
        rate > riskFreeRange.lowerBound && rate <= riskFreeRange.upperBound
    }

    /// The reason given for a path count outside `pathRange`, wherever it came from.
    public static func pathsOutOfRange(_ paths: Int) -> String {
        "\(paths) paths is out of range \(pathRange.lowerBound)...\(pathRange.upperBound)"
    }

    /// The simulation this scenario describes.
    public func plan() throws(InputError) -> SimulationPlan {
        let model: MarkovSwitchingModel
        do {
            model = try MarkovSwitchingModel(market)
        } catch {
            // Correlations are checked when the file is read, so this means a numerical breakdown.
            throw InputError(file: file, keyPath: "market", reason: error.description)
        }
        return SimulationPlan(
            model: model,
            policies: policies.map { StaticPolicy(name: $0.name, targets: $0.targets, review: $0.rule) },
            benchmark: benchmark, rules: rules, paths: paths, months: months, seed: seed,
            generator: generator, riskFreeAnnual: riskFreeAnnual)
    }

    /// Refuses, before starting, a run whose memory estimate (with the program's own overhead)
    /// exceeds half of `limit`: the estimate leaves out allocator slack and copies, and a run that
    /// runs out of memory half-way aborts (or, short of address space, hangs starting a thread).
    public func checkMemory(_ plan: SimulationPlan, threads: Int, limit: MemoryLimit, pathsFlag: Bool = false) throws(InputError) {
        let workers = min(threads, ProcessInfo.processInfo.activeProcessorCount)
        let needed = Double(plan.estimatedBytes(threads: threads)) + Double(MemoryLimit.programOverhead(workers: workers))
        let available = Double(limit.bytes)
        guard needed > available / 2 else { return }
        var error = pathsFlag ? InputError(file: "--paths", reason: "") : pathsLocation
        error.reason = "\(plan.paths) paths need about \(Self.size(needed)) of memory, and the limit is half of "
            + "\(Self.size(available)) (\(limit.source)); use fewer paths"
        throw error
    }

    static func size(_ bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
    }
}
