/// Text sizes and the width estimate layouts use: 0.6 em a character is close enough for the
/// sans-serif fonts the charts ask for, and errs wide for digits.
enum TextSize {
    static let tick = 11.0
    static let label = 11.0
    static let axisTitle = 12.0
    static let title = 15.0
    static let subtitle = 12.0

    /// A white outline under text drawn over data, so it stays readable on bars and lines.
    static let halo: SVGWriter.Attributes = [
        ("paint-order", "stroke"), ("stroke", "#fff"), ("stroke-width", "3"), ("stroke-linejoin", "round"),
    ]

    static func width(_ text: String, size: Double = tick) -> Double {
        Double(text.count) * 0.6 * size
    }

    static func widest(_ texts: [String], size: Double = tick) -> Double {
        texts.map { width($0, size: size) }.max() ?? 0
    }

    /// `text` cut to `limit` characters with an ellipsis, for labels that share little room.
    static func truncated(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }
}
