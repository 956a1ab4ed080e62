import Events
import Foundation
import Testing
@testable import Ingest

/// Acceptance: appends, a rotation and a copytruncate while a source is followed, and
/// the final counts are exact: every record once, none lost, none twice.
@Suite struct FollowCountsTests {
    static func line(_ n: Int) -> String {
        #"{"ts":"2026-11-29T10:00:00Z","identity":"id-\#(n % 7)","kind":"ci_job","action":"step-\#(n)","decision":"allow"}"# + "\n"
    }

    struct Follower {
        var source: InputSource
        var actions: [String] = []
        mutating func pump(times: Int = 3) {
            for _ in 0..<times {
                source.pump(maxBytes: 1 << 20, now: EventTime(seconds: 0)) { actions.append($0.action) }
            }
        }
    }

    @Test func appendRotateTruncateGiveExactCounts() throws {
        let dir = try ScratchDir()
        let path = dir.path("app.jsonl")
        var f = Follower(source: .file(path))
        var written = 0
        func write(_ count: Int, partialTail: Bool = false) throws {
            var text = ""
            for _ in 0..<count { text += Self.line(written); written += 1 }
            try append(text, to: path)
        }
        try write(100)
        f.pump()
        #expect(f.actions.count == 100)

        // A record split across two writes waits for its end.
        let half = Self.line(written)
        try append(String(half.prefix(40)), to: path)
        f.pump()
        #expect(f.actions.count == 100)
        try append(String(half.dropFirst(40)), to: path)
        written += 1
        f.pump()
        #expect(f.actions.count == 101)

        // logrotate: more lines land in the old file after our last read, then it is renamed
        // and a new file starts. Both the old tail and the new file are read.
        try write(50)
        try FileManager.default.moveItem(atPath: path, toPath: dir.path("app.jsonl.1"))
        try write(30)
        f.pump()
        #expect(f.actions.count == 181)

        // copytruncate: the file is emptied in place and written again from the start.
        truncate(path, 0)
        try write(20)
        f.pump()
        #expect(f.actions.count == 201)
        try write(5)
        f.pump()

        #expect(written == 206)
        #expect(f.actions.count == written)
        #expect(Set(f.actions).count == written, "every record exactly once")
        #expect(f.actions == (0..<written).map { "step-\($0)" }, "in order")
        let status = f.source.status
        #expect(status.events == written)
        #expect(status.malformed == 0)
        #expect(status.state == .following)
    }

    @Test func aFileThatAppearsLaterIsPickedUp() throws {
        let dir = try ScratchDir()
        let path = dir.path("late.jsonl")
        var f = Follower(source: .file(path))
        f.pump()
        #expect(f.source.status.state == .waiting)
        try append(Self.line(0) + Self.line(1), to: path)
        f.pump()
        #expect(f.actions.count == 2)
        #expect(f.source.status.state == .following)
    }

    @Test func demoSourceDecodesEverythingItGenerates() {
        let start = EventTime(seconds: 1_764_410_000)
        var source = InputSource.demo(seed: 7, start: start, backfillSeconds: 300)
        var events: [NormalizedEvent] = []
        for second in stride(from: Int64(0), through: 120, by: 5) {
            source.pump(maxBytes: 1 << 22, now: start.adding(seconds: second)) { events.append($0) }
        }
        let status = source.status
        #expect(status.malformed == 0, "the demo writes only records Ingest recognises")
        #expect(status.events == events.count)
        #expect(Set(events.map(\.identity)).count >= 30)
        #expect(Set(events.map(\.format)).count == 6)
        #expect(events.contains { $0.decision == .deny })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time }, "event time never goes back")
    }
}
