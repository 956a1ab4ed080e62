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
}
