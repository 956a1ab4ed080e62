import CZlib
import Events
import Foundation
import Testing
@testable import Ingest

/// gzip-compresses `bytes` in memory with zlib (one member, like `gzip`).
func gzipped(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    precondition(cz_deflateInit2(&stream, level, 15 + 16) == Z_OK)
    defer { deflateEnd(&stream) }
    var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
    var input = bytes
    let produced = input.withUnsafeMutableBufferPointer { inBuf in
        out.withUnsafeMutableBufferPointer { outBuf -> Int in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = UInt32(inBuf.count)
            stream.next_out = outBuf.baseAddress
            stream.avail_out = UInt32(outBuf.count)
            precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
            return outBuf.count - Int(stream.avail_out)
        }
    }
    return Array(out[0..<produced])
}

func write(_ bytes: [UInt8], to path: String) {
    let dir = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

/// `n` events in nhitop's own format, one a line; identities vary so lines differ.
func eventLines(_ n: Int, from start: Int = 0) -> [UInt8] {
    var s = ""
    for i in start..<(start + n) {
        s += #"{"ts":"2026-11-29T14:32:40Z","identity":"svc-\#(i % 17)","kind":"service_account","action":"s3:GetObject","resource":"bucket/key-\#(i)","decision":"allow"}"# + "\n"
    }
    return Array(s.utf8)
}

/// Pumps a read-once source to its end; returns the events and the number of pumps.
func readToEnd(_ source: inout ReadOnceSource, maxBytes: Int = 1 << 20) -> (events: [NormalizedEvent], pumps: Int) {
    var events: [NormalizedEvent] = []
    var pumps = 0
    while !source.isFinished {
        source.pump(maxBytes: maxBytes) { events.append($0) }
        pumps += 1
        if pumps > 100_000 { Issue.record("no end"); break }
    }
    return (events, pumps)
}

@Suite("Read-once sources: gzip and directories")
struct ReadOnceTests {
    @Test func gzipEqualsPlainText() throws {
        let dir = try ScratchDir()
        let plain = eventLines(500)
        let p = dir.path("a.json.gz")
        write(gzipped(plain), to: p)
        var source = ReadOnceSource(path: p)
        let got = readToEnd(&source, maxBytes: 7919)
        let expected = decode(plain, name: p)
        #expect(got.events.count == 500)
        #expect(got.events == expected.events)
        #expect(source.status.state == .finished)
        #expect(source.status.events == 500 && source.status.malformed == 0)
        #expect(source.status.format == .nhitop)
        #expect(source.fileStatuses.map(\.name) == [p])
    }

    @Test func concatenatedMembersSplitMidRecord() throws {
        let dir = try ScratchDir()
        let plain = eventLines(300)
        // `cat a.gz b.gz c.gz`, the first cut falling inside a record; zero padding at the end.
        let cuts = [0, 12_345, 30_000, plain.count]
        var bytes: [UInt8] = []
        for k in 0..<3 { bytes += gzipped(Array(plain[cuts[k]..<cuts[k + 1]])) }
        bytes += [UInt8](repeating: 0, count: 512)
        let p = dir.path("cat.json.gz")
        write(bytes, to: p)
        for budget in [997, 4096, 1 << 20] {
            var source = ReadOnceSource(path: p)
            let got = readToEnd(&source, maxBytes: budget)
            #expect(got.events == decode(plain, name: p).events, "budget \(budget)")
            #expect(source.status.state == .finished && source.status.malformed == 0, "\(source.status.message)")
        }
    }

    @Test func corruptGzipKeepsEarlierEvents() throws {
        let dir = try ScratchDir()
        let plain = eventLines(4000)
        var gz = gzipped(plain, level: 1)
        let at = gz.count * 2 / 3
        for k in at..<(at + 64) { gz[k] ^= 0x5A }
        let p = dir.path("logs/x.json.gz")
        write(gz, to: p)
        var source = ReadOnceSource(path: p)
        let got = readToEnd(&source, maxBytes: 65_536)
        let all = decode(plain, name: p).events
        let s = source.status
        #expect(s.state == .failed)
        #expect(s.message.hasPrefix("\(p): gzip data is corrupt at byte "), "\(s.message)")
        #expect(!s.message.contains("\n"))
        #expect(got.events.count > 1000 && got.events.count < all.count)
        // Inflation stops where zlib notices; corrupt blocks can decode to plausible bytes
        // before that (the CRC is only checked at a member's end), so compare a safe prefix.
        let kept = Array(got.events.prefix(1000)) == Array(all.prefix(1000))
        #expect(kept)
    }

    @Test func truncatedGzipSaysSo() throws {
        let dir = try ScratchDir()
        let plain = eventLines(2000)
        let gz = gzipped(plain)
        let cut = gz.count / 2
        let p = dir.path("t.json.gz")
        write(Array(gz[0..<cut]), to: p)
        var source = ReadOnceSource(path: p)
        let got = readToEnd(&source)
        #expect(source.status.state == .failed)
        #expect(source.status.message == "\(p): gzip data is truncated at byte \(cut)")
        let all = decode(plain, name: p).events
        let isPrefix = Array(all.prefix(got.events.count)) == got.events
        #expect(got.events.count > 0 && isPrefix)
        // Only the two magic bytes: truncated, no crash, no events.
        let q = dir.path("magic-only.gz")
        write([0x1F, 0x8B], to: q)
        var tiny = ReadOnceSource(path: q)
        #expect(readToEnd(&tiny).events.isEmpty)
        #expect(tiny.status.message == "\(q): gzip data is truncated at byte 2")
    }

    @Test func gzipIsDetectedByMagicNotName() throws {
        let dir = try ScratchDir()
        let plain = eventLines(50)
        let disguised = dir.path("events.log")
        write(gzipped(plain), to: disguised)
        let named = dir.path("plain.json.gz")
        write(plain, to: named)
        #expect(InputSet.readsOnce(disguised))
        #expect(InputSet.readsOnce(named))
        #expect(!InputSet.readsOnce(dir.path("nope.log")))
        for p in [disguised, named] {
            var source = ReadOnceSource(path: p)
            #expect(readToEnd(&source).events == decode(plain, name: p).events, "\(p)")
            #expect(source.status.state == .finished)
        }
    }

    @Test func directoryRecursesInPathOrderSkippingHidden() throws {
        let dir = try ScratchDir()
        let root = dir.path("logs")
        write(eventLines(3, from: 0), to: root + "/b.jsonl")
        write(gzipped(eventLines(4, from: 100)), to: root + "/a/2024/01.json.gz")
        write(eventLines(5, from: 200), to: root + "/a/2024/02/x.jsonl")
        write(eventLines(6, from: 300), to: root + "/a-b/c.jsonl")  // '-' sorts before '/'
        write(eventLines(7, from: 400), to: root + "/.hidden/skip.jsonl")
        write(eventLines(8, from: 500), to: root + "/.skip.jsonl")
        write([], to: root + "/empty.jsonl")
        try FileManager.default.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root)

        var source = ReadOnceSource(path: root + "/")
        let got = readToEnd(&source, maxBytes: 1000)
        let names = source.fileStatuses.map(\.name)
        #expect(names == [root + "/a-b/c.jsonl", root + "/a/2024/01.json.gz", root + "/a/2024/02/x.jsonl",
                          root + "/b.jsonl", root + "/empty.jsonl"])
        #expect(source.fileStatuses.map(\.events) == [6, 4, 5, 3, 0])
        #expect(source.fileStatuses.allSatisfy { $0.state == .finished })
        #expect(got.events.count == 18)
        #expect(got.events.map(\.origin.source) == Array(repeating: names[0], count: 6)
                + Array(repeating: names[1], count: 4) + Array(repeating: names[2], count: 5)
                + Array(repeating: names[3], count: 3))
        let s = source.status
        #expect(s.name == root + "/" && s.events == 18 && s.state == .finished && s.format == .nhitop)
    }

    @Test func directoryAggregatesAFailedFile() throws {
        let dir = try ScratchDir()
        let root = dir.path("d")
        write(eventLines(3), to: root + "/ok.jsonl")
        write(Array(gzipped(eventLines(100)).prefix(40)), to: root + "/bad.gz")
        var source = ReadOnceSource(path: root)
        _ = readToEnd(&source)
        #expect(source.status.state == .failed)
        #expect(source.status.message.hasPrefix(root + "/bad.gz: gzip data is truncated"))
        #expect(source.fileStatuses.map(\.state) == [.failed, .finished])
    }

    @Test func boundedWorkPerPump() throws {
        let dir = try ScratchDir()
        let plain = eventLines(20_000)  // about 3 MB, compresses very well
        let p = dir.path("big.json.gz")
        let gz = gzipped(plain, level: 9)
        write(gz, to: p)
        var source = InputSource.readOnce(p)
        var events = 0
        var pumps = 0
        var largest = 0
        while !source.isFinished {
            let n = source.pump(maxBytes: 256 * 1024, now: EventTime(microseconds: 0)) { _ in events += 1 }
            largest = max(largest, n)
            pumps += 1
            #expect(source.status.state == (source.isFinished ? .finished : .following))
        }
        #expect(events == 20_000)
        #expect(largest <= 256 * 1024)
        #expect(pumps >= plain.count / (256 * 1024))
        #expect(source.status.state == .finished && source.status.events == 20_000)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.absent))
    func corpusFileGzippedGivesTheSameEvents() throws {
        let bytes = try #require(corpusBytes("k8s-audit/demo.log"))
        let other = try #require(corpusBytes("cloudtrail/cloudtrail.json"))
        let dir = try ScratchDir()
        let p = dir.path("demo.log.gz")
        write(gzipped(bytes), to: p)
        var source = ReadOnceSource(path: p)
        let got = readToEnd(&source, maxBytes: 1500)
        #expect(got.events.count == 37)
        #expect(got.events == decode(bytes, name: p).events)
        // Two corpus files as one concatenated .gz, the way `cat a.gz b.gz` makes it.
        let q = dir.path("both.gz")
        write(gzipped(bytes) + gzipped(other), to: q)
        var both = ReadOnceSource(path: q)
        #expect(readToEnd(&both).events == decode(bytes + other, name: q).events)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.absent))
    func wholeCorpusDirectoryMatchesFileByFile() throws {
        var source = ReadOnceSource(path: Corpus.url.path)
        let got = readToEnd(&source, maxBytes: 64 * 1024)
        var expected: [NormalizedEvent] = []
        for status in source.fileStatuses {
            let bytes = [UInt8](FileManager.default.contents(atPath: status.name) ?? Data())
            let one = decode(bytes, name: status.name)
            #expect(one.status.events == status.events, "\(status.name)")
            expected += one.events
        }
        #expect(got.events == expected)
        #expect(source.fileStatuses.count >= 20)
        #expect(source.status.state == .finished)
    }
}
