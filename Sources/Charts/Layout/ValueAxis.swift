import Foundation

/// One continuous axis: its domain (extended to nice ticks unless it shows time), its ticks and
/// their labels. Built before the layout, because the labels' width decides the margins.
struct ValueAxis {
    let lower: Double
    let upper: Double
    let isLog: Bool
    let ticks: [Double]
    let labels: [String]

    /// `extent` must not be empty; `includeZero` for bars and shares, which start at zero.
    init(
        extent: Extent, format: TickFormat, count: Int, log: Bool = false, nice: Bool = true, includeZero: Bool = false
    ) {
        var extent = extent
        if includeZero, !log { extent.include(0) }
        isLog = log
        if log {
            // A little room above and below, so the extreme lines do not sit on the frame.
            let scale = LogScale(domain: (extent.lower, extent.upper))
            let ratio = scale.upper / scale.lower
            let pad = ratio > 1 ? Foundation.pow(ratio, 0.03) : 1
            let padded = LogScale(domain: (scale.lower / pad, scale.upper * pad))
            (lower, upper) = (padded.lower, padded.upper)
            ticks = padded.ticks(count: count)
        } else {
            var scale = LinearScale(domain: (extent.lower, extent.upper))
            if nice, !format.isCalendar { scale = scale.nice(count: count) }
            (lower, upper) = (scale.lower, scale.upper)
            ticks = format.ticks(lower: lower, upper: upper, count: count)
        }
        labels = format.labels(for: ticks)
    }

    /// The pixel position of a value between `start` (at the lower end) and `end`.
    func map(from start: Double, to end: Double) -> @Sendable (Double) -> Double {
        if isLog {
            let scale = LogScale(domain: (lower, upper), range: (start, end))
            return { scale($0) }
        }
        let scale = LinearScale(domain: (lower, upper), range: (start, end))
        return { scale($0) }
    }

    func contains(_ value: Double) -> Bool {
        value.isFinite && value >= lower && value <= upper && (!isLog || value > 0)
    }

    var labelWidth: Double { TextSize.widest(labels) }
}
