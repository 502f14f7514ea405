/// A calendar month, the unit every dataset row stands for.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    /// 1...12
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// "YYYY-MM" or "YYYYMM": four digits of year, then two of a month from 01 to 12.
    public init?(_ text: String) {
        let digits = Array(text.utf8)
        let monthDigits: ArraySlice<UInt8>
        switch digits.count {
        case 7 where digits[4] == UInt8(ascii: "-"): monthDigits = digits[5...]
        case 6: monthDigits = digits[4...]
        default: return nil
        }
        let yearDigits = digits[..<4]
        guard (yearDigits + monthDigits).allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        let number = { (d: ArraySlice<UInt8>) in d.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        let month = number(monthDigits)
        guard (1...12).contains(month) else { return nil }
        self.init(year: number(yearDigits), month: month)
    }

    /// year * 12 + month - 1, so consecutive months differ by 1.
    public var index: Int { year * 12 + month - 1 }

    public init(index: Int) {
        let year = index >= 0 ? index / 12 : (index - 11) / 12  // floor, for years before 0
        self.init(year: year, month: index - year * 12 + 1)
    }

    /// The month `n` months later (earlier for negative `n`).
    public func advanced(by n: Int) -> YearMonth { YearMonth(index: index + n) }

    /// "YYYY-MM"
    public var description: String {
        let y = String(year), m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (month < 10 ? "0" : "") + m
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }
}
