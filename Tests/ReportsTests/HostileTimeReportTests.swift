import Activity
import Events
import Foundation
import Ingest
import Testing
@testable import Reports

/// Hostile event times through the whole headless path: decoder, aggregator, `report --json`
/// (issue 8: "Traps on input", "A far-future record blinds the dashboard").
@Suite("Hostile event times in a report")
struct HostileTimeReportTests {
    func report(_ text: String) throws -> (json: [String: Any], activity: ActivityAggregator) {
        var activity = ActivityAggregator()
        var decoder = SourceDecoder(sourceName: "in.jsonl")
        decoder.feed(Array(text.utf8)) { activity.ingest($0) }
        decoder.finish { activity.ingest($0) }
        let bytes = Report(activity: activity, sources: [decoder.status]).json()
        return (try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any], activity)
    }

    /// Before: the record became an event 290,000 years BC, and the actor's next event
    /// trapped in the detector (`t - lastSeen`).
    @Test func gitHubExtremeEpochIsCountedMalformedAndNothingTraps() throws {
        let text = """
            {"action":"git.clone","actor":"mallory","@timestamp":-9223372036854775}
            {"action":"git.clone","actor":"mallory","@timestamp":1764424800000}
            {"action":"git.clone","actor":"mallory","@timestamp":9223372036854775807}

            """
        let (json, _) = try report(text)
        #expect(json["events"] as? Int == 1)
        #expect(json["malformed"] as? Int == 2)
        let ids = json["identities"] as! [[String: Any]]
        #expect(ids.first?["first_seen"] as? String == "2025-11-29T14:00:00.000000Z")
    }

    @Test func oneFarFutureRecordIsCountedAndTheRatesStayThoseOfTheStream() throws {
        var text = ""
        for s in 0..<20 { text += #"{"ts":"2026-11-29T14:00:\#(s < 10 ? "0" : "")\#(s)Z","identity":"svc-a","action":"read"}"# + "\n" }
        text.insert(contentsOf: #"{"ts":"2027-11-29T14:00:00Z","identity":"mallory","action":"iam:CreateAccessKey"}"# + "\n",
                    at: text.index(text.startIndex, offsetBy: text.count / 2))
        let (json, activity) = try report(text)
        #expect(activity.clock == TimestampParser.parse("2026-11-29T14:00:19Z"))
        let source = (json["sources"] as! [[String: Any]])[0]
        #expect(source["clock_skewed"] as? Int == 1)
        #expect(source["events"] as? Int == 21)
        let ids = json["identities"] as! [[String: Any]]
        let svc = ids.first { $0["identity"] as? String == "svc-a" }
        #expect(svc?["events_1m"] as? Int == 20)
        let mallory = ids.first { $0["identity"] as? String == "mallory" }
        #expect(mallory?["events"] as? Int == 1, "a future-dated action still shows for its identity")
    }
}
