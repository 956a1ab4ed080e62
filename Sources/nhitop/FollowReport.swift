import Events
import Foundation
import Ingest
#if canImport(Glibc)
import Glibc
#endif

/// `report --follow-for`: follows the named paths exactly as the dashboard does (one
/// `InputSet`: files like `tail -F` through rotation and truncation, globs re-checked,
/// directories and .gz read once) for a fixed time, headless, so an operator can say
/// "follow these for an hour and give me the report". SIGINT and SIGTERM end it early;
/// the report is printed either way. A last record without its newline yet is not counted,
/// as the dashboard would not count it either.
struct FollowReport {
    let paths: [String]
    let options: IngestOptions
    let seconds: Int64
    /// Seconds between progress lines on stderr (events, malformed, RSS), or nil for none.
    let statsEvery: Int64?
    /// Bytes read per pass, as the dashboard's tick budget.
    var budget = 4 << 20
    /// How long to wait when every input is idle: short enough that a copytruncate a moment
    /// after a write is still seen as the file shrinking.
    var idleSleep = 0.05

    /// Follows until the time is up or a signal arrives; returns one status per file.
    func run(emit: (NormalizedEvent) -> Void) -> [SourceStatus] {
        let signals = ExitSignals([SIGINT, SIGTERM])
        defer { signals.cancel() }
        var inputs = InputSet(paths: paths, options: options)
        let start = Date()
        let deadline = start.addingTimeInterval(TimeInterval(seconds))
        var nextStats = statsEvery.map { start.addingTimeInterval(TimeInterval($0)) }
        while signals.pending == nil {
            let wall = Date()
            if wall >= deadline { break }
            if let due = nextStats, wall >= due, let every = statsEvery {
                writeStats(inputs.fileStatuses, elapsed: wall.timeIntervalSince(start))
                nextStats = due.addingTimeInterval(TimeInterval(every))
            }
            let now = EventTime(microseconds: Int64(wall.timeIntervalSince1970 * 1_000_000))
            if inputs.pump(maxBytes: budget, now: now, emit: emit) == 0 {
                Thread.sleep(forTimeInterval: idleSleep)
            }
        }
        let statuses = inputs.fileStatuses
        if let sig = signals.pending {
            let name = sig == SIGINT ? "SIGINT" : "SIGTERM"
            let after = Int(Date().timeIntervalSince(start))
            StandardError.write("nhitop: \(name) after \(after)s; reporting what was read\n")
        }
        if statsEvery != nil { writeStats(statuses, elapsed: Date().timeIntervalSince(start)) }
        return statuses
    }

    /// One line: `nhitop follow: 60s events=120000 malformed=0 rss_kb=23456`.
    private func writeStats(_ statuses: [SourceStatus], elapsed: TimeInterval) {
        let events = statuses.reduce(0) { $0 + $1.events }
        let malformed = statuses.reduce(0) { $0 + $1.malformed }
        let rss = Self.residentKB().map(String.init) ?? "?"
        StandardError.write(
            "nhitop follow: \(Int(elapsed))s events=\(events) malformed=\(malformed) rss_kb=\(rss)\n")
    }

    /// VmRSS from /proc/self/status (Linux), or nil.
    static func residentKB() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }
}
