import Testing

@testable import CoreSat

/// The error a dataset text gives, if any.
func datasetError(_ text: String) -> InputError? {
    inputError { () throws(InputError) in _ = try Dataset.parse(text, file: "d.csv") }
}

let sampleDataset = """
    # coresat dataset 1
    # frequency: monthly
    # risk_free: RF
    # source: F-F_Research_Data_Factors.CSV, table "monthly" (Kenneth R. French Data Library)
    # note: any further free-text line
    month,Mkt-RF,SMB,RF
    1931-01,0.0296,-0.0256,0.0022
    1931-02,,0.01,0.0025
    1931-03,-0.5,1e-05,0.0023

    """

struct YearMonthTests {
    @Test func readsBothSpellings() {
        #expect(YearMonth("2024-12") == YearMonth(year: 2024, month: 12))
        #expect(YearMonth("192607") == YearMonth(year: 1926, month: 7))
        for bad in ["2024-13", "2024-00", "24-12", "2024-1", "2024/12", "20241", "2024-1a", "", "２０２４-12"] {
            #expect(YearMonth(bad) == nil, "\(bad)")
        }
    }

    @Test func indexCountsMonthsAndRoundTrips() {
        #expect(YearMonth(year: 2024, month: 1).index - YearMonth(year: 2023, month: 12).index == 1)
        for index in [-13, -12, -1, 0, 1, 11, 12, 24_299] { #expect(YearMonth(index: index).index == index) }
        #expect(YearMonth(index: 0) == YearMonth(year: 0, month: 1))
        #expect(YearMonth(year: 1931, month: 4).description == "1931-04")
        #expect(YearMonth(year: 1931, month: 11).advanced(by: 3).description == "1932-02")
        #expect(YearMonth(year: 1931, month: 4) < YearMonth(year: 1931, month: 5))
    }
}

struct DatasetTests {
    @Test func readsHeaderNotesAndMissingCells() throws {
        let d = try Dataset.parse(sampleDataset, file: "d.csv")
        #expect(d.months.map(\.description) == ["1931-01", "1931-02", "1931-03"])
        #expect(d.columns == ["Mkt-RF", "SMB", "RF"])
        #expect(d.riskFree == "RF" && d.column("RF") == 2 && d.column("HML") == nil)
        #expect(d.notes == ["source: F-F_Research_Data_Factors.CSV, table \"monthly\" (Kenneth R. French Data Library)", "note: any further free-text line"])
        #expect(d.values[0][1].isNaN && d.values[0][2] == -0.5 && d.values[1][2] == 1e-05)
        #expect(d.file == "d.csv")
    }

    @Test func textIsCanonicalAndReadsBack() throws {
        let d = try Dataset.parse(sampleDataset, file: "d.csv")
        #expect(d.text() == sampleDataset.replacingOccurrences(of: "\n\n", with: "\n"))
        let again = try Dataset.parse(d.text(), file: "again.csv")
        #expect(again.text() == d.text())
        // Shortest round-trip digits: what is written is what is read.
        let odd = Dataset(months: [YearMonth(year: 2000, month: 1)], columns: ["x"], values: [[0.1 + 0.2]])
        #expect(try Dataset.parse(odd.text(), file: "o.csv").values[0][0] == 0.1 + 0.2)
    }

    @Test func windowsLineEndingsAreRead() throws {
        let d = try Dataset.parse(sampleDataset.replacingOccurrences(of: "\n", with: "\r\n"), file: "d.csv")
        #expect(d.months.count == 3 && d.values[2][2] == 0.0023)
    }

    @Test(arguments: [
        ("1931-01\n1931-02\n1931-04", "d.csv:9:1: row 9, month: gap: 1931-04 follows 1931-02 (1 month missing)"),
        ("1931-01\n1931-02\n1931-02", "d.csv:9:1: row 9, month: duplicated: 1931-02 appears twice (rows 8 and 9)"),
        ("1931-02\n1931-01\n1931-03", "d.csv:8:1: row 8, month: out of order: 1931-01 follows 1931-02"),
        ("1931-01\n31-02\n1931-03", "d.csv:8:1: row 8, month: '31-02' is not a month (YYYY-MM)"),
    ])
    func monthsMustBeConsecutive(months: String, message: String) throws {
        let rows = months.split(separator: "\n").map { "\($0),0.01,0.02,0.001" }.joined(separator: "\n")
        let text = sampleDataset.components(separatedBy: "1931-01")[0] + rows + "\n"
        #expect(datasetError(text)?.description == message)
    }

    @Test func badCellsNameRowAndColumn() throws {
        let nonNumeric = sampleDataset.replacingOccurrences(of: "1e-05", with: "1.2%")
        #expect(datasetError(nonNumeric)?.description
            == "d.csv:9:3: row 9, column SMB: '1.2%' is not a number (returns are decimals, 0.012 for 1.2%)")
        let loss = sampleDataset.replacingOccurrences(of: "-0.5", with: "-1.5")
        #expect(datasetError(loss)?.description == "d.csv:9:2: row 9, column Mkt-RF: a return of -1.5 is a loss of more than 100%")
        let ragged = sampleDataset.replacingOccurrences(of: ",0.01,", with: ",0.01,0.3,")
        #expect(datasetError(ragged)?.description == "d.csv:8:1: row 8: has 5 fields but the header has 4")
        #expect(datasetError(sampleDataset.replacingOccurrences(of: "0.0022", with: "nan"))?.line == 7)
    }

    @Test func headerAndCommentsAreChecked() throws {
        #expect(datasetError("month,a\n2020-01,0.1\n")?.description
            == "d.csv:1: not a coresat dataset: the first line must be '# coresat dataset 1' (make one with 'coresat data import')")
        #expect(datasetError("# coresat dataset 2\nmonth,a\n")?.reason.contains("not one this coresat reads") == true)
        #expect(datasetError(sampleDataset.replacingOccurrences(of: "risk_free: RF", with: "risk_free: TB"))?.description
            == "d.csv:6: risk_free: names 'TB', which is not a column; the columns are Mkt-RF, SMB, RF")
        #expect(datasetError(sampleDataset.replacingOccurrences(of: "frequency: monthly", with: "frequency: daily"))?.description
            == "d.csv:2: frequency: only monthly datasets exist, not 'daily'")
        #expect(datasetError(sampleDataset.replacingOccurrences(of: ",SMB,", with: ",RF,"))?.description
            == "d.csv:6:4: header: column name 'RF' is used twice")
        #expect(datasetError(sampleDataset.replacingOccurrences(of: "month,", with: "date,"))?.line == 6)
        #expect(datasetError("# coresat dataset 1\nmonth,a\n")?.reason == "the dataset has no rows")
        #expect(datasetError(sampleDataset + "# late comment\n")?.reason == "comment lines belong above the header")
    }
}
