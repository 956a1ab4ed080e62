import Events
import Foundation
import Testing
@testable import Ingest

/// A clock for `InputSet.pump(now:)`, in seconds.
func at(_ seconds: Double) -> EventTime { EventTime(microseconds: Int64(seconds * 1_000_000)) }

extension InputSet {
    /// Pumps once at `now`, returning the events.
    mutating func drain(_ now: EventTime, maxBytes: Int = 1 << 20) -> [NormalizedEvent] {
        var events: [NormalizedEvent] = []
        pump(maxBytes: maxBytes, now: now) { events.append($0) }
        return events
    }
}

@Suite("InputSet: globs, classification, readAll")
struct InputSetTests {
    @Test func globPicksUpALaterFileWhileFollowing() throws {
        let dir = try ScratchDir()
        var set = InputSet(paths: [dir.path("*.jsonl")])
        #expect(set.statuses.map(\.state) == [.waiting])
        #expect(set.statuses.first?.message == "\(dir.path("*.jsonl")): no files match yet")
        #expect(set.drain(at(0)).isEmpty)

        write(eventLines(2), to: dir.path("a.jsonl"))
        #expect(set.drain(at(0.5)).isEmpty)  // not looked at again yet
        #expect(set.drain(at(1.1)).count == 2)  // re-expanded: read from its start
        #expect(set.statuses.map(\.name) == [dir.path("a.jsonl")])
        #expect(set.statuses.map(\.state) == [.following])

        try append(String(decoding: eventLines(3, from: 10), as: UTF8.self), to: dir.path("a.jsonl"))
        #expect(set.drain(at(1.2)).count == 3)  // followed, not read once

        // A second match later, and a .gz match is read once.
        write(eventLines(1, from: 20), to: dir.path("b.jsonl"))
        write(gzipped(eventLines(4, from: 30)), to: dir.path("c.jsonl"))
        var later: [NormalizedEvent] = []
        for t in [2.3, 2.4, 2.5] { later += set.drain(at(t)) }
        #expect(later.count == 5)
        #expect(set.statuses.map(\.name) == [dir.path("a.jsonl"), dir.path("b.jsonl"), dir.path("c.jsonl")])
        #expect(set.statuses.map(\.state) == [.following, .following, .finished])
        #expect(!set.isFinished)
    }

    @Test func aRotatedNameIsNotReadTwice() throws {
        let dir = try ScratchDir()
        let log = dir.path("app.log")
        write(eventLines(3), to: log)
        var set = InputSet(paths: [dir.path("app.log*")])
        #expect(set.drain(at(0)).count == 3)
        try FileManager.default.moveItem(atPath: log, toPath: log + ".1")
        write(eventLines(2, from: 50), to: log)
        var events: [NormalizedEvent] = []
        for t in [1.5, 1.6, 3.0, 3.1] { events += set.drain(at(t)) }
        #expect(events.count == 2)  // the new app.log only; app.log.1 is the file already read
        #expect(set.statuses.map(\.name) == [log])
    }

    @Test func classifiesPaths() throws {
        let dir = try ScratchDir()
        write(eventLines(2), to: dir.path("plain.jsonl"))
        write(gzipped(eventLines(3)), to: dir.path("x.json.gz"))
        write(eventLines(4), to: dir.path("tree/one.jsonl"))
        write(eventLines(1), to: dir.path("weird[1].jsonl"))  // exists literally: not a glob
        let late = dir.path("late.jsonl")
        var set = InputSet(paths: [dir.path("plain.jsonl"), dir.path("x.json.gz"), dir.path("tree"),
                                   dir.path("weird[1].jsonl"), late])
        var events = 0
        for t in 0..<4 { set.pump(maxBytes: 1 << 20, now: at(Double(t) * 0.1)) { _ in events += 1 } }
        #expect(events == 10)
        #expect(set.statuses.map(\.state) == [.following, .finished, .finished, .following, .waiting])
        #expect(set.statuses.last?.message == "\(late): waiting for the file to appear")
        write(eventLines(5), to: late)
        for t in [1.5, 1.6] { set.pump(maxBytes: 1 << 20, now: at(t)) { _ in events += 1 } }
        #expect(events == 15)
        #expect(set.statuses.last?.state == .following)
        #expect(set.fileStatuses.map(\.name) == [dir.path("plain.jsonl"), dir.path("x.json.gz"),
                                                 dir.path("tree/one.jsonl"), dir.path("weird[1].jsonl"), late])
    }

    @Test func sharesTheBudget() throws {
        let dir = try ScratchDir()
        write(eventLines(5000), to: dir.path("a.jsonl"))
        write(eventLines(5000), to: dir.path("b.jsonl"))
        var set = InputSet(paths: [dir.path("a.jsonl"), dir.path("b.jsonl")])
        let n = set.pump(maxBytes: 100_000, now: at(0)) { _ in }
        #expect(n <= 100_000 && n > 0)
        #expect(set.statuses.allSatisfy { $0.events > 0 })
    }

    @Test func readAllOverAMix() throws {
        let dir = try ScratchDir()
        write(eventLines(2), to: dir.path("a.jsonl"))
        write(gzipped(eventLines(3, from: 10)), to: dir.path("b.json.gz"))
        write(eventLines(4, from: 20), to: dir.path("d/x.jsonl"))
        write(gzipped(eventLines(5, from: 30)), to: dir.path("d/sub/y.gz"))
        write(eventLines(6, from: 40), to: dir.path("g/1.log"))
        write(eventLines(7, from: 50), to: dir.path("g/2.log"))
        write(Array(gzipped(eventLines(100, from: 60)).dropLast(30)), to: dir.path("cut.gz"))
        var events: [NormalizedEvent] = []
        let statuses = InputSet.readAll(paths: [dir.path("a.jsonl"), dir.path("b.json.gz"), dir.path("d"),
                                                dir.path("g/*.log"), dir.path("missing.jsonl"),
                                                dir.path("none*.log"), dir.path("cut.gz")]) { events.append($0) }
        #expect(statuses.map(\.name) == [dir.path("a.jsonl"), dir.path("b.json.gz"), dir.path("d/sub/y.gz"),
                                         dir.path("d/x.jsonl"), dir.path("g/1.log"), dir.path("g/2.log"),
                                         dir.path("missing.jsonl"), dir.path("none*.log"), dir.path("cut.gz")])
        #expect(statuses.map(\.events).prefix(6) == [2, 3, 5, 4, 6, 7])
        #expect(statuses.map(\.state) == [.finished, .finished, .finished, .finished, .finished, .finished,
                                          .failed, .failed, .failed])
        #expect(statuses[6].message == "\(dir.path("missing.jsonl")): no such file or directory")
        #expect(statuses[7].message == "\(dir.path("none*.log")): no files match")
        #expect(statuses[8].message.hasPrefix("\(dir.path("cut.gz")): gzip data is truncated at byte"))
        #expect(statuses[8].events > 50)
        // In order: each source's events before the next one's.
        let order = events.map(\.origin.source)
        #expect(Array(order.prefix(27)) == statuses.prefix(6).flatMap { Array(repeating: $0.name, count: $0.events) })
        #expect(events.count == 27 + statuses[8].events)
    }
}
