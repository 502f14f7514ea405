import Foundation

/// Colours of the charts: the Okabe-Ito palette, extended with colours from Paul Tol's "muted"
/// scheme, which readers with the common colour-vision deficiencies can tell apart, and the greys
/// of text, gridlines and benchmarks.
public enum Palette {
    /// Okabe-Ito blue, orange, green, reddish purple, sky, vermillion; then Tol's wine, teal,
    /// indigo and olive, so twelve series differ by colour alone; black and yellow last (black
    /// bars hide black reference lines, yellow is hard to see on white).
    public static let colors = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
        "#882255", "#44AA99", "#332288", "#999933", "#000000", "#F0E442",
    ]
    /// The colour index of a benchmark: `color(at: benchmarkIndex)` is the benchmark grey, so any
    /// chart kind can draw a benchmark series, bar, box or marker through its colour index.
    public static let benchmarkIndex = -1
    public static let benchmark = "#555555"
    public static let benchmarkDash = "6 4"
    public static let dashed = "7 4"
    public static let text = "#222"
    public static let mutedText = "#555"
    public static let grid = "#ddd"
    public static let axis = "#888"
    public static let missing = "#eee"
    /// Thin lines joining a label to a marker it had to move away from.
    public static let leader = "#999"
    /// Fill opacity of a fan chart's outer (5-95) and inner (25-75) bands.
    public static let outerBandOpacity = 0.18
    public static let innerBandOpacity = 0.35

    /// Dash patterns that tell series apart once the colours repeat (series 13 to 24 dashed, ...).
    static let cycleDashes: [String?] = [nil, "8 4", "2 3", "8 3 2 3"]

    /// The colour of series `index`, cycling after twelve; `benchmarkIndex` is the benchmark grey.
    public static func color(at index: Int) -> String {
        if index == benchmarkIndex { return benchmark }
        return colors[((index % colors.count) + colors.count) % colors.count]
    }

    /// The dash pattern of series `index`: none for the first twelve, then one per cycle; none
    /// for `benchmarkIndex` (a benchmark line takes `benchmarkDash` itself).
    public static func dash(at index: Int) -> String? {
        if index == benchmarkIndex { return nil }
        return cycleDashes[(max(0, index) / colors.count) % cycleDashes.count]
    }

    /// The fill of a shaded x interval (a regime) of colour `index`: a light, mostly grey tint,
    /// so coloured lines drawn over it keep their contrast, yet distinct shades stay apart.
    public static func shade(at index: Int) -> String {
        mix(shadeBase, color(at: index), 0.12)
    }

    static let shadeBase = "#f4f4f4"

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

    /// `color` darkened towards black just enough for a contrast of at least `contrast` (WCAG,
    /// at most 21) against white, so text in a series' colour stays legible.
    public static func readable(_ color: String, contrast: Double = 4.5) -> String {
        let wanted = contrast.isFinite ? min(max(contrast, 1), 21) : 4.5
        for step in 0...20 {
            let candidate = mix(color, "#000000", Double(step) / 20)
            if contrastOnWhite(candidate) >= wanted { return candidate }
        }
        return "#000000"
    }

    /// The WCAG contrast ratio of a colour against white (1 ... 21).
    static func contrastOnWhite(_ color: String) -> Double {
        1.05 / (luminance(color) + 0.05)
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
