import Testing

@testable import CoreSat
@testable import CoreSatEngine

struct PathExportTests {
    /// Every month up to `monthlyWealthLimit` values, the report's coarse grid beyond.
    @Test func wealthIsMonthlyUpToTheLimitAndTheCoarseGridBeyond() {
        let limit = PathExport.monthlyWealthLimit
        #expect(limit == 2_000_000)
        #expect(PathExport.wealthGrid(paths: limit / 2 / 1000, policies: 2, months: 1000) == Array(1...1000))
        let coarse = PathExport.wealthGrid(paths: limit / 2 / 1000 + 1, policies: 2, months: 1000)
        #expect(coarse == RecordLayout.wealthGrid(months: 1000) && coarse.count == 60 && coarse.last == 1000)
        // Short horizons: the coarse grid is every month anyway.
        #expect(PathExport.wealthGrid(paths: 10_000_000, policies: 4, months: 24) == Array(1...24))
        #expect(PathExport.wealthGrid(paths: 1, policies: 1, months: 1) == [1])
    }
}
