import Activity
import Dashboard
import Events
@testable import nhitop
import Response
import Testing

/// The revocations pane's rows from ledger rows and the aggregator watching the stream:
/// each outcome and effect in words, newest first, bounded. A pure function, tested directly.
@Suite struct RevocationListTests {
    static let t0 = EventTime(seconds: 1_764_000_000)

    static func revoke(_ id: Int64, _ identity: String, at seconds: Int64, _ outcome: LedgerOutcome = .succeeded,
                       exit: Int32? = 0, output: String = "", credential: String = "") -> LedgerEntry {
        LedgerEntry(id: id, actionID: "a\(id)", time: t0.adding(seconds: seconds), action: .revoke,
                    operatorInfo: OperatorInfo(user: "alice"), identity: identity, credential: credential,
                    reason: "why \(id)", hook: "denylist", exitStatus: exit, output: output, outcome: outcome,
                    graceSeconds: 60)
    }

    static func event(_ identity: String, _ action: String, at seconds: Int64, _ d: Decision = .allow) -> NormalizedEvent {
        NormalizedEvent(time: t0.adding(seconds: seconds), identity: identity, identityKind: .awsUser, action: action,
                        resource: "r", decision: d, sourceIP: "10.0.0.1", credentialID: "", format: .cloudtrail,
                        origin: EventOrigin(source: "t", line: 1))
    }

    /// Applies the rows as the live loop does, then the events, and lists the pane's rows.
    static func entries(_ rows: [LedgerEntry], events: [NormalizedEvent], limit: Int = 500) -> [RevocationEntry] {
        var aggregator = ActivityAggregator()
        var replay = LedgerReplay(acknowledgeQuietSeconds: 3600)
        replay.apply(rows, to: &aggregator)
        for e in events { aggregator.ingest(e) }
        return revocationEntries(replay: replay, aggregator: aggregator, limit: limit)
    }

    @Test func eachOutcomeAndEffectIsAState() {
        let rows = [
            Self.revoke(1, "quiet", at: 0),
            Self.revoke(2, "denied", at: 0),
            Self.revoke(3, "used", at: 0),
            Self.revoke(4, "broken", at: 0, .failed, exit: 2, output: "  permission denied\nsecond line"),
            Self.revoke(5, "unstartable", at: 0, .failed, exit: nil),
            Self.revoke(6, "slow", at: 0, .timedOut, exit: nil),
            Self.revoke(7, "crashed", at: 0, .interrupted, exit: nil),
            Self.revoke(8, "rehearsed", at: 0, .dryRun),
            Self.revoke(9, "pending", at: 170),
            Self.revoke(10, "undone", at: 0),
            LedgerEntry(id: 11, actionID: "u1", time: Self.t0.adding(seconds: 5), action: .undo,
                        operatorInfo: OperatorInfo(user: "bob"), identity: "undone", reason: "mistake",
                        outcome: .succeeded, linkedActionID: "a10"),
        ]
        let events = [
            Self.event("denied", "s3:ListBuckets", at: 10, .deny),
            Self.event("used", "s3:GetObject", at: 30),  // within grace: not held against it
            Self.event("used", "iam:CreateUser", at: 120),
            Self.event("quiet", "noop", at: -10),
            Self.event("clock", "tick", at: 200),
        ]
        let list = Self.entries(rows, events: events)
        let state = Dictionary(uniqueKeysWithValues: list.map { ($0.identity, $0.state) })
        #expect(state["quiet"] == .effective, "quiet past the grace period")
        #expect(state["denied"] == .effective)
        #expect(state["used"] == .stillActive(since: Self.t0.adding(seconds: 120), action: "iam:CreateUser"))
        #expect(state["broken"] == .failed(why: "exit 2: permission denied"))
        #expect(state["unstartable"] == .failed(why: "could not start"))
        #expect(state["slow"] == .failed(why: "timed out"))
        if case .failed(let why)? = state["crashed"] { #expect(why.contains("interrupted")) } else {
            Issue.record("interrupted is a failure that says so: \(String(describing: state["crashed"]))")
        }
        #expect(state["rehearsed"] == nil, "a dry run changed nothing")
        #expect(state["pending"] == .pending(secondsLeft: 30))
        #expect(state["undone"] == .undone)
        #expect(list.map(\.identity) == ["undone", "pending", "crashed", "slow", "unstartable", "broken", "used",
                                         "denied", "quiet"], "newest first")
        let first = list.last!
        #expect(first.by == "alice" && first.hook == "denylist" && first.reason == "why 1")
    }

    @Test func anOlderRevokeOfTheSameIdentityKeepsItsOwnState() {
        // The row status covers the newest revoke only; the older one still says it did not hold.
        let rows = [Self.revoke(1, "svc", at: 0), Self.revoke(2, "svc", at: 300)]
        let list = Self.entries(rows, events: [Self.event("svc", "s3:GetObject", at: 100),
                                               Self.event("svc", "s3:GetObject", at: 310)])
        #expect(list.count == 2)
        #expect(list[0].state == .pending(secondsLeft: 50))
        #expect(list[1].state == .stillActive(since: Self.t0.adding(seconds: 100), action: ""))
    }

    @Test func pendingNeverCountsMoreThanTheGrace() {
        // No events yet: the clock has not started, the revoke is waiting for its grace to pass.
        let list = Self.entries([Self.revoke(1, "svc", at: 0)], events: [])
        #expect(list.first?.state == .pending(secondsLeft: 60))
    }

    @Test func theListIsBoundedToTheNewest() {
        let rows = (1...30).map { Self.revoke(Int64($0), "id\($0)", at: Int64($0)) }
        let list = Self.entries(rows, events: [], limit: 10)
        #expect(list.count == 10)
        #expect(list.first?.identity == "id30")
        #expect(list.last?.identity == "id21")
        #expect(Self.entries(rows, events: [], limit: -1).isEmpty)
    }
}
