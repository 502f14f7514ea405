import Testing

@testable import CoreSat

struct MoneyFormatTests {
    @Test(arguments: [
        (999_700.0, "1.00M"), (999_400, "999k"), (999.7, "1.00k"), (999.4, "999"), (1_234, "1.23k"),
        (12_345, "12.3k"), (99_960, "100k"), (999_600_000, "1.00B"), (999_400_000, "999M"), (1_500_000_000_000, "1500B"),
        (1.15, "1.15"), (0.75, "0.750"), (0, "0.00"), (-999_700, "-1.00M"), (.nan, "n/a"),
    ])
    func threeSignificantFiguresRollOverToTheNextUnit(value: Double, text: String) {
        #expect(TableReport.money(value) == text)
    }
}
