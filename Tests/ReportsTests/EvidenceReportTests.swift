import Activity
import Events
import Foundation
import Testing
@testable import Reports

private let t0 = EventTime(seconds: 1_764_000_000)

private func event(at seconds: Int64, resource: String = "bucket/a", credential: String) -> NormalizedEvent {
    NormalizedEvent(time: t0.adding(seconds: seconds), identity: "svc-reporting", identityKind: .awsUser,
                    action: "s3:GetObject", resource: resource, decision: .allow, sourceIP: "10.0.0.1",
                    credentialID: credential, format: .cloudtrail, origin: EventOrigin(source: "test", line: 1))
}

/// The report's evidence keeps updating past its bounds, and says when a count is a lower bound.
@Suite struct EvidenceReportTests {
    private func identity(_ activity: ActivityAggregator) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(Report(activity: activity, sources: []).json())) as! [String: Any]
        return try #require((json["identities"] as? [[String: Any]])?.first)
    }

    @Test func aCredentialFirstSeenNowIsInTheReportAfterSixteenOldOnes() throws {
        var a = ActivityAggregator()
        for i in 0..<20 { a.ingest(event(at: Int64(i), credential: "AKIAOLD\(i)")) }
        a.ingest(event(at: 30, credential: "AKIANEW"))
        let id = try identity(a)
        let credentials = try #require(id["credentials"] as? [String])
        #expect(credentials.first == "AKIANEW")
        #expect(id["distinct_credentials"] as? Int == a.limits.credentialsPerIdentity)
        #expect(id["distinct_saturated"] as? [String] == ["credentials"])
        #expect(Report(activity: a, sources: []).text().contains("distinct \u{2265} 16 credentials"))
    }

    @Test func unsaturatedCountsSayNothingMore() throws {
        var a = ActivityAggregator()
        for i in 0..<3 { a.ingest(event(at: Int64(i), credential: "AKIA\(i)")) }
        let id = try identity(a)
        #expect(id["distinct_saturated"] as? [String] == [])
        #expect(id["distinct_credentials"] as? Int == 3)
        #expect(!Report(activity: a, sources: []).text().contains("newest kept"))
    }

    /// The key sits right after the four counts it qualifies, and its names are sorted.
    @Test func saturationKeyIsPlacedAndSorted() throws {
        var a = ActivityAggregator()
        for i in 0..<80 { a.ingest(event(at: Int64(i), resource: "bucket/\(i)", credential: "AKIA\(i)")) }
        let text = String(decoding: Report(activity: a, sources: []).json(), as: UTF8.self)
        #expect(text.contains(#""distinct_credentials":16,"distinct_saturated":["credentials","resources"],"first_seen""#))
        #expect(Report(activity: a, sources: []).text().contains("distinct \u{2265} 16 credentials, \u{2265} 64 resources"))
    }

    /// Records the sources flagged (dated too far ahead, reused auditIDs) are said in the text
    /// report's first line too, not only in `report --json`.
    @Test func theTextReportSaysWhatTheSourcesFlagged() {
        var audit = SourceStatus(name: "audit.log", events: 7, clockSkewed: 1)
        audit.auditIDReused = 2
        let first = Report(activity: ActivityAggregator(), sources: [audit]).text().split(separator: "\n").first ?? ""
        #expect(first.contains("1 future-dated"), "\(first)")
        #expect(first.contains("2 reused auditIDs"), "\(first)")
        let plain = Report(activity: ActivityAggregator(), sources: [SourceStatus(name: "a.log", events: 7)]).text()
        #expect(!plain.contains("future-dated") && !plain.contains("reused"))
    }
}
