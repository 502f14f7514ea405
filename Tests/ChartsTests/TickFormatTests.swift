import Charts
import Testing

struct TickFormatTests {
    @Test func percentDecimalsFollowTheStep() {
        #expect(TickFormat.percent().labels(for: [0, 0.05, 0.1]) == ["0%", "5%", "10%"])
        #expect(TickFormat.percent().labels(for: [0, 0.005, 0.01]) == ["0.0%", "0.5%", "1.0%"])
        #expect(TickFormat.percent().labels(for: [0, 0.025]) == ["0.0%", "2.5%"])
        #expect(TickFormat.percent(decimals: 2).label(0.053) == "5.30%")
        #expect(TickFormat.percent().label(0.053) == "5.3%")
        #expect(TickFormat.percent().label(-0.0001, step: 0.01) == "0%")
    }

    @Test func signedPercent() {
        #expect(TickFormat.signedPercent.label(0.01) == "+1.0%")
        #expect(TickFormat.signedPercent.label(-0.015) == "-1.5%")
        #expect(TickFormat.signedPercent.label(0) == "0.0%")
        #expect(TickFormat.signedPercent.labels(for: [-0.005, 0, 0.005]) == ["-0.5%", "0.0%", "+0.5%"])
    }

    @Test func moneyIsCompact() {
        let money = TickFormat.money
        #expect(money.label(950) == "950")
        #expect(money.label(1200) == "1.2k")
        #expect(money.label(35000) == "35k")
        #expect(money.label(1_500_000) == "1.5M")
        #expect(money.label(2e9) == "2B")
        #expect(money.label(-1200) == "-1.2k")
        #expect(money.labels(for: [1_000_000, 1_250_000, 1_500_000]) == ["1M", "1.25M", "1.5M"])
        #expect(money.labels(for: [0.5, 1, 1.5]) == ["0.5", "1", "1.5"])
    }

    @Test func numberAndInteger() {
        #expect(TickFormat.number.labels(for: [0, 0.25, 0.5]) == ["0.00", "0.25", "0.50"])
        #expect(TickFormat.number.labels(for: [0, 20, 40]) == ["0", "20", "40"])
        #expect(TickFormat.number.label(1.234) == "1.23")
        #expect(
            TickFormat.number(decimals: 1).label(1.25) == "1.2" || TickFormat.number(decimals: 1).label(1.25) == "1.3")
        #expect(TickFormat.integer.ticks(lower: 0, upper: 3, count: 10) == [0, 1, 2, 3])
        #expect(TickFormat.integer.labels(for: [0, 1, 2]) == ["0", "1", "2"])
    }

    @Test func yearsFromMonths() {
        let format = TickFormat.yearsFromMonths
        let ticks = format.ticks(lower: 0, upper: 360, count: 6)
        #expect(ticks == [0, 60, 120, 180, 240, 300, 360])
        #expect(format.labels(for: ticks).prefix(3) == ["0", "5", "10"])
        #expect(format.labels(for: [0, 6, 12]) == ["0.0", "0.5", "1.0"])
        // 20 years in 8 ticks would be 2.5-year steps: whole years read better.
        #expect(format.ticks(lower: 4, upper: 240, count: 8).allSatisfy { Int($0) % 12 == 0 })
        #expect(format.labels(for: format.ticks(lower: 4, upper: 240, count: 8)).prefix(2) == ["2", "4"])
        // Under two years, fractions of a year remain.
        #expect(format.ticks(lower: 0, upper: 18, count: 4).contains(6))
    }

    @Test func yearMonthTicksOnJanuariesOfNiceYears() {
        let format = TickFormat.yearMonth
        let ticks = format.ticks(lower: 1987 * 12 + 3, upper: 2024 * 12 + 11, count: 6)
        #expect(ticks.allSatisfy { Int($0) % 12 == 0 })
        #expect(format.labels(for: ticks) == ["1990", "1995", "2000", "2005", "2010", "2015", "2020"])
        #expect(
            format.labels(for: format.ticks(lower: 1987 * 12 + 3, upper: 2024 * 12 + 11, count: 3)) == [
                "1990", "2000", "2010", "2020",
            ])
    }

    @Test func yearMonthOverShortSpansShowsMonths() {
        let format = TickFormat.yearMonth
        let ticks = format.ticks(lower: 2020 * 12 + 1, upper: 2021 * 12 + 5, count: 5)
        #expect(format.labels(for: ticks) == ["2020-04", "2020-07", "2020-10", "2021-01", "2021-04"])
        #expect(format.label(2020 * 12 + 6) == "2020-07")
    }

    @Test func nonFiniteValuesReadNotAvailable() {
        #expect(TickFormat.percent().label(.nan) == "n/a")
        #expect(TickFormat.money.label(.infinity) == "n/a")
        #expect(TickFormat.yearMonth.ticks(lower: .nan, upper: 5, count: 5).allSatisfy { $0.isFinite })
    }
}
