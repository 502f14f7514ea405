/// One policy's figures over the months of one regime bucket (a regime, or the first months after
/// entering it), each a distribution across the paths on which the bucket had months.
public struct RegimeBucketSummary: Sendable {
    public var figures: [RegimeFigure: Distribution]
    /// Average weight of each satellite asset, in the order of `RunSummary.satelliteAssets`.
    public var weights: [Distribution]

    public func distribution(_ figure: RegimeFigure) -> Distribution { figures[figure]! }
}

extension RunSummary {
    /// Puts the distributions of `figureKeys(_:).regime`, in that order, in their places: for each
    /// of the first `policies` policies (the reported ones) its buckets (regimes, then entries),
    /// and the recognition figures of those that classify regimes.
    static func regimeDistributions(
        _ all: [Distribution], layout: RecordLayout, policies: Int
    ) -> (buckets: [[RegimeBucketSummary]], recognition: [[RecognitionFigure: Distribution]?]) {
        var next = all.makeIterator()
        let buckets = (0..<policies).map { _ in
            (0..<layout.bucketCount).map { _ in
                RegimeBucketSummary(
                    figures: Dictionary(uniqueKeysWithValues: RegimeFigure.allCases.map { ($0, next.next()!) }),
                    weights: layout.satelliteAssets.map { _ in next.next()! })
            }
        }
        var recognition = [[RecognitionFigure: Distribution]?](repeating: nil, count: policies)
        for p in layout.classifiers where p < policies {
            recognition[p] = Dictionary(uniqueKeysWithValues: RecognitionFigure.allCases.map { ($0, next.next()!) })
        }
        return (buckets, recognition)
    }
}
