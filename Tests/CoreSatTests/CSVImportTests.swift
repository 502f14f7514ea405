import Foundation
import Testing

@testable import CoreSat

/// A row for every weekday from `start` to `end` (YYYY-MM-DD), with the values `value` gives for
/// each date, so tests read like a price sheet.
func weekdayRows(from start: (Int, Int, Int), to end: (Int, Int, Int), _ value: (String) -> String) -> String {
    let first = DateSpacing.daysSinceEpoch(year: start.0, month: start.1, day: start.2)
    let last = DateSpacing.daysSinceEpoch(year: end.0, month: end.1, day: end.2)
    return (first...last).filter { (1...5).contains(DateSpacing.weekday($0)) }.map { day in
        let (y, m, d) = DateSpacing.civil(day)
        let date = "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        return "\(date),\(value(date))"
    }.joined(separator: "\n") + "\n"
}

func csvImport(_ text: String, _ values: CSVImport.Values, percent: Bool = false, edits: DatasetEdits = DatasetEdits()) throws(InputError) -> Imported {
    var options = CSVImport.Options(values: values)
    options.percent = percent
    return try CSVImport.parse(text, file: "p.csv", options: options, edits: edits)
}

func csvImportError(_ text: String, _ values: CSVImport.Values) -> InputError? {
    inputError { () throws(InputError) in _ = try csvImport(text, values) }
}

struct CSVImportTests {
    /// Month ends 102 (January), 110.16 (February), 99.144 (March): +8% and -10%. B starts in
    /// February and has a missing day in March, which keeps its last price.
    static let prices = "date,A,B\n" + weekdayRows(from: (2020, 1, 27), to: (2020, 3, 31)) { date in
        let a = ["2020-01-31": "102", "2020-02-28": "110.16", "2020-03-31": "99.144"][date] ?? "100"
        let b = date < "2020-02-10" ? "" : date == "2020-03-31" ? "" : date == "2020-03-30" ? "55" : "50"
        return a + "," + b
    }

    @Test func dailyPricesBecomeMonthEndReturns() throws {
        let imported = try csvImport(Self.prices, .prices)
        let d = imported.dataset
        // January is partial: its last price only starts February's return.
        #expect(d.months.map(\.description) == ["2020-02", "2020-03"])
        #expect(abs(d.values[0][0] - 0.08) < 1e-12 && abs(d.values[0][1] + 0.1) < 1e-12)
        // B's first month (February) has no return; March ends on its carried 55.
        #expect(d.values[1][0].isNaN && abs(d.values[1][1] - 0.1) < 1e-12)
        #expect(d.notes == ["source: p.csv (CSV of daily prices, the last price of each month)"])
        #expect(imported.warnings.isEmpty)
    }

    @Test func aMonthWithoutAnyPriceInsideTheSeriesIsAnError() throws {
        let text = "date,A\n" + weekdayRows(from: (2020, 1, 27), to: (2020, 4, 30)) { $0.hasPrefix("2020-03") ? "" : "100" }
        let e = try #require(csvImportError(text, .prices))
        #expect(e.description == "p.csv:27:2: rows 27-48, column A: no price in 2020-03: a month inside the series needs at least one")
    }

