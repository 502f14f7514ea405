/// Percent figures as decimals without binary noise: "2.96" becomes the double nearest to 0.0296,
/// which prints back as 0.0296, where 2.96 / 100 would give 0.029599999999999998.
enum DecimalText {
    /// The decimal value of a percent figure; nil when `text` is not a finite number.
    static func percent(_ text: Substring) -> Double? {
        guard let x = Double(text), x.isFinite else { return nil }
        var unsigned = text
        var sign = ""
        if let first = unsigned.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            unsigned = unsigned.dropFirst()
        }
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        // Exponents, "inf"-like words or anything else unusual: plain division is close enough.
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return x / 100 }
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        let digits = whole + fraction
        let point = whole.count - 2  // the decimal point moves two places left
        let shifted = point <= 0
            ? "0." + String(repeating: "0", count: -point) + digits
            : digits.prefix(point) + "." + digits.dropFirst(point)
        return Double(sign + shifted) ?? x / 100
    }
}
