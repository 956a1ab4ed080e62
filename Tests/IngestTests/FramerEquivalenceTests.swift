import Events
import Foundation
import Testing
@testable import Ingest

/// The word-at-a-time `Framer` must frame exactly as the byte-at-a-time one it replaced
/// (`ReferenceFramer`, kept verbatim in Support/): the same steps in the same order, the same
/// record bytes, lines, offsets and lengths, the same malformed counts at the end, whatever the
/// chunking. Checked on the real corpus, on generated traffic in every shape the framer reads,
/// and on random hostile streams.
@Suite struct FramerEquivalenceTests {
    /// One observable step of a framer: what `next` returned and what it exposed with it.
    struct Observed: Equatable, CustomStringConvertible {
        var step: String
        var bytes: [UInt8] = []
        var line: Int64 = 0
        var offset: Int64 = 0
        var length: Int32 = 0
        var clean = false

        var description: String {
            "\(step) line \(line) offset \(offset) length \(length) clean \(clean) \(String(decoding: bytes.prefix(60), as: UTF8.self))"
        }
    }

    /// A plan for feeding a stream: where chunks end, where to `finish` and where to `reset`.
    struct Plan {
        var cuts: [Int]
        var finishes: Set<Int> = []
        var resets: Set<Int> = []
        var maxRecordBytes = 1 << 20
        /// Start as a parallel chunk does: a lines-shaped framer at this line and offset.
        var linesFrom: (line: Int64, offset: Int64)? = nil
    }

    /// Drives a framer through `input` by `plan`; `F` is the fast or the reference framer,
    /// reached through closures so that one driver serves both.
    static func run(_ input: [UInt8], _ plan: Plan,
                    next: (UnsafeBufferPointer<UInt8>, inout Int) -> String,
                    snapshot: (String) -> Observed,
                    handBack: (Observed) -> Bool = { _ in false },
                    finish: () -> Int, reset: () -> Void) -> [Observed] {
        var out: [Observed] = []
        var start = 0
        for cut in plan.cuts + [input.count] where cut >= start {
            input[start..<cut].withUnsafeBufferPointer { chunk in
                var pos = 0
                while true {
                    let step = next(chunk, &pos)
                    let seen = snapshot(step)
                    // A record the caller hands back (taken whole, not parsing) was never seen.
                    if step == "record", handBack(seen) { continue }
                    out.append(seen)
                    if step == "needMore" { break }
                }
                #expect(pos == chunk.count)
            }
            if plan.finishes.contains(cut) { out.append(Observed(step: "finish \(finish())")) }
            if plan.resets.contains(cut) { reset() }
            start = cut
        }
        out.append(Observed(step: "finish \(finish())"))
        return out
    }

    /// The fast framer; with `takesLinesWhole`, driven as `RecordDecoder` drives it: a record
    /// that does not parse is handed back to be walked.
    static func fast(_ input: [UInt8], _ plan: Plan, takesLinesWhole: Bool = false) -> [Observed] {
        var f = plan.linesFrom.map { Framer(maxRecordBytes: plan.maxRecordBytes, linesFrom: $0.line, offset: $0.offset) }
            ?? Framer(maxRecordBytes: plan.maxRecordBytes)
        f.takesLinesWhole = takesLinesWhole
        var tape = JSONTape()
        return run(input, plan, next: { chunk, pos in
            switch f.next(chunk, &pos) {
            case .needMore: "needMore"
            case .record: "record"
            case .malformed: "malformed"
            }
        }, snapshot: { step in
            Observed(step: step, bytes: step == "record" ? f.record : [], line: f.recordLine, offset: f.recordOffset,
                     length: f.recordLength, clean: f.isAtCleanLineBoundary)
        }, handBack: { seen in
            takesLinesWhole && !tape.parse(seen.bytes) && f.recheckUncheckedRecord()
        }, finish: { f.finish() }, reset: { f.reset() })
    }

