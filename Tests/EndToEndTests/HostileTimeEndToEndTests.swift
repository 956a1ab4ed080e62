import Foundation
import Testing

extension EndToEnd {
    /// Hostile event times through the real binary (issue 8): nothing traps, the extreme epoch is
    /// malformed, the far-future record is counted as clock-skewed in `report --json`.
    @Suite(.enabled(if: nhitopBinary() != nil, "needs a built nhitop"))
    struct HostileTimeEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"

        @Test func reportSurvivesExtremeAndFarFutureTimes() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-time-\(UUID().uuidString).jsonl").path
            defer { unlink(path) }
            let text = """
                {"action":"git.clone","actor":"mallory","@timestamp":-9223372036854775}
                {"action":"git.clone","actor":"mallory","@timestamp":1764424800000}
                {"action":"git.clone","actor":"mallory","@timestamp":1764424801000}
                {"action":"git.clone","actor":"mallory","@timestamp":1795960800000}
                {"action":"git.clone","actor":"mallory","@timestamp":1764424802000}

                """
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let (status, output) = try Tmux.run(["env", "SWIFT_BACKTRACE=enable=no", bin, "report", "--json", path])
            #expect(status == 0, "nhitop report exited \(status): \(output.prefix(300))")
            let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            #expect(json?["malformed"] as? Int == 1)
            #expect(json?["events"] as? Int == 4)
            let source = (json?["sources"] as? [[String: Any]])?.first
            #expect(source?["clock_skewed"] as? Int == 1)
            let mallory = (json?["identities"] as? [[String: Any]])?.first
            #expect(mallory?["events_1m"] as? Int == 3, "the year-ahead record does not empty the rate")
        }

        /// Three records in a row dated 2199 would confirm a jump of the stream's own time; no
        /// log, replayed or live, holds events from after now, so `report` flags all three
        /// against the wall clock and the rates stay those of the real events.
        @Test func reportFlagsARunOfRecordsFromTheFarFuture() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-time-\(UUID().uuidString).jsonl").path
            defer { unlink(path) }
            var text = ""
            for second in 0..<5 {
                text += #"{"action":"git.clone","actor":"alice","@timestamp":\#(1764424800000 + second * 1000)}"# + "\n"
            }
            for _ in 0..<3 {
                text += #"{"action":"git.clone","actor":"mallory","@timestamp":"2199-01-01T00:00:00Z"}"# + "\n"
            }
            text += #"{"action":"git.clone","actor":"alice","@timestamp":1764424806000}"# + "\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let (status, output) = try Tmux.run([bin, "report", "--json", path])
            #expect(status == 0, "nhitop report exited \(status): \(output.prefix(300))")
            let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            #expect(json?["events"] as? Int == 9)
            #expect((json?["sources"] as? [[String: Any]])?.first?["clock_skewed"] as? Int == 3)
            let alice = (json?["identities"] as? [[String: Any]])?.first { $0["identity"] as? String == "alice" }
            #expect(alice?["events_1m"] as? Int == 6, "the records from 2199 do not move the clock")
        }
    }
}