    @Test func dailyReturnsCompoundWithinTheMonth() throws {
        // 2021-02-01 is a Monday: February is whole; March 2021 has 23 weekdays.
        let text = "date,r\n" + weekdayRows(from: (2021, 2, 1), to: (2021, 3, 31)) { $0.hasPrefix("2021-02") ? "0.01" : "-0.001" }
        let d = try csvImport(text, .returns).dataset
        #expect(d.months.map(\.description) == ["2021-02", "2021-03"])
        #expect(abs(d.values[0][0] - (pow(1.01, 20) - 1)) < 1e-12 && abs(d.values[0][1] - (pow(0.999, 23) - 1)) < 1e-12)
        // Starting on the 10th leaves February out as partial.
        let late = "date,r\n" + weekdayRows(from: (2021, 2, 10), to: (2021, 3, 31)) { _ in "0.01" }
        #expect(try csvImport(late, .returns).dataset.months.map(\.description) == ["2021-03"])
        let gap = "date,r\n" + weekdayRows(from: (2021, 2, 1), to: (2021, 3, 31)) { $0 == "2021-02-17" ? "" : "0.01" }
        #expect(csvImportError(gap, .returns)?.description
            == "p.csv:14:2: row 14, column r: a return is missing inside the series; a missing period cannot be carried over (give 0 if nothing moved)")
    }

    @Test func monthlyPricesAndPercentReturns() throws {
        let prices = try csvImport("month,x\n2020-01-31,100\n2020-02-28,110\n2020-03-31,99\n", .prices).dataset
        #expect(prices.months.map(\.description) == ["2020-02", "2020-03"])
        #expect(abs(prices.values[0][0] - 0.1) < 1e-12 && abs(prices.values[0][1] + 0.1) < 1e-12)
        let percent = try csvImport("month,x,y\n202001,2.96,\n202002,-1.17,0.5\n202003,0.36,1\n", .returns, percent: true).dataset
        #expect(percent.values[0] == [0.0296, -0.0117, 0.0036] && percent.values[1][0].isNaN && percent.values[1][2] == 0.01)
        #expect(percent.months.first?.description == "2020-01")
        let gap = csvImportError("month,x\n2020-01-31,0.1\n2020-02-29,0.1\n2020-03-31,0.1\n2020-05-29,0.1\n2020-06-30,0.1\n", .returns)
        #expect(gap?.description == "p.csv:5:1: row 5, date: '2020-05-29' is 59 days after '2020-03-31', but most dates are monthly (25 to 35 days apart); coresat data import reads daily or monthly data")
        let twice = csvImportError("month,x\n2020-01-01,0.1\n2020-01-31,0.1\n2020-03-01,0.1\n2020-03-31,0.1\n", .returns)
        #expect(twice?.description == "p.csv:3:1: row 3, month: duplicated: 2020-01 appears twice (rows 2 and 3)")
    }

    @Test func badCellsAndFrequencies() throws {
        #expect(csvImportError("d,x\n2020-01-31,100\n2020-02-28,-5\n2020-03-31,99\n", .prices)?.description
            == "p.csv:3:2: row 3, column x: a price of -5 is not above 0")
        #expect(csvImportError("d,x\n2020-01-31,100\n2020-02-28,n/a\n2020-03-31,99\n", .prices)?.description
            == "p.csv:3:2: row 3, column x: 'n/a' is not a price")
        #expect(csvImportError("d,x\n2020-01-31,0.1\n2020-02-28,-1.2\n2020-03-31,0.1\n", .returns)?.reason
            == "a return of -1.2 is a loss of more than 100%")
        let weekly = csvImportError("d,x\n2020-01-03,1\n2020-01-10,1\n2020-01-17,1\n2020-01-24,1\n", .prices)
        #expect(weekly?.reason == "the dates are weekly; coresat data import reads daily or monthly data")
        #expect(csvImportError("d,x\n2020-01-31,1\n2020-02-28,1\n", .prices)?.reason == "too few rows: 2 data rows, at least 3 are needed")
        #expect(csvImportError("d,x\n2020-01-31,1\n2020-02-28,1\n2020-01-31,1\n", .prices)?.reason.hasPrefix("dates must increase") == true)
    }

    @Test func priceIndexWarnsUnlessAYieldIsAdded() throws {
        let text = "Date,SP500,Fund\n2020-01-31,100,10\n2020-02-28,110,11\n2020-03-31,99,12\n"
        let plain = try csvImport(text, .prices)
        #expect(plain.warnings == ["p.csv: column SP500 looks like a price index without dividends: its returns miss the dividend yield; use a total-return series, or add a yield with --add-yield SP500=0.02"])
        var edits = DatasetEdits()
        edits.addYield = [("SP500", 0.024)]
        let withYield = try csvImport(text, .prices, edits: edits)
        #expect(withYield.warnings.isEmpty)
        #expect(withYield.dataset.values[0][0] == 0.102)  // 10% + 2.4% / 12
        #expect(withYield.dataset.notes.last?.hasPrefix("note: SP500 has an annual yield of 0.024") == true)
        for name in ["S&P 500 Index", "close price", "^GSPC", "sp500"] { #expect(CSVImport.looksLikePriceIndex(name), "\(name)") }
        for name in ["SP500 TR", "S&P 500 Total Return Index", "Adj Close", "MTUM"] { #expect(!CSVImport.looksLikePriceIndex(name), "\(name)") }
    }

    @Test func dateColumnAndColumnsAreChosen() throws {
        var options = CSVImport.Options(values: .returns)
        options.dateColumn = "when"
        var edits = DatasetEdits()
        edits.columns = ["b"]
        let text = "a,when,b,notes\n0.1,2020-01,0.2,x\n0.1,2020-02,0.3,y\n0.1,2020-03,0.4,z\n"
        let d = try CSVImport.parse(text, file: "p.csv", options: options, edits: edits).dataset
        #expect(d.columns == ["b"] && d.values[0] == [0.2, 0.3, 0.4])
        options.dateColumn = "day"
        #expect(inputError { () throws(InputError) in _ = try CSVImport.parse(text, file: "p.csv", options: options, edits: edits) }?.description
            == "p.csv:1: --date-column: no column 'day'; the columns are a, when, b, notes")
    }
}
