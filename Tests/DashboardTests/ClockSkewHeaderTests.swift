import Events
import Testing
@testable import Dashboard

/// The header says how many records were dated too far ahead to trust (issue 8).
@Suite struct ClockSkewHeaderTests {
    func text(_ sources: [SourceStatus], room: Int = 200) -> String {
        sourceSummary(sources, room: room, glyphs: .ascii).map(\.text).joined()
    }

    @Test func futureDatedRecordsAreCountedInTheHeader() {
        let sources = [SourceStatus(name: "a.log", events: 10, malformed: 2, clockSkewed: 1),
                       SourceStatus(name: "b.log", events: 5, clockSkewed: 2)]
        #expect(text(sources).hasSuffix("2 malformed \(Glyphs.ascii.separator) 3 future-dated"))
        #expect(!text([SourceStatus(name: "a.log", events: 10)]).contains("future-dated"))
    }

    /// A Kubernetes auditID seen again with another user or verb is counted as an event and
    /// flagged where the operator looks, not only in `report --json`.
    @Test func reusedAuditIDsAreCountedInTheHeader() {
        var a = SourceStatus(name: "audit.log", events: 10)
        a.auditIDReused = 2
        #expect(text([a]).hasSuffix("2 reused auditIDs"))
        #expect(!text([SourceStatus(name: "a.log", events: 10)]).contains("reused"))
    }
}
