import Activity
@testable import Dashboard
import Events
import Testing

/// Yesterday's logs replayed against today's ledger: the revoke lies a day ahead of the logs'
/// clock. Its grace has not started, so the row and the detail say the logs are behind instead
/// of counting down a day in seconds.
@Suite struct RevokeAheadOfLogsTests {
    @Test func aRevokeAheadOfTheLogsSaysSoInsteadOfADayOfSeconds() {
        let name = "svc-replayed"
        var aggregator = ActivityAggregator()
        aggregator.ingest(Fixture.ev(30, name, .awsUser, "s3:GetObject", "bucket/a", .allow))
        aggregator.recordRevocation(Revocation(identity: name, revokedAt: Fixture.t(-86_400), graceSeconds: 60,
                                               actionID: "a1", by: "alice", hook: "denylist"))
        let snap = aggregator.snapshot(detailFor: name)
        var state = AppState(width: 120, height: 40)
        state = update(state, .tick, context: UpdateContext(snapshot: snap)).0
        let text = renderDashboard(snapshot: snap, sources: [], state: state, width: 120, height: 40,
                                   options: RenderOptions()).textDump()
        #expect(text.contains("PENDING logs"))
        #expect(text.contains("pending: the logs have not reached"))
        #expect(!text.contains("86"))
    }
}
