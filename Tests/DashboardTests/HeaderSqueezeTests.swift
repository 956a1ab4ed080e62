@testable import Dashboard
import Events
import Testing

/// The sources' summary shares the header with the filter and pause badges: squeezed, it gets
/// shorter in whole words, never cut mid-word ("1 sourc").
@Suite struct HeaderSqueezeTests {
    private func summary(room: Int) -> String {
        sourceSummary([SourceStatus(name: "demo")], room: room, glyphs: .unicode).map(\.text).joined()
    }

    @Test func aSqueezedSummaryShortensInWholeWords() {
        #expect(summary(room: 40) == "1 source: demo")
        #expect(summary(room: 8) == "1 source")
        #expect(summary(room: 7) == "1 src")
        #expect(summary(room: 4) == "")
    }
}
