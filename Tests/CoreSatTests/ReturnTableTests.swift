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
        #expect(try t.frequency() == .monthly)
    }

    @Test(arguments: [
        ("2020-01-02\n2020-01-03\n2020-01-06\n2020-01-07", 252.0), ("2020-01-03\n2020-01-10\n2020-01-17\n2020-01-24", 52),
        ("202001\n202002\n202003\n202004", 12), ("2019-12-31\n2020-03-31\n2020-06-30\n2020-09-30", 4),
        ("2019-12-31\n2020-12-31\n2021-12-31\n2022-12-31", 1),
        ("2019-12-31\n2020-06-30\n2020-12-31\n2021-06-30", 2),
        // Every day, weekends included (2020-01-04 was a Saturday).
        ("2020-01-02\n2020-01-03\n2020-01-04\n2020-01-05\n2020-01-06\n2020-01-07\n2020-01-08\n2020-01-09", 365),
        // Sunday-to-Thursday trading has Sundays but no Saturdays: still trading days.
        ("2024-01-04\n2024-01-07\n2024-01-08\n2024-01-09\n2024-01-10\n2024-01-11\n2024-01-14", 252),
        // Business month ends: 26 to 33 days apart.
        ("2021-01-29\n2021-02-26\n2021-03-31\n2021-04-30\n2021-05-28\n2021-06-30", 12),
    ])
    func infersPeriodsPerYearFromTheDates(dates: String, expected: Double) throws {
        let rows = dates.split(separator: "\n").map { "\($0),0.01" }.joined(separator: "\n")
        let t = try ReturnTable.parse("date,x\n" + rows, file: "r.csv")
        #expect(try t.frequency().periodsPerYear == expected)
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

struct ReturnDateTests {
    func rows(_ dates: [String]) -> String {
        "date,x\n" + dates.map { "\($0),0.01" }.joined(separator: "\n")
    }

    @Test(arguments: [
        ("2024-02-30", "February 2024 has 29 days"), ("2023-02-29", "February 2023 has 28 days"),
        ("2020-13-01", "there is no month 13"), ("20200431", "April 2020 has 30 days"), ("2020-00", "there is no month 0"),
        ("2020-01-00", "there is no day 0"),
    ])
    func impossibleDatesAreRefusedNotRolledOver(date: String, reason: String) throws {
        let e = try #require(tableError(rows(["2020-01-31", date, "2030-01-31"])))
        #expect(e.line == 3 && e.reason == "'\(date)' is not a date: \(reason)")
    }

    @Test(arguments: ["2020-/", "2020-", "-2020-01", "2020--01", "2020/1/", "20-01-01", "2020-001-01", "202O-01"])
    func malformedDatesAreRefusedNotCrashed(date: String) throws {
        let e = try #require(tableError(rows(["2019-01-31", date, "2030-01-31"])))
        #expect(e.line == 3 && e.reason.hasPrefix("'\(date)' is not a date (use YYYY-MM-DD"))
    }

    @Test func leapDaysAndCenturiesCountRight() throws {
        let t = try ReturnTable.parse(rows(["1900-02-28", "1900-03-01", "2000-02-29", "2000-03-01"]), file: "r.csv")
        #expect(t.days[1] - t.days[0] == 1 && t.days[3] - t.days[2] == 1)
        #expect(t.days[2] == 11_016)  // 2000-02-29, as date -d says
    }

    @Test func irregularSpacingNamesTheFirstRowThatDoesNotFit() throws {
        // Monthly, then quarterly: the first quarterly gap is the odd one out.
        let t = try ReturnTable.parse(rows(["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30", "2020-07-31", "2020-08-31"]), file: "r.csv")
        let e = try #require(inputError { () throws(InputError) in _ = try t.frequency() })
        #expect(e.description == "r.csv:6:1: row 6, date: '2020-07-31' is 92 days after '2020-04-30', but most dates are monthly (25 to 35 days apart); give --periods-per-year for irregular dates")
        let fortnightly = try ReturnTable.parse(rows(["2020-01-01", "2020-01-15", "2020-01-29", "2020-02-12"]), file: "r.csv")
        let none = try #require(inputError { () throws(InputError) in _ = try fortnightly.frequency() })
        #expect(none.line == 3 && none.reason.contains("fit no frequency"))
    }

    @Test(arguments: [("date;a\n2020-01-31;0,01\n", "';'"), ("date\ta\n2020-01-31\t0.01\n", "tabs")])
    func otherSeparatorsGetAHint(text: String, separator: String) throws {
        let e = try #require(tableError(text))
        #expect(e.reason == "the header has one column and looks separated by \(separator); coresat reads comma-separated values")
    }
}
