import Testing
@testable import Activity
import Events

/// Verification of a revoke from the stream (issue #7): pending → effective or STILL ACTIVE,
/// the critical alert, undo, acknowledgement and replay against a ledger read first.
@Suite struct RevocationVerificationTests {
    static let t0 = EventTime(seconds: 1_764_000_000)
    /// An hour of routine first, so novelty signals are warmed up and stay quiet.
    static let revokedAt = t0.adding(seconds: 3_600)

    static func event(_ identity: String, _ action: String, at seconds: Int64, _ decision: Decision = .allow,
                      credential: String = "AKIA1") -> NormalizedEvent {
        NormalizedEvent(time: t0.adding(seconds: seconds), identity: identity, identityKind: .awsUser, action: action,
                        resource: "reports/r1", decision: decision, sourceIP: "192.0.2.10", credentialID: credential,
                        format: .cloudtrail, origin: EventOrigin(source: "test", line: 1))
    }

    /// `svc` reads reports every 30 s for an hour, then is revoked at `revokedAt` (grace 60 s).
    static func revoked(graceSeconds: Int64 = 60) -> (ActivityAggregator, Revocation) {
        var a = ActivityAggregator()
        for s in stride(from: Int64(0), to: 3_600, by: 30) { a.ingest(event("svc", "s3:GetObject", at: s)) }
        let r = Revocation(identity: "svc", revokedAt: revokedAt, graceSeconds: graceSeconds, actionID: "act-1",
                           by: "alice", reason: "leaked key in a public gist", hook: "aws-deactivate-key")
        a.recordRevocation(r)
        _ = a.drainAlerts()
        return (a, r)
    }

    static func row(_ a: ActivityAggregator, _ identity: String = "svc") -> IdentityRow? {
        a.rows().first { $0.identity == identity }
    }

    @Test func pendingCountsDownTheGracePeriodOnEventTime() throws {
        var (a, r) = Self.revoked()
        a.ingest(Self.event("other", "s3:ListBuckets", at: 3_620))  // another identity moves the clock
        let status = try #require(Self.row(a)?.revocation)
        #expect(status.revocation == r)
        #expect(status.state == .pending(secondsLeft: 40))
        #expect(a.detail(for: "svc")?.row.revocation?.state == .pending(secondsLeft: 40))
        #expect(Self.row(a, "other")?.revocation == nil, "not revoked")
    }

