import Testing
@testable import Events

@Suite struct DisplaySafeTests {
    @Test func escapesEveryControlAndFormatCharacterVisibly() {
        #expect(DisplaySafe.text("\u{1b}]0;pwned\u{07}") == "\\u{1B}]0;pwned\\u{7}")
        #expect(DisplaySafe.text("\u{1b}[2J") == "\\u{1B}[2J")
        #expect(DisplaySafe.text("a\u{0}b\u{7f}c\u{9b}d\u{85}") == "a\\u{0}b\\u{7F}c\\u{9B}d\\u{85}")
        #expect(DisplaySafe.text("x\ny\r\tz") == "x\\u{A}y\\u{D}\\u{9}z")
        for bidi: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] {
            let s = String(Unicode.Scalar(bidi)!)
            #expect(DisplaySafe.text(s) == "\\u{\(String(bidi, radix: 16, uppercase: true))}")
        }
        for invisible: UInt32 in [0x2028, 0x2029, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x200B, 0x200D,
                                  0x00AD, 0xE0041, 0x3164, 0x034F, 0xFFF9] {
            let s = "a" + String(Unicode.Scalar(invisible)!) + "b"
            #expect(DisplaySafe.text(s) == "a\\u{\(String(invisible, radix: 16, uppercase: true))}b", "U+\(String(invisible, radix: 16))")
        }
    }

    @Test func printableTextIsUnchanged() {
        for s in ["", "plain ascii ~!@#$%^&*()", "arn:aws:iam::123:role/x", "ünïcödé", "服务账户", "🔥", "👍🏽",
                  "❤\u{FE0F}", "e\u{301}", "DOMAIN\\user", "\u{FFFD}"] {
            #expect(DisplaySafe.text(s) == s, "\(s.debugDescription)")
        }
    }

    @Test func invalidUTF8IsVisibleReplacement() {
        // Invalid bytes decode to U+FFFD, which is visible and passes through.
        let s = String(decoding: [0x61, 0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x62] as [UInt8], as: UTF8.self)
        let out = DisplaySafe.text(s)
        #expect(out.hasPrefix("a\u{FFFD}") && out.hasSuffix("b"))
        #expect(out.unicodeScalars.allSatisfy { !DisplaySafe.isUnsafe($0) })
    }

    @Test func escapeWidthMatchesTheEscape() {
        for v: UInt32 in [0, 0x7, 0x1B, 0x7F, 0x9B, 0x202E, 0xFEFF, 0xE0041] {
            let s = Unicode.Scalar(v)!
            var out = String.UnicodeScalarView()
            DisplaySafe.appendEscape(s, to: &out)
            #expect(out.count == DisplaySafe.escapeWidth(s))
            #expect(String(out) == "\\u{\(String(v, radix: 16, uppercase: true))}")
        }
    }

    @Test func everyUnsafeScalarIsCaught() {
        // An independent oracle over the BMP and the tag block: the sanitizer's output
        // never holds a control, format or separator character.
        var scalars = String.UnicodeScalarView()
        for v in UInt32(0)...0xFFFF { if let s = Unicode.Scalar(v) { scalars.append(s) } }
        for v in UInt32(0xE0000)...0xE007F { if let s = Unicode.Scalar(v) { scalars.append(s) } }
        let out = DisplaySafe.text(String(scalars))
        let bad = out.unicodeScalars.filter {
            switch $0.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate: true
            default: false
            }
        }
        #expect(bad.isEmpty)
    }
}

@Suite struct JSONWriterEscapeTests {
    @Test func everyControlAndLineSeparatorIsEscaped() {
        var raw = String.UnicodeScalarView()
        for v in UInt32(0)..<0xA0 { raw.append(Unicode.Scalar(v)!) }
        raw.append("\u{2028}"); raw.append("\u{2029}"); raw.append("\u{202E}"); raw.append("é")
        let line = JSONWriter.line { $0.field("s", String(raw)) }
        let text = String(decoding: line.dropLast(), as: UTF8.self)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(!text.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
        #expect(text.contains("\\u2028\\u2029"))
        #expect(text.contains("\\u001b") && text.contains("\\n"))
        // Exact: a JSON parser gives back the very string.
        #expect(text.contains("\u{202E}é"))
    }
}
