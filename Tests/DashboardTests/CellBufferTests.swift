@testable import Dashboard
import Testing

@Suite struct CellBufferTests {
    @Test func putAdvancesByDisplayWidthAndClips() {
        var b = CellBuffer(width: 10, height: 1)
        #expect(b.put("abc", x: 0, y: 0, role: .text) == 3)
        #expect(b.put("日本", x: 3, y: 0, role: .title) == 4)
        #expect(b.textDump() == "abc日本   ")
        #expect(b[x: 4, y: 0].isWideTrailer)
        #expect(b.styleDump() == "...TTTT...")
        #expect(b.put("0123456789", x: 8, y: 0, role: .text) == 2)
        #expect(b.textDump() == "abc日本 01")
    }

    @Test func neverSplitsAWideCharacter() {
        var b = CellBuffer(width: 5, height: 1)
        #expect(b.put("ab日本", x: 0, y: 0, maxWidth: 3, role: .text) == 2)
        #expect(b.textDump() == "ab   ")
        #expect(b.put("日", x: 4, y: 0, role: .text) == 0)  // 1 column left at the edge
        #expect(b.textDump() == "ab   ")
    }

    @Test func overwritingHalfAWideCharacterRepairsTheOtherHalf() {
        var b = CellBuffer(width: 4, height: 1)
        b.put("日本", x: 0, y: 0, role: .text)
        b.put("x", x: 1, y: 0, role: .text)  // onto the trailer of 日
        #expect(b.textDump() == " x本")
        b.put("y", x: 2, y: 0, role: .text)  // onto the leading half of 本
        #expect(b.textDump() == " xy ")
        #expect(!b[x: 3, y: 0].isWideTrailer)
    }