    /// A grace from an edited ledger row can be any number: no trap, and a huge one only
    /// keeps the revoke pending.
    @Test(arguments: [Int64.max, Int64.max / 1_000_000 + 1, Int64.min, -60])
    func extremeGraceNeitherTrapsNorHidesTheState(_ grace: Int64) throws {
        var (a, _) = Self.revoked(graceSeconds: grace)
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_700))
        let state = try #require(Self.row(a)?.revocation?.state)
        if grace > 0 {
            if case .pending = state {} else { Issue.record("expected pending, got \(state)") }
        } else {
            // No grace at all: the allow 100 s after the revoke is a use after revoke.
            #expect(state == .stillActive(at: Self.t0.adding(seconds: 3_700), action: "s3:GetObject"))
        }
    }

    /// Revoke times from an edited ledger row at either end of Int64 neither trap nor hide a use.
    @Test(arguments: [Int64.min, Int64.min + 1, -1, Int64.max])
    func extremeRevokeTimesDoNotTrap(_ micros: Int64) throws {
        var a = ActivityAggregator()
        a.recordRevocation(Revocation(identity: "svc", revokedAt: EventTime(microseconds: micros), graceSeconds: 60,
                                      actionID: "x", by: "mallory", reason: "edited row"))
        a.ingest(Self.event("svc", "s3:GetObject", at: 0))
        let state = try #require(Self.row(a)?.revocation?.state)
        if micros < 0 {
            #expect(state == .stillActive(at: Self.t0, action: "s3:GetObject"))
        } else {
            if case .pending = state {} else { Issue.record("a revoke in the far future is pending, got \(state)") }
        }
    }

    @Test func aDenyProvesTheRevokeEvenWithinGrace() {
        var (a, _) = Self.revoked()
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_610, .deny))
        #expect(Self.row(a)?.revocation?.state == .effective(deniedAt: Self.t0.adding(seconds: 3_610)))
        // Later denies do not move the proof; nothing is held against the identity.
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_700, .deny))
        #expect(Self.row(a)?.revocation?.state == .effective(deniedAt: Self.t0.adding(seconds: 3_610)))
        #expect(Self.row(a)?.reasons.contains { $0.signal == "used_after_revoke" } == false)
    }

    @Test func aDenyBeforeTheRevokeProvesNothing() {
        var a = ActivityAggregator()
        a.recordRevocation(Revocation(identity: "svc", revokedAt: Self.revokedAt, graceSeconds: 60))
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_500, .deny))
        #expect(Self.row(a)?.revocation?.state == .pending(secondsLeft: 160))
    }

    @Test func quietPastTheGracePeriodIsEffectiveWithoutADeny() {
        var (a, _) = Self.revoked()
        a.ingest(Self.event("other", "s3:ListBuckets", at: 3_660))
        #expect(Self.row(a)?.revocation?.state == .pending(secondsLeft: 0), "an allow now would still be within grace")
        a.ingest(Self.event("other", "s3:ListBuckets", at: 3_661))
        #expect(Self.row(a)?.revocation?.state == .effective(deniedAt: nil))
    }

    @Test func anAllowWithinGraceIsNotHeldAgainstIt() {
        var (a, _) = Self.revoked()
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_650))
        #expect(Self.row(a)?.revocation?.state == .pending(secondsLeft: 10))
        #expect(Self.row(a)?.reasons.contains { $0.signal == "used_after_revoke" } == false)
        #expect(a.drainAlerts().isEmpty)
    }

    @Test func anAllowPastGraceIsStillActiveWithACriticalAlert() throws {
        var (a, r) = Self.revoked()
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_690))
        let row = try #require(Self.row(a))
        #expect(row.revocation?.state == .stillActive(at: Self.t0.adding(seconds: 3_690), action: "s3:GetObject"))
        #expect(row.risk >= 90)
        #expect(row.reasons.contains { $0.signal == "used_after_revoke" })
        #expect(a.effect(of: r) == .usedAfterRevoke(Self.t0.adding(seconds: 3_690)))
        let alerts = a.drainAlerts()
        #expect(alerts.count == 1, "one alert, not a second one for the level crossing")
        let alert = try #require(alerts.first)
        #expect(alert.identity == "svc" && alert.level == .critical && alert.previous == .unknown)
        #expect(alert.risk >= 90)
        #expect(alert.reasons.contains { $0.signal == "used_after_revoke" })
        // A deny afterwards does not undo the finding, and later uses are not alerted again.
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_700, .deny))
        a.ingest(Self.event("svc", "s3:PutObject", at: 3_710))
        #expect(Self.row(a)?.revocation?.state == .stillActive(at: Self.t0.adding(seconds: 3_690), action: "s3:GetObject"))
        #expect(a.drainAlerts().isEmpty)
    }

    @Test func eachRevocationsFirstUseAlertsEvenWhenAlreadyCritical() {
        var (a, _) = Self.revoked()
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_690))
        #expect(a.drainAlerts().map(\.level) == [.critical])
        // Revoked again (another hook), and used again 2 minutes later: already critical and
        // alerted 3 minutes ago, yet the second revoke not holding is news.
        a.recordRevocation(Revocation(identity: "svc", revokedAt: Self.t0.adding(seconds: 3_700), graceSeconds: 60,
                                      actionID: "act-2"))
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_870))
        let alerts = a.drainAlerts()
        #expect(alerts.map(\.level) == [.critical])
        #expect(alerts.first?.previous == .critical)
    }

    @Test func undoRemovesTheStatusButKeepsTheEvidence() {
        var (a, r) = Self.revoked()
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_690))
        a.removeRevocation(actionID: "act-1")
        #expect(Self.row(a)?.revocation == nil)
        #expect(a.effect(of: r) == nil)
        #expect(Self.row(a)?.reasons.contains { $0.signal == "used_after_revoke" } == true)
        // No longer watched: a further use raises nothing new.
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_800))
        #expect(Self.row(a)?.reasons.first { $0.signal == "used_after_revoke" }?.count == 1)
    }

    @Test func theNewestRevocationIsShown() {
        var (a, _) = Self.revoked()
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_690))  // the first one did not hold
        a.recordRevocation(Revocation(identity: "svc", revokedAt: Self.t0.adding(seconds: 3_700), graceSeconds: 60,
                                      actionID: "act-2"))
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_705, .deny))
        #expect(Self.row(a)?.revocation?.revocation.actionID == "act-2")
        #expect(Self.row(a)?.revocation?.state == .effective(deniedAt: Self.t0.adding(seconds: 3_705)))
        a.removeRevocation(actionID: "act-2")
        #expect(Self.row(a)?.revocation?.revocation.actionID == "act-1")
    }

    @Test func aCredentialOnlyRevokeShowsOnTheIdentityUsingIt() {
        var a = ActivityAggregator()
        a.recordRevocation(Revocation(identity: "", credential: "AKIA9", revokedAt: Self.revokedAt, graceSeconds: 60))
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_500, credential: "AKIA9"))
        #expect(Self.row(a)?.revocation == nil, "not seen using it since the revoke yet")
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_700, credential: "AKIA9"))
        #expect(Self.row(a)?.revocation?.state == .stillActive(at: Self.t0.adding(seconds: 3_700), action: "s3:GetObject"))
    }

    @Test func recordingTheSameRevocationAgainChangesNothing() {
        var (a, r) = Self.revoked()
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_690))
        a.recordRevocation(r)  // the ledger is polled: the same row comes back
        #expect(Self.row(a)?.revocation?.state == .stillActive(at: Self.t0.adding(seconds: 3_690), action: "s3:GetObject"))
    }

    @Test func anAcknowledgementShowsClearsTheMarkerAndMutesTheSameSignals() throws {
        var (a, _) = Self.revoked()
        a.ingest(Self.event("svc", "s3:GetObject", at: 3_690))
        #expect(a.drainAlerts().count == 1)
        let ack = Acknowledgement(at: Self.t0.adding(seconds: 3_700), by: "bob", note: "key rotated, STS sessions expire at 16:00",
                                  quietSeconds: 3_600)
        a.acknowledge(identity: "svc", ack)
        let row = try #require(Self.row(a))
        #expect(row.acknowledgement == ack)
        #expect(a.detail(for: "svc")?.row.acknowledgement == ack)
        #expect(!row.reasons.contains { $0.signal == "used_after_revoke" })
        #expect(row.risk < 90)

        // 20 minutes later (past the 15-minute de-duplication) the same use recurs.
        var same = a
        same.ingest(Self.event("svc", "s3:GetObject", at: 4_900))
        #expect(same.drainAlerts().isEmpty, "the acknowledged class does not re-alert within the quiet period")
        #expect(Self.row(same)?.risk ?? 0 >= 90, "the evidence is back in the score")

        // A class not contributing when acknowledged (minting a key: persistence) alerts.
        var new = a
        new.ingest(Self.event("svc", "iam:CreateAccessKey", at: 4_900))
        #expect(new.drainAlerts().map(\.level) == [.critical])

        // Past the quiet period, the same class alerts again.
        var later = a
        later.ingest(Self.event("svc", "s3:GetObject", at: 3_700 + 3_601))
        #expect(later.drainAlerts().map(\.level) == [.critical])
    }

    @Test func replayAppliesLedgerRevocationsAndAcknowledgementsRecordedFirst() throws {
        // At start the ledger is read before the logs: nothing about "svc" is known yet.
        var a = ActivityAggregator()
        let r = Revocation(identity: "svc", revokedAt: Self.revokedAt, graceSeconds: 60, actionID: "act-1")
        a.recordRevocation(r)
        let ack = Acknowledgement(at: Self.revokedAt.adding(seconds: 480), by: "bob", note: "seen, escalated to IR")
        a.acknowledge(identity: "svc", ack)
        // Then yesterday's log from T-10 min to T+10 min, in order.
        var alerts: [Alert] = []
        for s in stride(from: Int64(3_000), through: 4_200, by: 30) {
            let offset = s - 3_600
            let decision: Decision = offset == 300 || offset == 540 ? .allow : offset > 0 ? .deny : .allow
            a.ingest(Self.event("svc", "s3:GetObject", at: s, decision))
            alerts += a.drainAlerts()
            if offset == 420 {
                // Before the acknowledgement's time: the use at T+5 min is pinned and not yet acknowledged.
                #expect(Self.row(a)?.reasons.contains { $0.signal == "used_after_revoke" } == true)
                #expect(Self.row(a)?.acknowledgement == nil)
            }
        }
        let row = try #require(Self.row(a))
        #expect(row.revocation?.state == .stillActive(at: Self.revokedAt.adding(seconds: 300), action: "s3:GetObject"))
        #expect(alerts.filter { $0.level == .critical }.count == 1, "the use at T+5 min; the one at T+9 min is not alerted again")
        #expect(row.acknowledgement == ack)
        // The marker raised before the acknowledgement was cleared by it; the use at T+9 min pinned a new one.
        let marker = try #require(row.reasons.first { $0.signal == "used_after_revoke" })
        #expect(marker.lastSeen == Self.revokedAt.adding(seconds: 540) && marker.count == 1)
    }
}
