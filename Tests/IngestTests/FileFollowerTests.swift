import Foundation
import Testing
@testable import Ingest

/// A scratch directory per test, removed afterwards.
final class ScratchDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

func append(_ text: String, to path: String) throws {
    if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try h.seekToEnd()
    try h.write(contentsOf: Data(text.utf8))
    try h.close()
}

/// Collects what a follower hands out.
struct FollowLog {
    var text = ""
    var changes: [FollowChange] = []
    mutating func poll(_ f: inout FileFollower, maxBytes: Int = 1 << 20) {
        var bytes: [UInt8] = []
        var changes: [FollowChange] = []
        f.poll(maxBytes: maxBytes, onChange: { changes.append($0) }, onBytes: { bytes.append(contentsOf: $0) })
        self.changes += changes
        text += String(decoding: bytes, as: UTF8.self)
    }
}

@Suite struct FileFollowerTests {
    @Test func readsFromTheStartThenAppends() throws {
        let dir = try ScratchDir()
        let p = dir.path("a.jsonl")
        try append("one\ntwo\n", to: p)
        var f = FileFollower(path: p)
        var log = FollowLog()
        log.poll(&f)
        #expect(log.text == "one\ntwo\n")
        try append("thr", to: p)
        log.poll(&f)
        try append("ee\n", to: p)
        log.poll(&f)
        #expect(log.text == "one\ntwo\nthree\n")
        #expect(log.changes.isEmpty)
    }

    @Test func waitsForALateFile() throws {
        let dir = try ScratchDir()
        let p = dir.path("late.jsonl")
        var f = FileFollower(path: p)
        var log = FollowLog()
        log.poll(&f)
        #expect(log.text.isEmpty)
        #expect(f.problem?.contains("waiting") == true)
        try append("hello\n", to: p)
        log.poll(&f)
        #expect(log.text == "hello\n")
        #expect(f.problem == nil)
    }

    @Test func followsRotationWithoutLosingTheOldTail() throws {
        let dir = try ScratchDir()
        let p = dir.path("app.log")
        try append("old-1\n", to: p)
        var f = FileFollower(path: p)
        var log = FollowLog()
        log.poll(&f)
        // The writer appends more, then logrotate renames and a new file appears.
        try append("old-2\n", to: p)
        try FileManager.default.moveItem(atPath: p, toPath: dir.path("app.log.1"))
        try append("new-1\n", to: p)
        log.poll(&f)
        #expect(log.text == "old-1\nold-2\nnew-1\n")
        #expect(log.changes == [.rotated])
    }

    @Test func rereadsATruncatedFile() throws {
        let dir = try ScratchDir()
        let p = dir.path("ct.log")
        try append("aaaaaaaaaa\nbbbbbbbbbb\n", to: p)
        var f = FileFollower(path: p)
        var log = FollowLog()
        log.poll(&f)
        truncate(p, 0)
        try append("c\n", to: p)
        log.poll(&f)
        #expect(log.changes == [.truncated])
        #expect(log.text.hasSuffix("c\n"))
        #expect(f.offset == 2)
    }

    @Test func boundsEachRead() throws {
        let dir = try ScratchDir()
        let p = dir.path("big.log")
        try append(String(repeating: "x", count: 100_000), to: p)
        var f = FileFollower(path: p, chunkSize: 4096)
        var log = FollowLog()
        log.poll(&f, maxBytes: 10_000)
        #expect(log.text.utf8.count == 10_000)
        for _ in 0..<20 { log.poll(&f, maxBytes: 10_000) }
        #expect(log.text.utf8.count == 100_000)
    }

    @Test func reportsADirectoryInsteadOfReadingIt() throws {
        let dir = try ScratchDir()
        var f = FileFollower(path: dir.url.path)
        var log = FollowLog()
        log.poll(&f)
        #expect(f.problem?.contains("is a directory") == true)
    }
}
