import Events
import Foundation
import Testing
@testable import Ingest

/// The fast `JSONTape` must accept exactly what the plain one it replaced accepts
/// (`ReferenceTape`, kept verbatim in Support/), write the same tokens, and find the same value
/// for every key lookup: on the corpus, on generated traffic, and on damaged and random text.
@Suite struct JSONTapeEquivalenceTests {
    /// Parses `bytes` with both; records the first difference. Then looks up every key of every
    /// object, and keys that are absent, in both.
    @discardableResult
    static func expectSame(_ bytes: [UInt8], _ what: @autoclosure () -> String,
                           sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        var fast = JSONTape()
        var reference = ReferenceTape()
        let ok = fast.parse(bytes)
        let expected = reference.parse(bytes)
        guard ok == expected else {
            Issue.record("\(what()): parse \(ok), reference \(expected)", sourceLocation: sourceLocation)
            return false
        }
        guard ok else { return true }
        guard fast.tokens.count == reference.tokens.count else {
            Issue.record("\(what()): \(fast.tokens.count) tokens, reference \(reference.tokens.count)", sourceLocation: sourceLocation)
            return false
        }
        for (i, (a, b)) in zip(fast.tokens, reference.tokens).enumerated()
        where a.kind.rawValue != b.kind.rawValue || a.escaped != b.escaped || a.start != b.start || a.end != b.end || a.next != b.next {
            Issue.record("\(what()): token \(i) differs: \(a) vs \(b)", sourceLocation: sourceLocation)
            return false
        }
        // Every key of every object, a prefix of it, and a key that is nowhere.
        for object in fast.tokens.indices where fast.kind(object) == .object {
            var t = object + 1
            let end = Int(fast.tokens[object].next)
            var keys: [[UInt8]] = [Array("no-such-key".utf8), []]
            while t < end {
                let key = Array(fast.string(t).utf8)
                keys.append(key)
                if !key.isEmpty { keys.append(Array(key.dropLast())) }
                t = fast.skip(t + 1)
            }
            for key in keys where fast.value(object, key) != reference.value(object, key) {
                Issue.record("\(what()): value(\(object), \(String(decoding: key, as: UTF8.self).debugDescription)) differs",
                             sourceLocation: sourceLocation)
                return false
            }
        }
        return true
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.absent))
    func corpusRecordsParseAlike() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Corpus.url.path).sorted()
        var checked = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: Corpus.url.appendingPathComponent(file).path) else { continue }
            var framer = Framer(maxRecordBytes: 1 << 24)
            let bytes = [UInt8](data)
            bytes.withUnsafeBufferPointer { chunk in
                var pos = 0
                while true {
                    let step = framer.next(chunk, &pos)
                    if step == .needMore { break }
                    if step == .record { Self.expectSame(framer.record, "\(file) line \(framer.recordLine)"); checked += 1 }
                }
            }
            Self.expectSame(bytes, "\(file) whole")
        }
        #expect(checked > 100)
    }

    @Test func generatedTrafficParsesAlike() {
        for line in FramerEquivalenceTests.demoLines(minutes: 5, seed: 13) {
            if !Self.expectSame(line, String(decoding: line, as: UTF8.self)) { return }
        }
    }

    /// Real records damaged in every way (bytes dropped, doubled, replaced by structural or
    /// non-ASCII ones), and random text from a JSON alphabet.
    @Test func damagedAndRandomTextParsesAlike() {
        var rng = SplitMix64(seed: 53)
        let lines = FramerEquivalenceTests.demoLines(minutes: 1, seed: 4)
        let bytesToInsert = Array("{}[]\"\\:, \n\t0123456789-+.eEtrufalsn".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xA0, 0xF0, 0xFF]
        for round in 0..<3000 {
            var bytes = lines[rng.below(lines.count)]
            for _ in 0..<(rng.below(4)) where !bytes.isEmpty {
                let at = rng.below(bytes.count)
                switch rng.below(4) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(bytesToInsert[rng.below(bytesToInsert.count)], at: at)
                case 2: bytes[at] = bytesToInsert[rng.below(bytesToInsert.count)]
                default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + rng.below(40))], at: at)
                }
            }
            if !Self.expectSame(bytes, "damaged round \(round): \(String(decoding: bytes, as: UTF8.self))") { return }
        }
        let atoms: [[UInt8]] = ["{", "}", "[", "]", "\"", "\"k\":", ":", ",", " ", "1", "-0.5e+3", "true", "null", "\"s\"",
                                "\"\\u00e9\"", "\"\\n\"", "\"é\"", "\\", "\"a\":{}", "\"a\":[]", "01", "1.", "\"Records\":[{}]"].map { Array($0.utf8) }
        for round in 0..<20_000 {
            var bytes: [UInt8] = rng.below(2) == 0 ? Array("{".utf8) : []
            for _ in 0..<rng.below(14) { bytes += atoms[rng.below(atoms.count)] }
            if !Self.expectSame(bytes, "random round \(round): \(String(decoding: bytes, as: UTF8.self))") { return }
        }
    }

    /// Objects with many keys, duplicate keys, keys that differ only late or only in length,
    /// and escaped keys: every lookup agrees.
    @Test func keyLookupsAgreeOnAwkwardObjects() {
        var rng = SplitMix64(seed: 59)
        let keys = ["a", "ab", "abc", "abcdefgh", "abcdefgi", "abcdefghijklmnop", "abcdefghijklmnoq", "Records", "verb", "",
                    "k\\u0065y", "key", "é", "\\u00e9", "a.b", "authorization.k8s.io/decision", "authorization.k8s.io/reason"]
        for round in 0..<2000 {
            var members: [String] = []
            for _ in 0..<(rng.below(rng.below(4) == 0 ? 80 : 12)) {
                let value = ["1", "\"v\"", "{}", "[1,{\"x\":2}]", "{\"in\":{\"k\":1}}", "null"][rng.below(6)]
                members.append("\"\(keys[rng.below(keys.count)])\":\(value)")
            }
            let text = "{" + members.joined(separator: ",") + "}"
            if !Self.expectSame(Array(text.utf8), "object round \(round): \(text)") { return }
        }
    }
}
