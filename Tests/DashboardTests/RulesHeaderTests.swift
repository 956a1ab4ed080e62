import Events
import Testing
@testable import Dashboard

/// The header says how many detection rules failed to load (issue 9): the lines on stderr
/// are gone under the dashboard, the count stays in sight.
@Suite struct RulesHeaderTests {
    func text(_ sources: [SourceStatus], rulesFailed: Int, room: Int = 200) -> String {
        sourceSummary(sources, room: room, glyphs: .ascii, rulesFailed: rulesFailed).map(\.text).joined()
    }

    @Test func failedRulesAreCountedInTheSourceSummary() {
        let sources = [SourceStatus(name: "trail.json", events: 10, malformed: 2)]
        let sep = Glyphs.ascii.separator
        #expect(text(sources, rulesFailed: 2).hasSuffix("2 malformed \(sep) 2 rules failed"))
        #expect(text(sources, rulesFailed: 1).hasSuffix("\(sep) 1 rule failed"))
        #expect(!text(sources, rulesFailed: 0).contains("rule"))
        #expect(text([], rulesFailed: 3) == "no sources \(sep) 3 rules failed")
        // Shortened when names do not fit: the count stays, the names go.
        let long = [SourceStatus(name: String(repeating: "x", count: 80), events: 1)]
        #expect(text(long, rulesFailed: 2, room: 40) == "1 source \(sep) 2 rules failed")
    }

    @Test func theRenderedHeaderShowsTheCount() {
        let state = Fixture.state(width: 120, height: 30)
        func header(_ failed: Int) -> String {
            let buf = renderDashboard(snapshot: Fixture.snapshot, sources: [SourceStatus(name: "a.log", events: 1)],
                                      state: state, width: 120, height: 30,
                                      options: RenderOptions(ascii: true, rulesFailed: failed))
            return String(buf.textDump().split(separator: "\n").first ?? "")
        }
        #expect(header(2).contains("1 source: a.log \(Glyphs.ascii.separator) 2 rules failed"))
        #expect(!header(0).contains("failed"))
    }
}