    @Test func controlCharactersNeverReachTheBuffer() {
        var b = CellBuffer(width: 80, height: 1)
        let hostile = "a\u{1b}[31mb\nc\u{7f}d\u{9b}e\u{202e}f\u{200b}g\u{200f}h\u{0}i"
        let used = b.put(hostile, x: 0, y: 0, role: .text)
        let text = b.textDump()
        // Shown as DisplaySafe's visible escapes, never obeyed.
        #expect(text.hasPrefix(#"a\u{1B}[31mb\u{A}c\u{7F}d\u{9B}e\u{202E}f\u{200B}g\u{200F}h\u{0}i"#))
        #expect(used == DisplayWidth.of(hostile))
        for s in text.unicodeScalars { #expect(s.value >= 0x20 && s.value != 0x7f && !(0x80..<0xa0).contains(s.value)) }
    }

    @Test func combiningMarksAreMadeVisible() {
        var b = CellBuffer(width: 4, height: 1)
        b.put("e\u{301}", x: 0, y: 0, role: .text)
        #expect(b.textDump() == "e?  ")
        b.put("é", x: 2, y: 0, role: .text)  // precomposed: one cell
        #expect(b.textDump() == "e?é ")
    }

    @Test func displayWidth() {
        #expect(DisplayWidth.of("a" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.of("日" as Unicode.Scalar) == 2)
        #expect(DisplayWidth.of("한" as Unicode.Scalar) == 2)
        #expect(DisplayWidth.of("Ａ" as Unicode.Scalar) == 2)  // fullwidth A
        #expect(DisplayWidth.of("\u{301}" as Unicode.Scalar) == 0)
        #expect(DisplayWidth.of("\u{fe0f}" as Unicode.Scalar) == 0)
        #expect(DisplayWidth.of("\u{1b}" as Unicode.Scalar) == nil)
        #expect(DisplayWidth.of("\u{85}" as Unicode.Scalar) == nil)
        #expect(DisplayWidth.of("\u{200f}" as Unicode.Scalar) == nil)
        #expect(DisplayWidth.of("\u{2028}" as Unicode.Scalar) == nil)
        #expect(DisplayWidth.of("\u{e000}" as Unicode.Scalar) == nil)
        #expect(DisplayWidth.of("─" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.of("é" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.of("🔥" as Unicode.Scalar) == 2)
        #expect(DisplayWidth.of("ab日\u{1b}") == 10)  // `\u{1B}` takes 6 columns
        let sorted = zip(DisplayWidth.wideRanges, DisplayWidth.wideRanges.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound }
        #expect(sorted)
    }

    @Test func boxDrawingUnicodeAndASCII() {
        var b = CellBuffer(width: 6, height: 3)
        b.box(x: 0, y: 0, width: 6, height: 3, role: .border, glyphs: .unicode)
        #expect(b.textDump() == "┌────┐\n│    │\n└────┘")
        var a = CellBuffer(width: 6, height: 3)
        a.box(x: 0, y: 0, width: 6, height: 3, role: .border, glyphs: .ascii, title: "T")
        #expect(a.textDump() == "+ T -+\n|    |\n+----+")
        #expect(a.styleDump() == "-TTT--\n-    -\n------".replacingOccurrences(of: " ", with: "."))
    }

    @Test func diffReportsChangedRuns() {
        var a = CellBuffer(width: 10, height: 2)
        a.put("hello", x: 0, y: 0, role: .text)
        var b = a
        #expect(b.diff(from: a).isEmpty)
        b.put("J", x: 0, y: 0, role: .text)
        b.put("w", x: 4, y: 0, role: .text)
        b.put("x", x: 9, y: 1, role: .warn)
        let runs = b.diff(from: a)
        #expect(runs.map { [$0.y, $0.x, $0.cells.count] } == [[0, 0, 1], [0, 4, 1], [1, 9, 1]])
        #expect(runs[2].cells[0] == Cell("x", role: .warn))
        // A role change alone is a change.
        var c = a
        c.paint(x: 1, y: 0, width: 2, role: .cursorRow)
        #expect(c.diff(from: a).map { [$0.y, $0.x, $0.cells.count] } == [[0, 1, 2]])
    }

    @Test func diffKeepsWideCharactersWhole() {
        var a = CellBuffer(width: 6, height: 1)
        a.put("ab日", x: 0, y: 0, role: .text)
        var b = a
        b.put("本", x: 2, y: 0, role: .text)
        let runs = b.diff(from: a)
        #expect(runs.count == 1 && runs[0].x == 2 && runs[0].cells.count == 2)
        #expect(runs[0].cells[1].isWideTrailer)
    }

    @Test func sizeChangeRedrawsEverything() {
        let a = CellBuffer(width: 4, height: 2)
        let b = CellBuffer(width: 5, height: 2)
        let runs = b.diff(from: a)
        #expect(runs.count == 2 && runs.allSatisfy { $0.x == 0 && $0.cells.count == 5 })
    }

    @Test func roleCodesAreUnique() {
        #expect(Set(StyleRole.allCases.map(\.code)).count == StyleRole.allCases.count)
        #expect(Set(StyleRole.allCases.map(\.yamlKey)).count == StyleRole.allCases.count)
    }

    @Test func textFitting() {
        #expect(TextFormat.fit("system:serviceaccount:payments:api", 16, cut: .middle, ellipsis: "…") == "system…ments:api")
        #expect(TextFormat.fit("日本語テキスト", 7, ellipsis: "…") == "日本語…")
        #expect(DisplayWidth.of(TextFormat.fit("日本語テキスト", 6, cut: .middle, ellipsis: "…")) <= 6)
        #expect(TextFormat.age(Fixture.t(59), now: Fixture.clock) == "59s")
        #expect(TextFormat.age(Fixture.t(125), now: Fixture.clock) == "2m")
        #expect(TextFormat.age(Fixture.t(-5), now: Fixture.clock) == "0s")
        #expect(TextFormat.grouped(1234567) == "1,234,567")
        #expect(TextFormat.compact(123_456) == "123k")
    }
}
