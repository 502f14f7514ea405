import Testing

@testable import Charts

struct SVGWriterTests {
    @Test func escapesTheFiveXMLCharacters() {
        #expect(SVGWriter.escape(#"a<b & "c" 'd' >"#) == "a&lt;b &amp; &quot;c&quot; &#39;d&#39; &gt;")
    }

    @Test func dropsCharactersXMLCannotCarry() {
        #expect(SVGWriter.escape("a\u{0}b\u{7}c\u{FFFF}\td") == "abc\td")
    }

    @Test func numbersHaveAtMostTwoDecimalsAndNoTrailingZeros() {
        #expect(SVGWriter.number(12) == "12")
        #expect(SVGWriter.number(3.5) == "3.5")
        #expect(SVGWriter.number(-0.25) == "-0.25")
        #expect(SVGWriter.number(1.005_01) == "1.01")
        #expect(SVGWriter.number(0.05) == "0.05")
        #expect(SVGWriter.number(2.999) == "3")
        #expect(SVGWriter.number(-0.001) == "0")
        #expect(SVGWriter.number(.nan) == "0")
        #expect(SVGWriter.number(.infinity) == "0")
    }

    @Test func elementsAndTextAreEscaped() {
        var writer = SVGWriter()
        writer.open("g", [("class", "a\"b")])
        writer.element("text", [("x", "1")], text: "x < y")
        writer.close("g")
        #expect(writer.output == "<g class=\"a&quot;b\">\n<text x=\"1\">x &lt; y</text>\n</g>")
    }
}

struct PaletteTests {
    @Test func okabeItoThenTolMutedThenBlackAndYellowThenCyclesWithDashes() {
        #expect(
            Palette.colors == [
                "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#882255", "#44AA99", "#332288",
                "#999933", "#000000", "#F0E442",
            ])
        #expect(Set(Palette.colors).count == 12)
        #expect(Palette.color(at: 0) == "#0072B2")
        #expect(Palette.color(at: 13) == "#E69F00")
        #expect(Palette.dash(at: 11) == nil)
        #expect(Palette.dash(at: 12) != nil)
    }

    @Test func theBenchmarkIndexIsGreyAndUndashed() {
        #expect(Palette.color(at: Palette.benchmarkIndex) == "#555555")
        #expect(Palette.benchmark == "#555555")
        #expect(Palette.dash(at: Palette.benchmarkIndex) == nil)
        // Other negative indices keep cycling through the colours.
        #expect(Palette.color(at: -2) == Palette.colors[10])
        #expect(Palette.color(at: -13) == Palette.colors[11])
    }

    @Test func readableColoursHaveContrastOnWhite() {
        for color in Palette.colors + ["#ffffff", "#F0E442"] {
            let readable = Palette.readable(color)
            #expect(Palette.contrastOnWhite(readable) >= 4.5, "\(color) -> \(readable)")
        }
        // A colour dark enough already is kept; yellow is darkened.
        #expect(Palette.readable("#332288") == "#332288")
        #expect(Palette.readable("#F0E442") != "#f0e442")
        #expect(Palette.readable("#F0E442", contrast: .nan) == Palette.readable("#F0E442"))
    }

    @Test func shadesAreLightDistinctTints() {
        let shades = (0..<6).map { Palette.shade(at: $0) }
        #expect(Set(shades).count == 6)
        for shade in shades {
            #expect(Palette.luminance(shade) > 0.7, "\(shade) is too dark for a background")
            // Mostly grey: no channel is far from the others.
            let channels = Palette.rgb(shade)
            #expect((channels.max() ?? 0) - (channels.min() ?? 0) <= 40, "\(shade) is too saturated")
        }
    }

    @Test func tintsMixWithWhite() {
        #expect(Palette.tint("#0072B2", strength: 0) == "#ffffff")
        #expect(Palette.tint("#0072B2", strength: 1) == "#0072b2")
        #expect(Palette.mix("#000000", "#ffffff", 0.5) == "#808080")
        #expect(Palette.mix("#000000", "#ffffff", .nan) == "#000000")
    }
}
