#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Events
import Foundation
import Testing
@testable import Ingest

/// The lines `RecordReadBack` should show for a compact record: the test suite's own
/// `pretty` (jq style) split into lines.
private func prettyLines(_ compact: String) -> [String] {
    pretty(compact).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// Reads `path` through Ingest as the dashboard would (`InputSet.readAll`: gzip, directories).
private func ingest(_ path: String) -> [NormalizedEvent] {
    var events: [NormalizedEvent] = []
    _ = InputSet.readAll(paths: [path]) { events.append($0) }
    return events
}

private let identities = ["arn:aws:iam::1:user/ci", "arn:aws:iam::1:role/deploy", "ec2.amazonaws.com"]

@Suite("Record read-back: an event's raw record, from its file by its position")
struct RecordReadBackTests {
    // MARK: Positions recorded by the framer

    /// In every shape, whatever the chunking, the bytes at an event's offset are its record.
    @Test func offsetsMarkTheRecordInEveryShape() {
        let records = [ct1, ct2, ct3]
        let shapes: [(String, String)] = [
            ("JSON lines, CRLF", "\n" + records.joined(separator: "\r\n\n")),
            ("Records, one line", #"{"Records":["# + records.joined(separator: ",") + "]}"),
            ("Records, one per line", #"{"Records": [ "# + records.joined(separator: ",\n") + "\n]}\n"),
            ("Records, pretty", pretty(#"{"Records":["# + records.joined(separator: ",") + "]}")),
            ("Records not first (length unknown)", #"{"Version":1,"Records":["# + records.joined(separator: ",") + "]}"),
            ("jq . output", records.map { pretty($0) }.joined(separator: "\n") + "\n"),
            ("}{ adjacent", records.map { pretty($0) }.joined()),
            ("prefixed lines", records.map { "[notice] " + $0 }.joined(separator: "\n")),
            ("top-level array", "[\n" + records.joined(separator: ",\n") + "\n]"),
        ]
        for (note, text) in shapes {
            let bytes = Array(text.utf8)
            for chunk in [nil, 1, 7, 64] {
                let events = decode(bytes, chunk: chunk).events
                #expect(events.map(\.identity) == identities, "\(note)")
                for (event, record) in zip(events, records) {
                    let o = event.origin
                    guard o.offset >= 0, o.offset < bytes.count else {
                        Issue.record("\(note) chunk \(chunk ?? 0): no offset in \(o)")
                        continue
                    }
                    let start = Int(o.offset)
                    let end = o.length > 0 ? start + Int(o.length) : RecordEndScanner.end(of: bytes[start...])
                    guard let end, end <= bytes.count else {
                        Issue.record("\(note): record does not end at \(o)")
                        continue
                    }
                    #expect(RecordReadBack.prettyPrint(Array(bytes[start..<end])) == prettyLines(record),
                            "\(note) chunk \(chunk ?? 0)")
                }
                #expect(events.filter { $0.origin.length > 0 }.count == (note.contains("unknown") ? 0 : 3), "\(note)")
            }
        }
    }

    // MARK: Files in each shape

    @Test func jsonLinesFileByOffset() throws {
        let dir = try ScratchDir()
        let path = dir.path("trail.json")
        write(Array(([ct1, ct2, ct3].joined(separator: "\n") + "\n").utf8), to: path)
        let events = ingest(path)
        #expect(events.map(\.identity) == identities)
        for (k, record) in [ct1, ct2, ct3].enumerated() {
            let r = RecordReadBack.read(events[k].origin)
            #expect(r.problem == nil)
            #expect(r.lines == prettyLines(record))
            #expect(r.title == "\(path) line \(k + 1)")
        }
    }

    @Test func cloudTrailRecordsOnOneLine() throws {
        let dir = try ScratchDir()
        let path = dir.path("trail.json")
        let text = #"{"Records":["# + [ct1, ct2, ct3].joined(separator: ",") + "]}"
        write(Array(text.utf8), to: path)
        let events = ingest(path)
        #expect(events.map(\.origin.line) == [1, 1, 1])
        for (k, record) in [ct1, ct2, ct3].enumerated() {
            let r = RecordReadBack.read(events[k].origin)
            #expect(r.lines == prettyLines(record), "record \(k)")
            #expect(r.title == "\(path) record at byte \(events[k].origin.offset) (line 1)")
        }
        // Records not the first key: the decoder finds the elements, read-back finds their end.
        write(Array((#"{"Version":1,"Records":["# + [ct1, ct2, ct3].joined(separator: ",") + "]}").utf8), to: path)
        let late = ingest(path)
        #expect(late.map { RecordReadBack.read($0.origin).lines } == [ct1, ct2, ct3].map(prettyLines))
    }

    @Test func cloudTrailRecordsPrettyPrinted() throws {
        let dir = try ScratchDir()
        let path = dir.path("trail.json")
        write(Array(pretty(#"{"Records":["# + [ct1, ct2, ct3].joined(separator: ",") + "]}").utf8), to: path)
        let events = ingest(path)
        #expect(events.count == 3)
        for (k, record) in [ct1, ct2, ct3].enumerated() {
            let r = RecordReadBack.read(events[k].origin)
            #expect(r.lines == prettyLines(record), "record \(k)")
            #expect(r.title == "\(path) line \(events[k].origin.line)")
        }
    }

    @Test func gzipReadsBackDeepInTheStream() throws {
        let dir = try ScratchDir()
        let plain = eventLines(2_000) + Array((ct2 + "\n").utf8) + eventLines(5)
        let path = dir.path("logs/a/trail.json.gz")
        write(gzipped(plain), to: path)
        // A directory source: the origin names the file inside it.
        let events = ingest(dir.path("logs"))
        #expect(events.count == 2_006)
        let e = try #require(events.first { $0.identity == identities[1] })
        #expect(e.origin.source == path)
        #expect(e.origin.line == 2_001)
        let r = RecordReadBack.read(e.origin)
        #expect(r.lines == prettyLines(ct2))
        #expect(r.title == "\(path) line 2001")
        // Its neighbours are themselves.
        let before = RecordReadBack.read(events[1_999].origin).lines
        #expect(before.contains(#"  "resource": "bucket/key-1999","#))
        // One-line Records, gzipped.
        let ct = dir.path("ct.json.gz")
        write(gzipped(Array((#"{"Records":["# + [ct1, ct2, ct3].joined(separator: ",") + "]}").utf8)), to: ct)
        let three = ingest(ct)
        #expect(three.map { RecordReadBack.read($0.origin).lines } == [ct1, ct2, ct3].map(prettyLines))
        #expect(RecordReadBack.read(three[2].origin).title.hasPrefix("\(ct) record at byte "))
    }

    // MARK: Hostile text

    @Test func hostileStringsAreMadeVisible() throws {
        let dir = try ScratchDir()
        let path = dir.path("hostile.json")
        // `\u001b[2J` as JSON writes it; U+202E (bidi override) and U+009B (C1 CSI) as raw UTF-8.
        let hostile = #"{"ts":"2026-11-29T14:32:40Z","identity":"svc-\u001b[2J","kind":"service_account","action":"s3:GetObject","resource":"gnp.exe\#u{202E}txt","note":"\#u{9B}31m","decision":"allow"}"#
        write(Array((ct1 + "\n" + hostile + "\n").utf8), to: path)
        let events = ingest(path)
        #expect(events.count == 2)
        let r = RecordReadBack.read(events[1].origin)
        #expect(r.lines == [
            "{",
            #"  "ts": "2026-11-29T14:32:40Z","#,
            #"  "identity": "svc-\u001b[2J","#,
            #"  "kind": "service_account","#,
            #"  "action": "s3:GetObject","#,
            #"  "resource": "gnp.exe\u{202E}txt","#,
            #"  "note": "\u{9B}31m","#,
            #"  "decision": "allow""#,
            "}",
        ])
        for line in r.lines + [r.title] {
            #expect(!line.unicodeScalars.contains(where: DisplaySafe.isUnsafe), "\(line)")
        }
        // A line that is not JSON (read by its line) is text, its raw ESC made visible too.
        write(Array("Nov 29 14:00:00 host sshd[1]: \u{1B}[2J\u{1B}]0;owned\u{7} accepted\tkey\n".utf8), to: path)
        let text = RecordReadBack.read(EventOrigin(source: path, line: 1))
        #expect(text.lines == [#"Nov 29 14:00:00 host sshd[1]: \u{1B}[2J\u{1B}]0;owned\u{7} accepted\u{9}key"#])
        // A path with an escape in it is sanitized in the title and the problem.
        let odd = RecordReadBack.read(EventOrigin(source: dir.path("x\u{1B}[2J.json"), line: 3, offset: 0, length: 10))
        #expect(odd.title.contains(#"x\u{1B}[2J.json line 3"#))
        #expect(odd.problem?.contains(#"\u{1B}"#) == true)
        #expect(!(odd.title + (odd.problem ?? "")).unicodeScalars.contains(where: DisplaySafe.isUnsafe))
    }

    // MARK: Files that changed

    @Test func truncatedFileSaysSo() throws {
        let dir = try ScratchDir()
        let path = dir.path("app.log")
        write(Array(([ct1, ct2, ct3].joined(separator: "\n") + "\n").utf8), to: path)
        let events = ingest(path)
        #expect(events.count == 3)
        #expect(truncate(path, off_t(ct1.utf8.count + 1)) == 0)
        let gone = RecordReadBack.read(events[2].origin)
        #expect(gone.problem == "file \(path) has been rotated or truncated since (size now \(ct1.utf8.count + 1) bytes)")
        #expect(gone.lines.isEmpty)
        #expect(gone.title == "\(path) line 3")
        // Cut inside the record.
        #expect(truncate(path, off_t(ct1.utf8.count + 20)) == 0)
        #expect(RecordReadBack.read(events[1].origin).problem?.contains("rotated or truncated since") == true)
        // Rotated: another file now stands at the path, long enough but holding something else.
        write(Array(([ct3, ct3, ct3, ct3].joined(separator: "\n") + "\n").utf8), to: path)
        #expect(RecordReadBack.read(events[1].origin).problem == "file \(path) has changed since: no record at byte \(events[1].origin.offset)")
        // Rewritten so that the same span holds blanks and another whole value: not the record.
        let other = #"{"other":""# + String(repeating: "x", count: ct2.utf8.count - 2 - 13) + #""}"#
        write(Array((ct1 + "\n  " + other + "\n").utf8), to: path)
        #expect(RecordReadBack.read(events[1].origin).problem == "file \(path) has changed since: no record at byte \(events[1].origin.offset)")
        // A directory where the file was.
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(RecordReadBack.read(events[0].origin).problem == "cannot open \(path): is a directory")
        try FileManager.default.removeItem(atPath: path)
        // Gone altogether.
        #expect(RecordReadBack.read(events[0].origin).problem == "cannot open \(path): no such file (moved or deleted since)")
        // gzip cut short before the record.
        let gz = dir.path("a.json.gz")
        let whole = gzipped(eventLines(3_000))
        write(whole, to: gz)
        let last = try #require(ingest(gz).last)
        write(Array(whole.prefix(whole.count / 3)), to: gz)
        let cut = RecordReadBack.read(last.origin)
        #expect(cut.problem?.contains("gzip data is truncated") == true, "\(cut)")
    }

    /// A followed file truncated in place (copytruncate): offsets restart with the new content.
    @Test func followedFileAfterCopytruncate() throws {
        let dir = try ScratchDir()
        let path = dir.path("app.log")
        try append(ct1 + "\n" + ct2 + "\n", to: path)
        var source = InputSource.file(path)
        var events: [NormalizedEvent] = []
        let now = EventTime(microseconds: 0)
        source.pump(maxBytes: 1 << 20, now: now) { events.append($0) }
        #expect(RecordReadBack.read(events[1].origin).lines == prettyLines(ct2))
        #expect(truncate(path, 0) == 0)
        try append(ct3 + "\n", to: path)
        source.pump(maxBytes: 1 << 20, now: now) { events.append($0) }
        #expect(events.count == 3)
        #expect(events[2].origin.offset == 0)
        #expect(RecordReadBack.read(events[2].origin).lines == prettyLines(ct3))
        // The record from before the truncation is gone.
        #expect(RecordReadBack.read(events[1].origin).problem?.contains("rotated or truncated since") == true)
    }

    @Test(.enabled(if: geteuid() != 0, "root reads any file"))
    func unreadableFileSaysPermissionDenied() throws {
        let dir = try ScratchDir()
        let path = dir.path("secret.json")
        write(Array((ct1 + "\n").utf8), to: path)
        let events = ingest(path)
        #expect(chmod(path, 0) == 0)
        defer { chmod(path, 0o600) }
        #expect(RecordReadBack.read(events[0].origin).problem == "cannot open \(path): permission denied")
    }

    // MARK: Sources with no file

    @Test func standardInputAndDemoHaveNoFile() throws {
        let stdin = RecordReadBack.read(EventOrigin(source: "-", line: 88, offset: 1234, length: 50))
        #expect(stdin.problem == "standard input cannot be read back")
        #expect(stdin.title == "stdin line 88")
        var demo = InputSource.demo(seed: 7, start: EventTime(microseconds: 1_800_000_000_000_000), backfillSeconds: 60)
        var events: [NormalizedEvent] = []
        demo.pump(maxBytes: 1 << 20, now: EventTime(microseconds: 1_800_000_000_000_000)) { events.append($0) }
        let event = try #require(events.last)
        let r = RecordReadBack.read(event.origin)
        #expect(event.origin.source == "demo")
        #expect(r.problem == "demo traffic has no file")
        #expect(r.title.hasPrefix("demo line "))
    }

    // MARK: Limits

    @Test func recordLargerThanTheCap() throws {
        let dir = try ScratchDir()
        let path = dir.path("big.json")
        write(Array((ct1 + "\n" + ct2 + "\n").utf8), to: path)
        let events = ingest(path)
        let r = RecordReadBack.read(events[1].origin, maxBytes: 100)
        #expect(r.problem == "the record is \(ct2.utf8.count) bytes, more than the 100 bytes read back at most")
        // Length unknown (by line): the cap still holds.
        let byLine = RecordReadBack.read(EventOrigin(source: path, line: 2), maxBytes: 100)
        #expect(byLine.problem == "the record on line 2 is larger than the 100 bytes read back at most")
    }

    @Test func longRecordsStopAtTheLineCap() {
        let lines = RecordReadBack.prettyPrint(Array(ct2.utf8), maxLines: 5)
        let all = prettyLines(ct2)
        #expect(lines == Array(all.prefix(5)) + ["… \(all.count - 5) more lines"])
        #expect(RecordReadBack.prettyPrint(Array(ct2.utf8), maxLines: all.count) == all)
    }

    // MARK: By line only

    @Test func byLineFindsTheRecordThatStartsThere() throws {
        let dir = try ScratchDir()
        let path = dir.path("mixed.log")
        let text = pretty(ct1) + "\n" + "[notice] " + ct2 + "\n" + "plain words\n" + ct3 + "\n"
        write(Array(text.utf8), to: path)
        let ct2Line = Int64(pretty(ct1).split(separator: "\n").count + 1)
        #expect(RecordReadBack.read(EventOrigin(source: path, line: 1)).lines == prettyLines(ct1))
        #expect(RecordReadBack.read(EventOrigin(source: path, line: ct2Line)).lines == ["[notice]"] + prettyLines(ct2))
        #expect(RecordReadBack.read(EventOrigin(source: path, line: ct2Line + 1)).lines == ["plain words"])
        let last = RecordReadBack.read(EventOrigin(source: path, line: ct2Line + 2))
        #expect(last.lines == prettyLines(ct3))
        #expect(last.title == "\(path) line \(ct2Line + 2)")
        #expect(RecordReadBack.read(EventOrigin(source: path, line: ct2Line + 9)).problem
                == "file \(path) has been rotated or truncated since (\(ct2Line + 3) lines now)")
    }

    // MARK: Pretty-printing

    @Test func prettyPrintKeepsKeyOrderAndWrittenValues() {
        let record = #"{"z":1.50,"a":{},"m":[],"k":[1,{"y":true,"b":null}],"s":"a \"q\" , : { [","e":-2e10}"#
        #expect(RecordReadBack.prettyPrint(Array(record.utf8)) == [
            "{",
            #"  "z": 1.50,"#,
            #"  "a": {},"#,
            #"  "m": [],"#,
            #"  "k": ["#,
            "    1,",
            "    {",
            #"      "y": true,"#,
            #"      "b": null"#,
            "    }",
            "  ],",
            #"  "s": "a \"q\" , : { [","#,
            #"  "e": -2e10"#,
            "}",
        ])
        // Not JSON: the text, line by line.
        #expect(RecordReadBack.prettyPrint(Array("a {\r\nb\n\n".utf8)) == ["a {", "b"])
    }
}
