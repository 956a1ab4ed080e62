import Activity
@testable import Dashboard
import Events
import Testing

/// The detail pane says when a list shows fewer values than the identity used, and marks a
/// count that reached its bound as a lower bound ("≥ 64", "64+" with `--ascii`).
@Suite struct DetailSaturationTests {
    private func render(_ row: IdentityRow, credentials: [String], ascii: Bool) -> String {
        var rows = Fixture.rows
        rows[0] = row
        var detail = Fixture.detail
        detail.row = row
        detail.credentials = credentials
        let snap = ActivitySnapshot(clock: Fixture.clock, totalEvents: 10, eventsPerSecond: 1, identities: rows,
                                    feed: Fixture.feed, detail: detail)
        let state = update(Fixture.state(width: 120, height: 60), .tick, context: UpdateContext(snapshot: snap)).0
        return renderDashboard(snapshot: snap, sources: Fixture.sources, state: state, width: 120, height: 60,
                               options: RenderOptions(ascii: ascii)).textDump()
    }

    private var saturated: IdentityRow {
        var row = Fixture.rows[0]
        row.distinctResources = 64
        row.distinctCredentials = 16
        row.distinctSourceIPs = 2
        row.distinctSaturated = [.resources, .credentials]
        return row
    }

    @Test func saturatedCountsReadAsAtLeast() {
        let text = render(saturated, credentials: ["AKIANEW"] + (0..<15).map { "AKIAOLD\($0)" }, ascii: false)
        #expect(text.contains("top resources (\u{2265} 64 distinct)"))
        #expect(text.contains("credentials (\u{2265} 16 distinct)"))
        // The newest credential leads the list, so it is on screen.
        #expect(text.contains("AKIANEW"))
        // Two addresses, both listed: nothing to add.
        #expect(text.contains("source IPs") && !text.contains("source IPs ("))
    }

    @Test func asciiSaysPlus() {
        let text = render(saturated, credentials: ["AKIANEW"], ascii: true)
        #expect(text.contains("top resources (64+ distinct)"))
        #expect(text.contains("credentials (16+ distinct)"))
    }

    @Test func aListShorterThanTheCountSaysHowMany() {
        var row = Fixture.rows[0]
        row.distinctCredentials = 7
        let text = render(row, credentials: (0..<7).map { "AKIA\($0)" }, ascii: false)
        #expect(text.contains("credentials (7 distinct)"))
        #expect(!text.contains("\u{2265}"))
    }
}
