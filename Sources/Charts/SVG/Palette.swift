import Foundation

/// Colours of the charts: the Okabe-Ito palette, which readers with the common colour-vision
/// deficiencies can tell apart, and the greys of text, gridlines and benchmarks.
public enum Palette {
    /// Okabe-Ito: blue, orange, green, reddish purple, sky, vermillion, black, yellow (last: it is
    /// the hardest to see on white).
    public static let colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
    public static let benchmark = "#555"
    public static let benchmarkDash = "6 4"
    public static let dashed = "7 4"
    public static let text = "#222"
    public static let mutedText = "#555"
    public static let grid = "#ddd"
    public static let axis = "#888"
    public static let missing = "#eee"
    /// Fill opacity of a fan chart's outer (5-95) and inner (25-75) bands.
    public static let outerBandOpacity = 0.18
    public static let innerBandOpacity = 0.35

    /// Dash patterns that tell series apart once the colours repeat (series 9 to 16 dashed, ...).
    static let cycleDashes: [String?] = [nil, "8 4", "2 3", "8 3 2 3"]

    /// The colour of series `index`, cycling after eight.
    public static func color(at index: Int) -> String {
        colors[((index % colors.count) + colors.count) % colors.count]
    }

    /// The dash pattern of series `index`: none for the first eight, then one per cycle.
    public static func dash(at index: Int) -> String? {
        cycleDashes[(max(0, index) / colors.count) % cycleDashes.count]
    }

    /// A colour mixed with white: `strength` 0 is white, 1 the colour itself. Opaque tints print
    /// the same everywhere, unlike transparency over whatever lies behind.
    public static func tint(_ color: String, strength: Double) -> String {
        mix("#ffffff", color, strength)
    }

    /// The colour `t` of the way from `a` to `b` (0...1), as "#rrggbb".
    public static func mix(_ a: String, _ b: String, _ t: Double) -> String {
        let from = rgb(a)
        let to = rgb(b)
        let share = t.isFinite ? min(1, max(0, t)) : 0
        let channels = (0..<3).map { Int((from[$0] + (to[$0] - from[$0]) * share).rounded()) }
        return "#" + channels.map { String(format: "%02x", $0) }.joined()
    }

    /// Relative luminance (0 black ... 1 white), to choose dark or light text on a fill.
    static func luminance(_ color: String) -> Double {
        let c = rgb(color).map { channel -> Double in
            let v = channel / 255
            return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    }

    /// Channels 0...255 of "#rgb" or "#rrggbb"; anything else reads as mid grey.
    static func rgb(_ color: String) -> [Double] {
        var digits = color.hasPrefix("#") ? String(color.dropFirst()) : color
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return [128, 128, 128] }
        return [Double((value >> 16) & 0xff), Double((value >> 8) & 0xff), Double(value & 0xff)]
    }
}
