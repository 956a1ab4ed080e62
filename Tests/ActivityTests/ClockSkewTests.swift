import Testing
@testable import Activity
import Events

private let t0 = EventTime(seconds: 1_764_000_000)
private let nextYear = t0.adding(seconds: 365 * 86_400)

private func event(_ identity: String, _ action: String = "get pods", at time: EventTime,
                   skewed: Bool = false) -> NormalizedEvent {
    var e = NormalizedEvent(time: time, identity: identity, identityKind: .k8sServiceAccount, action: action,
                            decision: .allow, sourceIP: "10.0.0.1", format: .k8sAudit,
                            origin: EventOrigin(source: "test", line: 1))
    e.clockSkewed = skewed
    return e
}

/// A record Ingest flagged as dated far ahead (`NormalizedEvent.clockSkewed`) is evidence,
/// but it must not pin the event clock and empty every rate (issue 8).
@Suite("Clock-skewed events in the aggregator")
struct ClockSkewTests {
    /// Thirty events over a minute for `svc-a`, a far-future one in the middle for `svc-a`
    /// and one for `mallory`.
    func aggregate() -> ActivityAggregator {
        var a = ActivityAggregator()
        for s in stride(from: Int64(0), to: 30, by: 2) { a.ingest(event("svc-a", at: t0.adding(seconds: s))) }
        a.ingest(event("svc-a", "create serviceaccounts/token", at: nextYear, skewed: true))
        a.ingest(event("mallory", "create clusterrolebindings", at: nextYear, skewed: true))
        for s in stride(from: Int64(30), to: 60, by: 2) { a.ingest(event("svc-a", at: t0.adding(seconds: s))) }
        return a
    }

    @Test func theClockAndTheRatesAreThoseOfTheNormalEvents() {
        let a = aggregate()
        #expect(a.clock == t0.adding(seconds: 58))
        let snap = a.snapshot(detailFor: "svc-a")
        #expect(snap.clock == t0.adding(seconds: 58))
        #expect(snap.eventsPerSecond == 0.5, "5 normal events in the last 10 s")
        let row = a.rows().first { $0.identity == "svc-a" }
        #expect(row?.eventsLastMinute == 30)
        #expect(row?.eventsLastHour == 30)
        #expect(row?.events == 31, "the skewed event still counts as an event of its identity")
        #expect(snap.detail?.perMinute.reduce(0, +) == 30)
        #expect(a.clockSkewedEvents == 2)
    }

    /// Future-dating an action must not hide it: it shows in the feed as written, its identity
    /// exists, and its evidence is judged at the aggregator's clock.
    @Test func theFarFutureEventStillAppearsForItsIdentity() {
        let a = aggregate()
        let snap = a.snapshot(detailFor: "mallory")
        let mallory = a.rows().first { $0.identity == "mallory" }
        #expect(mallory?.events == 1)
        #expect(mallory?.reasons.contains { $0.signal == "privilege_change" } == true)
        #expect(mallory?.reasons.allSatisfy { $0.lastSeen <= a.clock } == true,
                "evidence dated next year would never decay")
        #expect(snap.feed.contains { $0.identity == "mallory" && $0.time == nextYear && $0.clockSkewed },
                "the feed shows the record as written")
        let svc = a.rows().first { $0.identity == "svc-a" }
        #expect(svc?.reasons.contains { $0.signal == "dormant_wake" } != true,
                "a record a year ahead is not a year of silence")
    }

    /// Before any trusted time there is nothing better to judge by: the clock stays put.
    @Test func aSkewedFirstEventLeavesTheClockUnset() {
        var a = ActivityAggregator()
        a.ingest(event("mallory", at: nextYear, skewed: true))
        #expect(a.clock == .zero)
        a.ingest(event("svc-a", at: t0))
        #expect(a.clock == t0)
        #expect(a.rows().first { $0.identity == "svc-a" }?.eventsLastMinute == 1)
    }
}
