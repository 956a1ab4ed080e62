import Foundation
import Testing

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
}
