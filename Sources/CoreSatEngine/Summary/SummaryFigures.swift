/// Where a number sits in the JSON report: whose it is (`policy` `70/30 bands`, `regime` `calm`)
/// and the path inside it (`metrics.cagr.median`, `vs_benchmark.probability_outperform`).
public struct FigureKey: Hashable, Sendable, CustomStringConvertible {
    public var section: String
    public var name: String
    public var path: String

    public init(section: String, name: String, path: String) {
        self.section = section
        self.name = name
        self.path = path
    }

    public var description: String { "\(section) \(name): \(path)" }
}

/// A summary number with its Monte Carlo standard error.
public struct SummaryFigure: Sendable {
    public var key: FigureKey
    public var value: Double
    public var standardError: Double
}

/// Every number of the JSON report, addressed by `FigureKey`, with its standard error: the rows of
/// the CSV report, and what baselines compare figure by figure.
public enum SummaryFigures {
    public static func all(_ s: RunSummary) -> [SummaryFigure] {
        var out: [SummaryFigure] = []
        func add(_ owner: (String, String), _ path: String, _ m: Estimate) {
            let key = FigureKey(section: owner.0, name: owner.1, path: path)
            out.append(SummaryFigure(key: key, value: m.value, standardError: m.standardError))
        }
        func addDistribution(_ owner: (String, String), _ prefix: String, _ d: Distribution, _ statistics: [(String, Statistic)]) {
            for (name, statistic) in statistics {
                add(owner, "\(prefix).\(name)", Estimate(value: d.value(statistic), standardError: d.standardError(statistic)))
            }
        }
        let reported = ReportedStatistics.distribution
        for regime in s.regimes {
            add(("regime", regime.name), "share_of_months", Estimate(value: regime.shareOfMonths, standardError: regime.shareStandardError))
            if s.hasRegimeFigures {
                add(("regime", regime.name), "entry_share_of_months",
                    Estimate(value: regime.entryShareOfMonths, standardError: regime.entryShareStandardError))
            }
        }
        for p in s.policies {
            let owner = ("policy", p.name)
            for f in PathFigure.allCases where f != .terminalWealth {
                addDistribution(owner, "metrics.\(f.key)", p.figures[f]!, reported)
            }
            addDistribution(owner, "terminal_wealth", p.figures[.terminalWealth]!, ReportedStatistics.terminalWealth)
            add(owner, "probability_of_loss", .share(p.probabilityOfLoss, paths: s.paths))
            add(owner, "probability_of_depletion", .share(p.probabilityOfDepletion, paths: s.paths))
            addDistribution(owner, "decisions", p.decisions, ReportedStatistics.perPathMean)
            addDistribution(owner, "fallbacks", p.fallbacks, ReportedStatistics.perPathMean)
            if let vs = p.versusBenchmark {
                addDistribution(owner, "vs_benchmark.cagr_difference", vs.cagrDifference, ReportedStatistics.cagrDifference)
                add(owner, "vs_benchmark.probability_outperform", .share(vs.probabilityOutperform, paths: s.paths))
                for f in [RelativeFigure.trackingError, .informationRatio, .winRate] {
                    addDistribution(owner, "vs_benchmark.\(f.key)", vs.distribution(f), reported)
                }
            }
            guard s.hasRegimeFigures else { continue }
            for (section, buckets) in [("regimes", p.regimes), ("regime_entries", p.regimeEntries)] {
                for (regime, bucket) in zip(s.regimes, buckets) {
                    let prefix = "\(section).\(regime.name)"
                    for f in RegimeFigure.allCases where !(p.isBenchmark && f.isRelative) {
                        addDistribution(owner, "\(prefix).\(f.key)", bucket.distribution(f), reported)
                    }
                    for (asset, d) in zip(s.satelliteAssets, bucket.weights) {
                        addDistribution(owner, "\(prefix).\(RegimeFigure.weightPrefix).\(asset)", d, reported)
                    }
                }
            }
            if let recognition = p.recognition {
                for f in RecognitionFigure.allCases {
                    addDistribution(owner, "regime_recognition.\(f.key)", recognition[f]!, reported)
                }
            }
        }
        if let sweep = s.sweep {
            for (c, cell) in sweep.cells.enumerated() {
                let owner = ("sweep", sweep.grid.policyName(cell: c))
                add(owner, "\(sweep.grid.figure.key).median", cell.median)
                add(owner, "probability_outperform", cell.probabilityOutperform)
            }
        }
        if let m = s.marketFigures {
            // An index lab's `index[growth].turnover`: the index as the name, the figure as the path.
            for (name, d) in zip(m.names, m.distributions) {
                let (owner, figure) = LabIndex.parse(figureName: name).map { ("index[\($0.index)]", $0.figure) } ?? ("market", name)
                addDistribution(("market", owner), figure, d, reported)
            }
        }
        return out
    }
}
