import Charts
import Testing

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
    @Test func okabeItoInOrderThenCyclesWithDashes() {
        #expect(
            Palette.colors == ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"])
        #expect(Palette.color(at: 0) == "#0072B2")
        #expect(Palette.color(at: 9) == "#E69F00")
        #expect(Palette.dash(at: 3) == nil)
        #expect(Palette.dash(at: 9) != nil)
    }

    @Test func tintsMixWithWhite() {
        #expect(Palette.tint("#0072B2", strength: 0) == "#ffffff")
        #expect(Palette.tint("#0072B2", strength: 1) == "#0072b2")
        #expect(Palette.mix("#000000", "#ffffff", 0.5) == "#808080")
        #expect(Palette.mix("#000000", "#ffffff", .nan) == "#000000")
    }
}
