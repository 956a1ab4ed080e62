import Events
import Testing
@testable import Ingest

@Suite("Hostile and broken input")
struct RobustnessTests {
    @Test func malformedBetweenGoodRecords() {
        let text = [ct1, #"{"eventVersion": nope}"#, ct2, "not json at all", #"{"hello":"world"}"#, ct3].joined(separator: "\n")
        for chunk in [nil, 1, 5] as [Int?] {
            let r = decode(text, chunk: chunk)
            #expect(r.events.count == 3)
            #expect(r.status.malformed == 3)
            #expect(r.events.map(\.origin.line) == [1, 3, 6])
        }
    }

    @Test func tenMebibyteLineIsSkippedWithoutBuffering() {
        let big = #"{"eventVersion":"1.08","pad":""# + String(repeating: "x", count: 10 << 20) + #""}"#
        let text = ct1 + "\n" + big + "\n" + ct2 + "\n"
        var decoder = SourceDecoder(sourceName: "big")
        var events: [NormalizedEvent] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {  // 64 KiB reads, as a file follower would
            let end = min(bytes.count, i + 65_536)
            bytes[i..<end].withUnsafeBytes { decoder.feed($0) { events.append($0) } }
            i = end
        }
        decoder.finish { events.append($0) }
        #expect(events.count == 2)
        #expect(events.map(\.origin.line) == [1, 3])
        #expect(decoder.status.malformed == 1)
        // A smaller limit applies to ordinary records too.
        let tight = decode(ct1 + "\n" + ct2 + "\n", options: IngestOptions(maxRecordBytes: 300))
        #expect(tight.events.count == 1 && tight.status.malformed == 1)
    }

    @Test func tenMebibyteOversizeInPrettyAndArrayShapes() {
        let pad = String(repeating: "y", count: 2 << 20)
        let prettyBig = pretty(#"{"eventVersion":"1.08","pad":""# + pad + #""}"#)
        let p = decode(pretty(ct1) + "\n" + prettyBig + "\n" + pretty(ct2) + "\n")
        #expect(p.events.count == 2 && p.status.malformed == 1)
        let a = decode("[" + ct1 + "," + #"{"pad":""# + pad + #""}"# + "," + ct2 + "]")
        #expect(a.events.count == 2 && a.status.malformed == 1)
    }

    @Test func invalidUTF8AndNULAreMalformed() {
        var bytes = Array((ct1 + "\n").utf8)
        var bad = Array(ct2.utf8)
        let at = bad.firstIndex(of: UInt8(ascii: "G"))!  // inside "GetObject"
        bad[at] = 0xC3; bad.insert(0x28, at: at + 1)  // invalid continuation
        bytes += bad + [0x0A]
        var nul = Array(ct2.utf8)
        nul[nul.firstIndex(of: UInt8(ascii: "G"))!] = 0
        bytes += nul + [0x0A]
        var overlong = Array(ct2.utf8)
        let o = overlong.firstIndex(of: UInt8(ascii: "G"))!
        overlong[o] = 0xC0; overlong.insert(0xAF, at: o + 1)
        bytes += overlong + [0x0A]
        var surrogate = Array(ct2.utf8)
        let s = surrogate.firstIndex(of: UInt8(ascii: "G"))!
        surrogate.replaceSubrange(s...s, with: [0xED, 0xA0, 0x80])
        bytes += surrogate + [0x0A]
        bytes += Array((ct3 + "\n").utf8)
        bytes += [0x00, 0x00, 0x0A]  // a line of NULs
        for chunk in [nil, 1] as [Int?] {
            let r = decode(bytes, chunk: chunk)
            #expect(r.events.map(\.action) == ["iam:CreateAccessKey", "sts:AssumeRole"])
            #expect(r.status.malformed == 5)
        }
    }

    @Test func truncatedObjectThenGoodRecords() {
        let text = ct1 + "\n" + String(ct2.prefix(120)) + "\n" + ct3 + "\n" + String(ct2.prefix(40)) + "\"\n" + ct1 + "\n"
        let r = decode(text)
        #expect(r.events.count == 3)
        #expect(r.status.malformed == 2)
        #expect(r.events.map(\.origin.line) == [1, 3, 5])
        // A truncated pretty object is recovered from at the next `{` in column 1.
        let p = decode(String(pretty(ct1).dropLast(40)) + "\n" + pretty(ct2) + "\n" + pretty(ct3) + "\n")
        #expect(p.events.count == 2 && p.status.malformed == 1)
        #expect(p.events.first?.action == "s3:GetObject")
    }

    @Test func unrecognisedObjectsAndNonObjects() {
        let r = decode([#"{"foo":1}"#, #"[1,2,"x"]"#, "42", ct1].joined(separator: "\n"))
        #expect(r.events.count == 1)
        #expect(r.status.malformed == 5)  // the object, three scalar array elements, the bare number line
    }

    @Test func hostileStringsSurviveAsData() {
        let ansi = #"{"ts":"2026-11-29T14:00:00Z","identity":"\u001b[2J\u001b[31mevil\u001b[0m","action":"line1\nline2\r\t","resource":"{\"not\":\"a record\"}\n{","actor":"emoji \ud83d\ude00 \u00e9 é"}"#
        // Raw ESC bytes cannot appear in JSON strings; escaped ones decode to data.
        let r = decode(ansi + "\n", chunk: 1)
        #expect(r.status.malformed == 0)
        let e = r.events.first
        #expect(e?.identity == "\u{1b}[2J\u{1b}[31mevil\u{1b}[0m")
        #expect(e?.action == "line1\nline2\r\t")
        #expect(e?.resource == "{\"not\":\"a record\"}\n{")
        #expect(e?.actor == "emoji 😀 é é")
        // A lone surrogate decodes to U+FFFD rather than failing.
        let lone = decode(#"{"ts":"2026-11-29T14:00:00Z","identity":"a\ud800b","action":"x"}"#)
        #expect(lone.events.first?.identity == "a\u{FFFD}b")
        // Braces and quotes inside strings never confuse framing, in any shape.
        let tricky = #"{"ts":"2026-11-29T14:00:00Z","identity":"}}]]\"{{","action":"\\"}"#
        let shapes = [tricky + "\n" + tricky, "[" + tricky + "," + tricky + "]", pretty(tricky) + "\n" + pretty(tricky),
                      #"{"Records":["# + tricky + "," + tricky + "]}"]
        for text in shapes {
            let t = decode(text, chunk: 1)
            #expect(t.events.count == 2 && t.status.malformed == 0, "\(text)")
            #expect(t.events.first?.identity == "}}]]\"{{" && t.events.first?.action == "\\")
        }
    }

    @Test func depthLimit() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let text = #"{"ts":"2026-11-29T14:00:00Z","identity":"x","action":"y","n":"# + deep + "}"
        #expect(decode(text).status.malformed == 1)
        #expect(decode(text, options: IngestOptions(maxDepth: 400)).events.count == 1)
    }
}

@Suite("JSON tape")
struct TapeTests {
    func parse(_ s: String) -> JSONTape? {
        var t = JSONTape()
        return t.parse(Array(s.utf8)) ? t : nil
    }

    @Test func grammar() {
        for ok in [#"{}"#, #"[]"#, #" {"a" : [1, -2.5e+3, 0, true, false, null, "s", {"b":{}}]} "#, #""x""#, "0", "-0.0E-1"] {
            #expect(parse(ok) != nil, "\(ok)")
        }
        for bad in [#"{"a":}"#, #"{"a" 1}"#, "[1,]", #"{"a":1,}"#, "01", "1.", "-", "tru", #""\x""#, #""\u12G4""#,
                    "[1 2]", #"{"a":1}}"#, "{", #""abc"#, "\"\t\"", "{} {}", "+1", ".5"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
    }

    @Test func lookupsAndLazyDecoding() throws {
        let t = try #require(parse(#"{"a":{"b":[{"c":"\u00e9\n\ud83d\ude00"},2]},"k\u0065y":"v","n":-12,"big":123456789012345678901}"#))
        let c = try #require(t.find(0, "a", "b"))
        #expect(t.elements(c).count == 2)
        let first = try #require(t.first(c))
        let value = try #require(t.value(first, "c"))
        #expect(t.string(value) == "é\n😀")
        #expect(t.text(t.value(0, "key")) == "v")  // escaped key compared after decoding
        #expect(t.int(t.value(0, "n")) == -12)
        #expect(t.int(t.value(0, "big")) == nil)  // overflow is not a value
        #expect(t.value(0, "missing") == nil)
        #expect(t.find(0, path: [Array("a".utf8), Array("b".utf8)]) == c)
    }

    @Test func reusesBuffers() {
        var t = JSONTape()
        let ok = t.parse(Array(#"{"a":[1,2,3,4,5,6,7,8]}"#.utf8))
        #expect(ok)
        let capacity = t.tokens.capacity
        for _ in 0..<100 { _ = t.parse(Array(#"{"b":1}"#.utf8)) }
        #expect(t.tokens.capacity == capacity)
        #expect(t.tokens.count == 3)
    }
}

@Suite("Framer memory")
struct FramerMemoryTests {
    @Test func oversizedRecordIsNeverBuffered() {
        var framer = Framer(maxRecordBytes: 1 << 20)
        let line = Array((#"{"pad":""# + String(repeating: "z", count: 10 << 20) + "\"}\n" + #"{"ok":1}"# + "\n").utf8)
        var steps: [Framer.Step] = []
        var peak = 0
        var i = 0
        while i < line.count {
            let end = min(line.count, i + 65_536)
            line[i..<end].withUnsafeBufferPointer { chunk in
                var pos = 0
                while true {
                    let s = framer.next(chunk, &pos)
                    peak = max(peak, framer.record.capacity)
                    if s == .needMore { break }
                    steps.append(s)
                }
            }
            i = end
        }
        #expect(steps == [.malformed, .record])
        #expect(peak <= (1 << 20) + 65_536 * 2)
        #expect(framer.record == Array(#"{"ok":1}"#.utf8))
    }
}
