import Testing

@testable import CoreSat

/// A small file laid out as the library publishes them: free text, an untitled monthly table, a
/// titled annual one, the copyright line; CRLF line ends.
let handMadeFrench = """
    This file was created by a test.
    Missing data are indicated by -99.99 or -999.

    ,Lo 30,Hi 30 ,Mid
    192607,    2.96,   -99.99, 1.00
    192608,   -1.17,     3.82, -999
    192609,    0.36,     0.13, 0.5

      Average Value Weighted Returns -- Annual
    ,Lo 30,Hi 30 ,Mid
      1927,   19.78,  -11.13, 3.0

    Copyright 2024 Eugene F. Fama and Kenneth R. French

    """.replacingOccurrences(of: "\n", with: "\r\n")

func frenchImport(_ text: String, table: String, edits: DatasetEdits = DatasetEdits()) throws(InputError) -> Imported {
    let file = try FrenchLibraryFile.parse(text, file: "f.csv")
    return try file.dataset(file.table(table), edits: edits)
}

func frenchError(_ text: String, table: String = "monthly") -> InputError? {
    inputError { () throws(InputError) in _ = try frenchImport(text, table: table) }
}

struct FrenchLibraryFileTests {
    @Test func findsTablesAndNamesTheUntitledOne() throws {
        let file = try FrenchLibraryFile.parse(handMadeFrench, file: "f.csv")
        #expect(file.tables.map(\.name) == ["monthly", "Average Value Weighted Returns -- Annual"])
        #expect(file.tables.map(\.title) == [nil, "Average Value Weighted Returns -- Annual"])
        #expect(file.tables[0].columns == ["Lo 30", "Hi 30", "Mid"] && file.tables[0].rowCount == 3)
        #expect(file.copyright == "Copyright 2024 Eugene F. Fama and Kenneth R. French")
        #expect(try file.table("  AVERAGE value  weighted returns -- annual ").number == 2)
        #expect(try file.table("1").name == "monthly")
    }

    @Test func percentBecomesDecimalAndMarkersMissing() throws {
        let d = try frenchImport(handMadeFrench, table: "monthly").dataset
        #expect(d.months.map(\.description) == ["1926-07", "1926-08", "1926-09"])
        #expect(d.values[0] == [0.0296, -0.0117, 0.0036])  // exact: no 2.96 / 100 noise
        #expect(d.values[1][0].isNaN && d.values[1][1] == 0.0382 && d.values[2][1].isNaN)
        #expect(d.notes.first == "source: f.csv, table \"monthly\" (Kenneth R. French Data Library)")
        #expect(d.notes.contains("note: Copyright 2024 Eugene F. Fama and Kenneth R. French"))
    }

    @Test func editsPickRenameDeriveAndCut() throws {
        var edits = DatasetEdits()
        edits.columns = ["Lo 30"]
        edits.riskFree = "Mid"
        edits.addRiskFree = [("Lo 30", "Lo total")]
        edits.renames = [("Mid", "RF")]
        edits.from = YearMonth("1926-08")
        let d = try frenchImport(handMadeFrench, table: "1", edits: edits).dataset
        #expect(d.columns == ["Lo 30", "RF", "Lo total"] && d.riskFree == "RF")
        #expect(d.months.first?.description == "1926-08" && d.months.count == 2)
        #expect(d.values[2][0].isNaN && d.values[2][1] == 0.0086)  // missing RF leaves the sum missing
        var unknown = DatasetEdits()
        unknown.columns = ["Lo 30", "Hi 20"]
        #expect(inputError { () throws(InputError) in _ = try frenchImport(handMadeFrench, table: "1", edits: unknown) }?.description
            == "f.csv: --columns: no column 'Hi 20'; the columns are Lo 30, Hi 30, Mid")
    }

    @Test func unknownAndAnnualTablesAreExplained() throws {
        #expect(frenchError(handMadeFrench, table: "Value Weighted")?.description
            == "f.csv: --table: no table 'Value Weighted'; the tables are 1 \"monthly\", 2 \"Average Value Weighted Returns -- Annual\"")
        #expect(frenchError(handMadeFrench, table: "3")?.reason.hasPrefix("no table number 3;") == true)
        #expect(frenchError(handMadeFrench, table: "2")?.description
            == "f.csv:11:1: table 2: table \"Average Value Weighted Returns -- Annual\" is annual (dates YYYY); only monthly tables can be imported; the monthly tables are 1 \"monthly\"")
    }

    @Test func badRowsNameLineAndColumn() throws {
        let duplicated = handMadeFrench.replacingOccurrences(of: "192609", with: "192608")
        #expect(frenchError(duplicated)?.description == "f.csv:7:1: row 7, month: duplicated: 1926-08 appears twice (rows 6 and 7)")
        let unordered = handMadeFrench.replacingOccurrences(of: "192607", with: "X").replacingOccurrences(of: "192608", with: "192607")
            .replacingOccurrences(of: "X", with: "192608")
        #expect(frenchError(unordered)?.description == "f.csv:6:1: row 6, month: out of order: 1926-07 follows 1926-08")
        let gap = handMadeFrench.replacingOccurrences(of: "192609", with: "192611")
        #expect(frenchError(gap)?.description == "f.csv:7:1: row 7, month: gap: 1926-11 follows 1926-08 (2 months missing)")
        let text = handMadeFrench.replacingOccurrences(of: "3.82", with: "3.8x")
        #expect(frenchError(text)?.description == "f.csv:6:3: row 6, column Hi 30: '3.8x' is not a number")
        let loss = handMadeFrench.replacingOccurrences(of: "-1.17", with: "-101.5")
        #expect(frenchError(loss)?.description == "f.csv:6:2: row 6, column Lo 30: a return of -1.015 is a loss of more than 100%")
        let ragged = handMadeFrench.replacingOccurrences(of: "0.13, 0.5", with: "0.13")
        #expect(frenchError(ragged)?.description == "f.csv:7:1: row 7: has 3 fields but the header has 4")
        let badDate = handMadeFrench.replacingOccurrences(of: "192609", with: "1926-9")
        #expect(frenchError(badDate)?.description == "f.csv:7:1: row 7, date: '1926-9' is not a month (YYYYMM)")
        #expect(inputError { () throws(InputError) in _ = try FrenchLibraryFile.parse("just text\n", file: "f.csv") }?.reason.hasPrefix("no tables") == true)
    }

    @Test func tablesOfTheSameNameArePickedByNumber() throws {
        let twice = handMadeFrench.replacingOccurrences(of: "-- Annual", with: "-- Monthly").replacingOccurrences(of: "  1927,", with: "192701,")
        let file = try FrenchLibraryFile.parse(twice + twice.components(separatedBy: "\r\n\r\n")[2] + "\r\n", file: "f.csv")
        #expect(file.tables.count == 3)
        #expect(inputError { () throws(InputError) in _ = try file.table("average value weighted returns -- monthly") }?.reason
            == "2 tables are named 'Average Value Weighted Returns -- Monthly' (numbers 2, 3); pick one by number")
    }
}