    static func reference(_ input: [UInt8], _ plan: Plan) -> [Observed] {
        var f = plan.linesFrom.map { ReferenceFramer(maxRecordBytes: plan.maxRecordBytes, linesFrom: $0.line, offset: $0.offset) }
            ?? ReferenceFramer(maxRecordBytes: plan.maxRecordBytes)
        return run(input, plan, next: { chunk, pos in
            switch f.next(chunk, &pos) {
            case .needMore: "needMore"
            case .record: "record"
            case .malformed: "malformed"
            }
        }, snapshot: { step in
            Observed(step: step, bytes: step == "record" ? f.record : [], line: f.recordLine, offset: f.recordOffset,
                     length: f.recordLength, clean: f.isAtCleanLineBoundary)
        }, finish: { f.finish() }, reset: { f.reset() })
    }

    /// Compares both framers under `plan`; records the first difference, with context.
    @discardableResult
    static func expectSame(_ input: [UInt8], _ plan: Plan, _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let b = reference(input, plan)
        for whole in [false, true] {
            let a = fast(input, plan, takesLinesWhole: whole)
            guard a != b else { continue }
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("""
                \(what)\(whole ? ", lines taken whole" : ""): framers differ at step \(i) of \(a.count)/\(b.count)
                  fast:      \(i < a.count ? a[i].description : "—")
                  reference: \(i < b.count ? b[i].description : "—")
                """, sourceLocation: sourceLocation)
            return false
        }
        return true
    }

    /// Chunkings worth trying on `count` bytes: whole, byte by byte, small and odd sizes, random cuts.
    static func plans(_ count: Int, _ rng: inout SplitMix64, randomCuts: Int = 2) -> [(String, Plan)] {
        func every(_ k: Int) -> [Int] { Array(stride(from: k, to: count, by: k)) }
        var out: [(String, Plan)] = [
            ("whole", Plan(cuts: [])),
            ("1-byte chunks", Plan(cuts: every(1))),
            ("7-byte chunks", Plan(cuts: every(7))),
            ("4093-byte chunks", Plan(cuts: every(4093))),
        ]
        for k in 0..<randomCuts {
            var cuts: [Int] = []
            var at = 0
            while at < count {
                at += rng.below(rng.below(4) == 0 ? 3 : 300) + 1
                if at < count { cuts.append(at) }
            }
            out.append(("random cuts \(k)", Plan(cuts: cuts)))
        }
        return out
    }

    // MARK: Corpus

