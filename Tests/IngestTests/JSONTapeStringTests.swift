import Events
import Testing
@testable import Ingest

/// The parser skips plain ASCII inside strings a word at a time: every byte that needs a look
/// (a quote, a backslash, a control character, the start of a UTF-8 sequence) must still be
/// seen, at whatever offset of a word it falls and however long the run before it.
@Suite struct JSONTapeStringTests {
    /// The grammar of string content, byte by byte, with the standard library's UTF-8
    /// validation (which rejects overlongs, surrogates and truncated sequences) as the oracle.
    static func referenceAccepts(_ content: [UInt8]) -> Bool {
        var i = 0
        while i < content.count {
            let c = content[i]
            if c == 0x22 || c < 0x20 { return false }
            if c == 0x5C {
                guard i + 1 < content.count else { return false }
                switch content[i + 1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 2
                case 0x75:
                    guard i + 6 <= content.count,
                          content[(i + 2)..<(i + 6)].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66) })
                    else { return false }
                    i += 6
                default: return false
                }
                continue
            }
            i += 1
        }
        return String(validating: content, as: UTF8.self) != nil
    }

    static func parseString(_ content: [UInt8]) -> (ok: Bool, end: Int32?, escaped: Bool?) {
        var tape = JSONTape()
        let ok = tape.parse([0x22] + content + [0x22])
        guard ok else { return (false, nil, nil) }
        return (true, tape.tokens[0].end, tape.tokens[0].escaped)
    }

    @Test func everySpecialByteAtEveryOffset() {
        let specials: [[UInt8]] = [
            [0x22], [0x5C], [0x5C, 0x6E], [0x5C, 0x75, 0x30, 0x30, 0x65, 0x39], [0x5C, 0x78], [0x00], [0x0A], [0x1F], [0x7F],
            [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xC3], [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82], [0x20],
        ]
        for special in specials {
            for before in 0..<20 {
                for after in [0, 1, 7, 8, 9, 17] {
                    let content = [UInt8](repeating: 0x61, count: before) + special + [UInt8](repeating: 0x62, count: after)
                    let expected = Self.referenceAccepts(content)
                    let got = Self.parseString(content)
                    #expect(got.ok == expected, "\(special) after \(before) bytes, \(after) after")
                    if got.ok {
                        #expect(got.end == Int32(content.count + 1))
                        #expect(got.escaped == content.contains(0x5C))
                    }
                }
            }
        }
    }

    /// Keys are compared a word at a time: a key differing from the one looked up in any one
    /// byte, at any length, is not found; the equal one is.
    @Test func keyLookupComparesEveryByte() throws {
        for length in 0..<40 {
            let key = (0..<length).map { UInt8(0x61 + $0 % 26) }
            for position in 0..<max(length, 1) {
                var other = key
                if length > 0 { other[position] = 0x5F }
                let text = "{\"" + String(decoding: other, as: UTF8.self) + "\":1,\"" + String(decoding: key, as: UTF8.self) + "x\":2,\""
                    + String(decoding: key, as: UTF8.self) + "\":3}"
                var tape = JSONTape()
                let parsed = tape.parse(Array(text.utf8))
                #expect(parsed)
                let found = try #require(tape.value(0, key))
                #expect(tape.int(found) == (length == 0 ? 1 : 3), "length \(length) position \(position)")
                #expect(tape.value(0, key + [0x79]) == nil)
            }
        }
    }

    @Test func randomContentAgreesWithTheReference() {
        var rng = SplitMix64(seed: 3)
        let alphabet: [UInt8] = [0x61, 0x61, 0x61, 0x20, 0x22, 0x5C, 0x6E, 0x75, 0x30, 0x41, 0x00, 0x0A, 0x1F, 0x7F,
                                 0x80, 0xBF, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xED, 0xA0, 0xF0, 0x9F, 0x98, 0xFF]
        var accepted = 0
        for _ in 0..<5_000 {
            let count = rng.below(40)
            let content = (0..<count).map { _ in rng.below(4) == 0 ? alphabet[rng.below(alphabet.count)] : UInt8(0x61 + rng.below(26)) }
            let expected = Self.referenceAccepts(content)
            if expected { accepted += 1 }
            #expect(Self.parseString(content).ok == expected, "\(content)")
        }
        #expect(accepted > 250)
    }
}
