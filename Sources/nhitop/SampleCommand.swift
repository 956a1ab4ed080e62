import ArgumentParser
import Events
import Foundation
import Ingest

/// `nhitop sample`: the demo's raw records (CloudTrail, Kubernetes audit, Vault, OPA,
/// GitHub and nhitop JSON lines) on stdout, for trying nhitop on files and for benchmarks.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print demo traffic as raw log lines in every supported format.",
        discussion: "Example: nhitop sample --minutes 30 > demo.jsonl && nhitop report demo.jsonl")

    @Option(help: "Minutes of traffic, ending at --end.")
    var minutes: Int64 = 10

    @Option(help: "Seed of the generator; the same seed and end give the same bytes.")
    var seed: UInt64 = 1

    @Option(help: "End of the traffic, RFC 3339 (default: now).")
    var end: String?

    @Option(help: "Seconds between incidents.")
    var incidentEvery: Int64 = 180

    func validate() throws {
        if minutes < 1 || minutes > 7 * 24 * 60 { throw ValidationError("--minutes must be between 1 and 10080") }
        if let end, TimestampParser.parse(end) == nil { throw ValidationError("--end: not an RFC 3339 time: \(end)") }
    }

    func run() throws {
        let stop = end.flatMap(TimestampParser.parse)
            ?? EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
        // Start the generator at the beginning so incidents fall inside the window.
        var traffic = DemoTraffic(seed: seed, start: stop.adding(seconds: -minutes * 60), incidentEvery: incidentEvery)
        var buffer: [UInt8] = []
        var t = stop.adding(seconds: -minutes * 60)
        while t < stop {
            t = min(stop, t.adding(seconds: 60))
            traffic.generate(until: t, into: &buffer)
            try StandardOutput.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
