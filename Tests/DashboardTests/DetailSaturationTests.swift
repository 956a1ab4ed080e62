import Activity
@testable import Dashboard
import Events
import Testing

/// The detail pane says when a list shows fewer values than the identity used, and marks a
/// count that reached its bound as a lower bound ("≥ 64", "64+" with `--ascii`). The counts
/// come from events through the aggregator, whose bounds (`ActivityLimits`) make them saturate.
@Suite struct DetailSaturationTests {
    private static let name = "svc-crawler"

    /// `resources` distinct resources over `credentials` distinct keys (the newest `AKIANEW`),
    /// from two addresses.
    private func render(resources: Int, credentials: Int, ascii: Bool) -> String {
        var aggregator = ActivityAggregator()
        for i in 0..<max(resources, credentials) {
            let cred = i == max(resources, credentials) - 1 ? "AKIANEW" : "AKIAOLD\(i % max(1, credentials - 1))"
            aggregator.ingest(Fixture.ev(Int64(600 - i), Self.name, .awsUser, "s3:GetObject",
                                         "bucket/object-\(i % resources)", .allow,
                                         ip: i % 2 == 0 ? "10.0.0.5" : "10.0.0.6", cred: cred))
        }
        let snap = aggregator.snapshot(detailFor: Self.name)
        let state = update(AppState(width: 120, height: 60), .tick, context: UpdateContext(snapshot: snap)).0
        return renderDashboard(snapshot: snap, sources: [], state: state, width: 120, height: 60,
                               options: RenderOptions(ascii: ascii)).textDump()
    }

    @Test func saturatedCountsReadAsAtLeast() {
        let text = render(resources: 80, credentials: 20, ascii: false)
        #expect(text.contains("top resources (\u{2265} 64 distinct)"))
        #expect(text.contains("credentials (\u{2265} 16 distinct)"))
        // The newest credential leads the list, so it is on screen.
        #expect(text.contains("AKIANEW"))
        // Two addresses, both listed: nothing to add.
        #expect(text.contains("source IPs") && !text.contains("source IPs ("))
    }

    @Test func asciiSaysPlus() {
        let text = render(resources: 80, credentials: 20, ascii: true)
        #expect(text.contains("top resources (64+ distinct)"))
        #expect(text.contains("credentials (16+ distinct)"))
    }

    @Test func aListShorterThanTheCountSaysHowMany() {
        let text = render(resources: 3, credentials: 8, ascii: false)
        #expect(text.contains("credentials (8 distinct)"))
        #expect(!text.contains("\u{2265}"))
    }
}