/// The library's own files, as published (202412 and 202201 vintages).
@Suite(.enabled(if: FrenchFiles.testable, "needs ../shared/data/french"))
struct FrenchLibraryRealFileTests {
    func load(_ name: String, table: String, columns: [String]? = nil) throws -> Dataset {
        var edits = DatasetEdits()
        edits.columns = columns
        let file = try FrenchLibraryFile.load(path: FrenchFiles.path(name))
        return try file.dataset(file.table(table), edits: edits).dataset
    }

    @Test func factors202412() throws {
        var edits = DatasetEdits()
        edits.riskFree = "RF"
        edits.addRiskFree = [("Mkt-RF", "Mkt")]
        let file = try FrenchLibraryFile.load(path: FrenchFiles.path("202412/F-F_Research_Data_Factors.CSV"))
        #expect(file.tables.map(\.name) == ["monthly", "Annual Factors: January-December"])
        let d = try file.dataset(file.table("monthly"), edits: edits).dataset
        #expect(d.columns == ["Mkt-RF", "SMB", "HML", "RF", "Mkt"] && d.riskFree == "RF")
        #expect(d.months.count == 1182 && d.months.first?.description == "1926-07" && d.months.last?.description == "2024-12")
        #expect(d.values.map { $0[0] } == [0.0296, -0.0256, -0.0243, 0.0022, 0.0318])
        #expect(d.values[4].last == -0.028)  // -3.17% + 0.37%
    }

    @Test func factors202201AndMomentum() throws {
        let factors = try load("202201/F-F_Research_Data_Factors.CSV", table: "monthly")
        #expect(factors.months.last?.description == "2022-01" && factors.months.count == 1147)
        let momentum = try load("202201/F-F_Momentum_Factor.CSV", table: "monthly")
        #expect(momentum.columns == ["Mom"] && momentum.months.first?.description == "1927-01")
    }

    @Test(arguments: [
        ("202412/6_Portfolios_2x3.CSV", "Average Value Weighted Returns -- Monthly", "BIG HiBM", "1926-07", 0.020066),
        ("202412/12_Industry_Portfolios.CSV", "Average Value Weighted Returns -- Monthly", "Hlth", "1926-07", nil),
        ("202201/10_Portfolios_Prior_12_2.CSV", "Average Value Weighted Returns -- Monthly", "Hi PRIOR", "1927-01", nil),
        ("202201/Portfolios_Formed_on_D-P.CSV", "Value Weight Returns -- Monthly", "Hi 30", "1927-07", nil),
        ("202201/Portfolios_Formed_on_OP.CSV", "Value Weight Returns -- Monthly", "Hi 30", "1963-07", nil),
    ] as [(String, String, String, String, Double?)])
    func portfolioTables(name: String, table: String, column: String, first: String, value: Double?) throws {
        let d = try load(name, table: table, columns: [column])
        #expect(d.columns == [column] && d.months.first?.description == first)
        #expect(d.values[0].allSatisfy { $0.isNaN || (-1...2).contains($0) })
        if let value { #expect(d.values[0][0] == value) }
    }

    /// Every monthly table of returns in every file imports whole.
    @Test func everyMonthlyReturnTable() throws {
        let names = ["202412/F-F_Research_Data_Factors.CSV", "202412/6_Portfolios_2x3.CSV", "202412/12_Industry_Portfolios.CSV",
                     "202201/F-F_Research_Data_Factors.CSV", "202201/F-F_Momentum_Factor.CSV", "202201/10_Portfolios_Prior_12_2.CSV",
                     "202201/Portfolios_Formed_on_D-P.CSV", "202201/Portfolios_Formed_on_OP.CSV"]
        var imported = 0
        for name in names {
            let file = try FrenchLibraryFile.load(path: FrenchFiles.path(name))
            for table in file.tables where table.isMonthly && (table.title == nil || table.name.contains("Returns")) {
                let d = try file.dataset(table, edits: DatasetEdits()).dataset
                #expect(d.columns == table.columns && d.months.count == table.rowCount, "\(name) \(table.name)")
                imported += 1
            }
        }
        #expect(imported == 13)
    }
}
