import Charts
import Testing

func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}

struct LinearScaleTests {
    @Test func mapsAndInverts() {
        let scale = LinearScale(domain: (0, 10), range: (100, 0))
        #expect(scale(0) == 100)
        #expect(scale(10) == 0)
        #expect(scale(2.5) == 75)
        #expect(scale.invert(75) == 2.5)
    }

    @Test func degenerateDomainsAreWidenedSymmetrically() {
        let single = LinearScale(domain: (5, 5), range: (0, 100))
        #expect(single.lower == 4.5 && single.upper == 5.5)
        #expect(single(5) == 50)
        let zero = LinearScale(domain: (0, 0))
        #expect(zero.lower == -1 && zero.upper == 1)
        let notFinite = LinearScale(domain: (.nan, 3))
        #expect(notFinite.lower == 0 && notFinite.upper == 1)
        #expect(!single.ticks(count: 5).isEmpty)
    }

    @Test func niceTicksOfZeroToOne() {
        #expect(close(LinearScale(domain: (0, 1)).ticks(count: 5), [0, 0.2, 0.4, 0.6, 0.8, 1]))
        // Exact decimals: the third tick is 0.6, not 0.6000000000000001.
        #expect(LinearScale(domain: (0, 1)).ticks(count: 5)[3] == 0.6)
    }

    @Test func niceDomainCoversTheDataWithTwoPercentSteps() {
        let scale = LinearScale(domain: (-0.037, 0.052)).nice(count: 5)
        let ticks = scale.ticks(count: 5)
        #expect(close(ticks, [-0.04, -0.02, 0, 0.02, 0.04, 0.06]))
        #expect((ticks.first ?? 0) <= -0.037 && (ticks.last ?? 0) >= 0.052)
    }

    @Test func hugeAndTinyMagnitudes() {
        #expect(close(LinearScale(domain: (0, 5e12)).ticks(count: 5), [0, 1e12, 2e12, 3e12, 4e12, 5e12]))
        #expect(close(LinearScale(domain: (1e-9, 9e-9)).ticks(count: 4), [2e-9, 4e-9, 6e-9, 8e-9]))
        #expect(LinearScale(domain: (-1e300, 1e300)).ticks(count: 5).count >= 3)
    }

    @Test func stepsComeFromOneTwoTwoAndAHalfAndFive() {
        #expect(TickStep.nice(span: 10, count: 4)?.value == 2.5)
        #expect(TickStep.nice(span: 100, count: 2)?.value == 50)
        #expect(TickStep.nice(span: 0, count: 5) == nil)
        #expect(TickStep.nice(span: .infinity, count: 5) == nil)
    }
}

struct LogScaleTests {
    @Test func mapsRatiosToEqualDistances() {
        let scale = LogScale(domain: (1, 100), range: (0, 200))
        #expect(abs(scale(10) - 100) < 1e-9)
        #expect(abs(scale.invert(100) - 10) < 1e-9)
    }

    @Test func ticksAtOneTwoFive() {
        #expect(close(LogScale(domain: (0.5, 50)).ticks(count: 5), [0.5, 1, 2, 5, 10, 20, 50]))
    }

    @Test func powersOfTenOverWideRanges() {
        #expect(close(LogScale(domain: (1, 1e4)).ticks(count: 5), [1, 10, 100, 1000, 1e4]))
        let wide = LogScale(domain: (1, 1e12)).ticks(count: 5)
        #expect(wide.count <= 7 && wide.contains(1e6))
    }

    @Test func narrowRangesFallBackToLinearTicks() {
        let ticks = LogScale(domain: (0.8, 3)).ticks(count: 5)
        #expect(ticks.count >= 3)
        #expect(ticks.allSatisfy { $0 >= 0.8 && $0 <= 3 })
    }

    @Test func badDomainsAreRepaired() {
        let single = LogScale(domain: (4, 4))
        #expect(single.lower == 2 && single.upper == 8)
        let nonPositive = LogScale(domain: (-1, 10))
        #expect(nonPositive.lower == 1 && nonPositive.upper == 10)
        #expect(LogScale(domain: (0, 0)).lower > 0)
    }
}

struct BandScaleTests {
    @Test func bandsWithPadding() {
        let scale = BandScale(count: 4, range: (0, 100), paddingInner: 0, paddingOuter: 0)
        #expect(scale.step == 25 && scale.bandwidth == 25)
        #expect(scale.start(2) == 50 && scale.center(3) == 87.5)
        let padded = BandScale(count: 2, range: (0, 100), paddingInner: 0.2, paddingOuter: 0.1)
        #expect(abs(padded.start(0) - padded.step * 0.1) < 1e-12)
        #expect(abs(padded.start(1) + padded.bandwidth + padded.step * 0.1 - 100) < 1e-9)
        #expect(BandScale(count: 0, range: (0, 10)).bandwidth.isFinite)
    }
}

struct ExtentTests {
    @Test func ignoresNonFiniteAndOptionallyNonPositiveValues() {
        let extent = Extent([3, .nan, -2, .infinity, 7])
        #expect(extent.lower == -2 && extent.upper == 7)
        let positive = Extent([3, 0, -2, 7], positiveOnly: true)
        #expect(positive.lower == 3 && positive.upper == 7)
        #expect(Extent([.nan]).isEmpty)
    }
}