    @Test(.enabled(if: Corpus.isAvailable, Corpus.absent))
    func everyCorpusFileFramesAlike() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Corpus.url.path).sorted()
        var rng = SplitMix64(seed: 11)
        var checked = 0
        for file in files {
            let url = Corpus.url.appendingPathComponent(file)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue,
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            let bytes = [UInt8](data)
            for (name, plan) in Self.plans(bytes.count, &rng) {
                Self.expectSame(bytes, plan, "\(file), \(name)")
            }
            // Oversize records, and a limit right at a record's size.
            for limit in [64, 1000, 4096] {
                Self.expectSame(bytes, Plan(cuts: [], maxRecordBytes: limit), "\(file), limit \(limit)")
            }
            checked += 1
        }
        #expect(checked >= 20, "corpus files framed: \(checked)")
    }

    // MARK: Generated traffic, in every shape

    static func demoLines(minutes: Int64, seed: UInt64) -> [[UInt8]] {
        let start = EventTime(microseconds: 1_795_000_000_000_000)
        var traffic = DemoTraffic(seed: seed, start: start, incidentEvery: 120)
        var out: [UInt8] = []
        traffic.generate(until: start.adding(seconds: minutes * 60), into: &out)
        return out.split(separator: 0x0A).map(Array.init)
    }

    /// The shapes the framer recognises, built from JSON lines.
    static func shapes(_ lines: [[UInt8]]) -> [(String, [UInt8])] {
        func joined(_ parts: [[UInt8]], _ sep: String) -> [UInt8] { Array(parts.joined(separator: Array(sep.utf8))) }
        let pretty: [[UInt8]] = lines.prefix(200).map { line in
            let object = try! JSONSerialization.jsonObject(with: Data(line))
            return [UInt8](try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]))
        }
        let some = Array(lines.prefix(300))
        return [
            ("lines", joined(lines, "\n") + [0x0A]),
            ("lines, CRLF, no final newline", joined(some, "\r\n")),
            ("pretty objects", joined(pretty, "\n")),
            ("pretty objects, concatenated", joined(pretty, "")),
            ("Records wrapper", Array("{\"Records\": [\n".utf8) + joined(pretty, ",\n") + Array("\n], \"x\": {\"y\": [1, \"]\"]}}\n".utf8)),
            ("Records wrapper, one line", Array("{\"Records\":[".utf8) + joined(some, ",") + Array("]}".utf8)),
            ("top-level array", Array("[\n".utf8) + joined(pretty, ",\n") + Array("\n]\n".utf8)),
            ("prefixed lines", Array(some.enumerated().map { Array("opa_\($0.offset % 3)  | ".utf8) + $0.element }.joined(separator: [0x0A]))),
            ("bracketed prefixes", Array(some.map { Array("[2026-11-29 10:00:00] ".utf8) + $0 }.joined(separator: [0x0A]))),
            ("array of scalars then lines", Array("[\"a\", 1, [2], \"b\\\"]\"]\n".utf8) + joined(some, "\n")),
        ]
    }

    @Test func generatedTrafficFramesAlikeInEveryShape() {
        var rng = SplitMix64(seed: 5)
        let lines = Self.demoLines(minutes: 10, seed: 3)
        #expect(lines.count > 1000)
        for (shape, bytes) in Self.shapes(lines) {
            for (name, plan) in Self.plans(bytes.count, &rng, randomCuts: 1)
            where name != "1-byte chunks" || bytes.count < 400_000 {
                Self.expectSame(bytes, plan, "\(shape), \(name)")
            }
            Self.expectSame(bytes, Plan(cuts: [], maxRecordBytes: 700), "\(shape), limit 700")
        }
    }

    /// Real records damaged the ways files get damaged: cut, spliced, with bytes dropped,
    /// doubled or replaced by structural ones, then fed in random chunks.
    @Test func damagedRecordsFrameAlike() {
        var rng = SplitMix64(seed: 17)
        let lines = Self.demoLines(minutes: 3, seed: 9)
        let shapes = Self.shapes(Array(lines.prefix(80)))
        let structural = Array("{}[]\"\\\n ,:".utf8)
        for round in 0..<300 {
            var bytes = shapes[rng.below(shapes.count)].1
            for _ in 0..<(rng.below(12) + 1) where !bytes.isEmpty {
                let at = rng.below(bytes.count)
                switch rng.below(5) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(structural[rng.below(structural.count)], at: at)
                case 2: bytes[at] = structural[rng.below(structural.count)]
                case 3: bytes.removeSubrange(at..<min(bytes.count, at + rng.below(200)))
                default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + rng.below(100))], at: at)
                }
            }
            var plan = Self.randomPlan(bytes.count, &rng)
            if round % 3 == 0 { plan.maxRecordBytes = rng.below(2000) + 2 }
            if !Self.expectSame(bytes, plan, "damaged round \(round)") { return }
        }
    }

    /// Random streams over the bytes that drive the framer's state, with escapes, BOMs, CRs and
    /// the wrapper key, in random chunks (often one byte), with resets, finishes and tiny limits.
    @Test func hostileStreamsFrameAlike() {
        var rng = SplitMix64(seed: 23)
        let atoms: [[UInt8]] = [
            "{", "}", "[", "]", "\"", "\\", "\\\"", "\\\\", "\n", "\n", " ", "  ", "\t", "\r", ",", ":", "a", "xyzzy",
            "12345678", "\"Records\"", "{\"Records\":[", "{ \"Records\" : [", "[notice] ", "[2026-11-29 10:00:00] ",
            "opa_1  | ", "\u{FEFF}", "é", "true", "null", "\"k\":\"v\"", "{\"a\":1}", "[1,2]", "\"long string without stops\"",
        ].map { Array($0.utf8) }
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            let length = rng.below(4) == 0 ? rng.below(2000) : rng.below(120)
            while bytes.count < length { bytes += atoms[rng.below(atoms.count)] }
            var plan = Self.randomPlan(bytes.count, &rng)
            if round % 4 == 0 { plan.maxRecordBytes = rng.below(40) + 2 }
            if round % 5 == 0 { plan.linesFrom = (Int64(rng.below(100) + 1), Int64(rng.below(100_000))) }
            if !Self.expectSame(bytes, plan, "hostile round \(round): \(String(decoding: bytes.prefix(200), as: UTF8.self).debugDescription)") {
                return
            }
        }
    }

    /// Lines a framer taking lines whole must hand back and walk: two records on a line, a
    /// record then text, a quote or brace inside a string at the end, a cut line, the Records
    /// wrapper, invalid JSON a walk frames as one record, CRLF and trailing blanks, oversize.
    @Test func linesTakenWholeAreWalkedWhenTheyDoNotParse() {
        var rng = SplitMix64(seed: 47)
        let tricky = [
            #"{"a":1}{"b":2}"#, #"{"a":1} {"b":2}  "#, #"{"a":1} trailing}"#, #"{"a":"}"} x}"#, #"{"a":"\"}"}"#,
            #"{"a":"\\"}"#, #"{"a":[1,2}"#, #"{"a":1"#, #"{"Records":[{"x":1},{"y":2}]}"#, #"{ "Records" : [ {"x":1} ] }"#,
            #"{"Records":1}"#, #"{"a":tru}"#, #"{"a":1,}"#, "{\"a\":1}\r", "{\"a\":1}\t \r", #"{}"#, #"{"é":"ü"}"#,
            "{\"a\":\"\u{01}\"}", #"{"a":1}}"#, #"{{"a":1}"#, #"{"a":"b\"}"#, #"[1]{"a":1}"#, #"x{"a":1}"#, #" {"a":1}"#,
            #"{"a":{"b":{"c":[{"d":"}}}}"}]}}}"#, String(repeating: "{\"k\":", count: 3) + "1}}}",
        ]
        let lines = Self.demoLines(minutes: 1, seed: 2).map { String(decoding: $0, as: UTF8.self) }
        for round in 0..<200 {
            var text = ""
            for _ in 0..<40 {
                text += rng.below(3) == 0 ? tricky[rng.below(tricky.count)] : lines[rng.below(lines.count)]
                text += rng.below(10) == 0 ? "\r\n" : "\n"
            }
            let bytes = Array(text.utf8)
            var plan = round % 2 == 0 ? Plan(cuts: []) : Self.randomPlan(bytes.count, &rng)
            if round % 5 == 0 { plan.maxRecordBytes = 40 + rng.below(600) }
            if round % 3 == 0 { plan.linesFrom = (1, 0) }
            if !Self.expectSame(bytes, plan, "tricky lines round \(round)") { return }
        }
    }

    /// Long string runs and long runs between structural bytes, with every stop byte at every
    /// offset of an 8-byte word and at every chunk boundary around it: the word-wide scan's edges.
    @Test func stopBytesAtEveryWordOffsetFrameAlike() {
        for stop in Array("\"\\\n{}[]".utf8) {
            for offset in 0..<24 {
                let filler = [UInt8](repeating: 0x61, count: offset)
                let inString = Array("{\"k\":\"".utf8) + filler + [stop] + filler + Array("\"}\n".utf8)
                let outside = Array("{\"k\":".utf8) + Array(repeating: 0x31, count: offset) + [stop] + Array(" 1 }\n{}\n".utf8)
                for bytes in [inString, outside, inString + outside, Array(" \n".utf8) + outside + inString] {
                    for cut in 0...bytes.count {
                        Self.expectSame(bytes, Plan(cuts: [cut]), "stop \(stop) offset \(offset) cut \(cut)")
                    }
                }
            }
        }
    }

    static func randomPlan(_ count: Int, _ rng: inout SplitMix64) -> Plan {
        var cuts: [Int] = []
        var at = 0
        let small = rng.below(3) == 0
        while at < count {
            at += small ? rng.below(3) + 1 : rng.below(64) + 1
            if at < count { cuts.append(at) }
        }
        var plan = Plan(cuts: cuts)
        for cut in cuts where rng.below(40) == 0 { plan.finishes.insert(cut) }
        for cut in cuts where rng.below(60) == 0 { plan.resets.insert(cut) }
        return plan
    }
}
