import Testing

@testable import CoreSat
@testable import CoreSatEngine

/// The error a CSV text gives, if any.
func tableError(_ text: String) -> InputError? {
    inputError { () throws(InputError) in _ = try ReturnTable.parse(text, file: "r.csv") }
}

struct ReturnTableTests {
    @Test func readsColumnsAndInfersMonthlyPeriods() throws {
        let t = try ReturnTable.parse("date,a,b\n2020-01-31,0.01,0.02\n2020-02-29,-0.01,0.00\n2020-03-31,0.03,-0.02\n", file: "r.csv")
        #expect(t.columns == ["a", "b"])
        #expect(t.values == [[0.01, -0.01, 0.03], [0.02, 0, -0.02]])
        #expect(t.inferredPeriodsPerYear == 12)
    }

    @Test(arguments: [
        ("2020-01-02\n2020-01-03\n2020-01-06\n2020-01-07", 252.0), ("2020-01-03\n2020-01-10\n2020-01-17\n2020-01-24", 52),
        ("202001\n202002\n202003\n202004", 12), ("2019-12-31\n2020-03-31\n2020-06-30\n2020-09-30", 4),
        ("2019-12-31\n2020-12-31\n2021-12-31\n2022-12-31", 1),
    ])
    func infersPeriodsPerYearFromTheDates(dates: String, expected: Double) throws {
        let rows = dates.split(separator: "\n").map { "\($0),0.01" }.joined(separator: "\n")
        let t = try ReturnTable.parse("date,x\n" + rows, file: "r.csv")
        #expect(t.inferredPeriodsPerYear == expected)
    }

    @Test func raggedRowGivesItsLine() throws {
        let e = try #require(tableError("date,a,b\n2020-01-31,0.01,0.02\n2020-02-29,0.01\n2020-03-31,0.03,-0.02\n"))
        #expect(e.description == "r.csv:3:1: row 3: has 2 fields but the header has 3")
    }

    @Test func nonNumericCellGivesLineAndColumn() throws {
        let e = try #require(tableError("date,a,b\n2020-01-31,0.01,0.02\n2020-02-29,0.01,1.2%\n2020-03-31,0.03,-0.02\n"))
        #expect(e.description == "r.csv:3:3: row 3, column b: '1.2%' is not a number (returns are decimals, 0.012 for 1.2%)")
    }

    @Test func nanAndEmptyCellsAreRejected() throws {
        let nan = try #require(tableError("date,a\n2020-01-31,0.01\n2020-02-29,NaN\n2020-03-31,0.03\n"))
        #expect(nan.line == 3 && nan.reason.hasPrefix("'NaN' is not a number"))
        let empty = try #require(tableError("date,a\n2020-01-31,0.01\n2020-02-29,\n2020-03-31,0.03\n"))
        #expect(empty.reason.hasPrefix("an empty cell is not a number"))
    }

    @Test func tooFewRows() throws {
        let e = try #require(tableError("date,a\n2020-01-31,0.01\n2020-02-29,0.02\n"))
        #expect(e.reason == "too few rows: 2 data rows, at least 3 are needed")
    }

    @Test func badAndUnorderedDates() throws {
        let bad = try #require(tableError("date,a\n2020-01-31,0.01\nyesterday,0.02\n2020-03-31,0.03\n"))
        #expect(bad.line == 3 && bad.reason.hasPrefix("'yesterday' is not a date"))
        let unordered = try #require(tableError("date,a\n2020-01-31,0.01\n2020-03-31,0.02\n2020-02-29,0.03\n"))
        #expect(unordered.line == 4 && unordered.reason.hasPrefix("dates must increase"))
    }

    @Test func lossesBeyondAllTheMoneyAreRejected() throws {
        let e = try #require(tableError("date,a\n2020-01-31,0.01\n2020-02-29,-1.5\n2020-03-31,0.03\n"))
        #expect(e.reason == "a return of -1.5 is a loss of more than 100%")
    }
}

struct ReturnTableEdgeTests {
    @Test(arguments: ["2020½101", "٢٠٢٠٠١٠١", "2020-01-02-03", "20200"])
    func oddDatesAreRejectedNotCrashed(date: String) throws {
        let e = try #require(tableError("date,a\n2020-01-31,0.01\n\(date),0.02\n2020-03-31,0.03\n"))
        #expect(e.line == 3 && e.reason.contains("is not a date"))
    }

    @Test func aTotalLossIsAllowedAndAbsurdReturnsAreNot() throws {
        let t = try ReturnTable.parse("date,a\n2020-01-31,0.01\n2020-02-29,-1.0\n2020-03-31,0.03\n", file: "r.csv")
        #expect(t.values[0][1] == -1)
        let huge = try #require(tableError("date,a\n2020-01-31,0.01\n2020-02-29,1e308\n2020-03-31,0.03\n"))
        #expect(huge.reason.contains("more than 10,000%"))
    }

    @Test func duplicateOrEmptyColumnNames() throws {
        let e = try #require(tableError("date,a,a\n2020-01-31,0.01,0.02\n2020-02-29,0.01,0.02\n2020-03-31,0.01,0.02\n"))
        #expect(e.description == "r.csv:1:3: header: column name 'a' is used twice")
    }

    @Test func anUnclosedQuoteIsReported() throws {
        let e = try #require(tableError("date,a\n2020-01-31,\"0.01\n2020-02-29,0.02\n2020-03-31,0.03\n"))
        #expect(e.reason.hasPrefix("a quoted field is never closed"))
    }

    @Test func byteOrderMarkCRLFAndQuotesAreRead() throws {
        let t = try ReturnTable.parse("\u{FEFF}date,\"a\"\r\n2020-01-31,\"0.01\"\r\n2020-02-29,0.02\r\n2020-03-31,0.03\r\n", file: "r.csv")
        #expect(t.columns == ["a"] && t.values == [[0.01, 0.02, 0.03]])
    }
}
