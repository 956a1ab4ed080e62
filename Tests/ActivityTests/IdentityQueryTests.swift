import Testing
@testable import Activity
import Events

private let t0 = EventTime(seconds: 1_764_000_000)

private func event(_ identity: String, _ action: String, at seconds: Int64, _ decision: Decision = .allow,
                   kind: IdentityKind = .k8sServiceAccount, resource: String = "") -> NormalizedEvent {
    NormalizedEvent(time: t0.adding(seconds: seconds), identity: identity, identityKind: kind, action: action,
                    resource: resource, decision: decision, sourceIP: "10.0.0.1",
                    format: .k8sAudit, origin: EventOrigin(source: "test", line: seconds))
}

private func filter(_ text: String) -> TextFilter { try! TextFilter(text) }

/// A medium-level rule hit: moderate risk (≥ 40) on its own, and one alert.
private let medium = RuleInfo(id: "q.medium", title: "Medium", source: .builtin, level: .medium, tactic: "impact")

private func flagged(_ identity: String, at seconds: Int64) -> NormalizedEvent {
    RuleScoringTests.event(seconds, identity: identity, hits: [medium])
}

private extension ActivityAggregator {
    func names(_ query: IdentityQuery) -> [String] {
        snapshot(query: query, detailFor: nil).identities.map(\.identity)
    }

    func timeline(_ identity: String) -> Int {
        snapshot(query: IdentityQuery(timelineFor: identity), detailFor: identity).detail?.recent.count ?? -1
    }
}

@Suite struct IdentityQueryTests {
    // MARK: Filter

    @Test func theFilterMatchesAnIdentitysActionsAndResources() {
        var a = ActivityAggregator()
        a.ingest(event("app", "get pods", at: 0, resource: "ns/pods/p1"))
        a.ingest(event("app", "get secrets", at: 1, resource: "ns/secrets/db-password"))
        a.ingest(event("app", "get pods", at: 2, resource: "ns/pods/p1"))
        a.ingest(event("web", "list services", at: 3, resource: "ns/services"))
        a.ingest(event("ci", "patch deployments", at: 4, resource: "ns/deployments/api"))

        let byResource = a.snapshot(query: IdentityQuery(filter: filter("password")), detailFor: nil)
        #expect(byResource.identities.map(\.identity) == ["app"], "a resource no longer in the recent events still counts")
        #expect(byResource.identityTotal == 3)
        #expect(a.names(IdentityQuery(filter: filter("PATCH"))) == [], "smartcase: upper case is exact")
        #expect(a.names(IdentityQuery(filter: filter("patch"))) == ["ci"])
        #expect(a.names(IdentityQuery(filter: filter("~^list "))) == ["web"])
        #expect(Set(a.names(IdentityQuery(filter: filter("!secrets")))) == ["web", "ci"])
        #expect(Set(a.names(IdentityQuery(filter: filter("k8s_sa")))) == ["app", "web", "ci"], "the kind label")
        #expect(a.identity("ci", matches: filter("deployments/api")))
        #expect(!a.identity("web", matches: filter("deployments/api")))
        #expect(!a.identity("nobody", matches: filter("")))
    }

    @Test func theFilterSeesWhatAnIdentityDoesNext() {
        var a = ActivityAggregator()
        a.ingest(event("app", "get pods", at: 0))
        let query = IdentityQuery(filter: filter("exec"))
        #expect(a.names(query) == [])
        a.ingest(event("app", "create pods/exec", at: 1))
        #expect(a.names(query) == ["app"], "a new action is matched on the next frame")

        // Once the sketch is full a new action replaces an old one and the distinct count stays
        // put: the verdict must still follow.
        var b = ActivityAggregator()
        for i in 0..<(b.limits.distinctPerIdentity + 10) { b.ingest(event("noisy", "verb-\(i)", at: Int64(i))) }
        let attach = IdentityQuery(filter: filter("attach"))
        #expect(b.names(attach) == [])
        b.ingest(event("noisy", "create pods/attach", at: 100))
        #expect(b.names(attach) == ["noisy"])
    }

    @Test func theFeedFollowsTheFilter() {
        var a = ActivityAggregator()
        for s in 0..<100 {
            a.ingest(event(s % 2 == 0 ? "even" : "odd", s % 10 == 0 ? "delete pods" : "get pods", at: Int64(s)))
        }
        let deletes = a.snapshot(query: IdentityQuery(filter: filter("delete")), detailFor: nil, feedLimit: 3).feed
        #expect(deletes.map(\.time) == [70, 80, 90].map { t0.adding(seconds: $0) }, "the newest matches, oldest first")
        let odd = a.snapshot(query: IdentityQuery(filter: filter("odd")), detailFor: nil, feedLimit: 1_000).feed
        #expect(odd.count == 50 && odd.allSatisfy { $0.identity == "odd" })
        // New events are judged as they enter the feed, old ones leave with it.
        a.ingest(event("odd", "delete pods", at: 100))
        let again = a.snapshot(query: IdentityQuery(filter: filter("delete")), detailFor: nil, feedLimit: 3).feed
        #expect(again.map(\.time) == [80, 90, 100].map { t0.adding(seconds: $0) })
        for s in 101..<700 { a.ingest(event("even", "get pods", at: Int64(s))) }
        #expect(a.snapshot(query: IdentityQuery(filter: filter("delete")), detailFor: nil).feed.isEmpty,
                "the deletes rolled out of the kept feed")
        #expect(a.snapshot(query: IdentityQuery(), detailFor: nil, feedLimit: -5).feed.isEmpty, "a negative limit is no crash")
    }

    // MARK: Sort

    /// Four quiet identities at risk 0: `b` and `c` tie on everything but their names.
    private static func quartet() -> ActivityAggregator {
        var a = ActivityAggregator()
        for s in 0..<5 { a.ingest(event("d", "get pods", at: Int64(s))) }         // 5 events, long ago
        for s in 0..<3 { a.ingest(event("c", "get pods", at: 200 + Int64(s), .deny)) }
        for s in 0..<3 { a.ingest(event("b", "get pods", at: 200 + Int64(s), .deny)) }
        a.ingest(event("a", "get pods", at: 150))
        return a
    }

    @Test func eachSortKeyHasItsOrderAndTiesGoByName() {
        let a = Self.quartet()
        #expect(a.rows().allSatisfy { $0.risk == 0 })
        func order(_ key: IdentitySortKey, reversed: Bool = false) -> [String] {
            a.names(IdentityQuery(sort: IdentitySort(key: key, reversed: reversed)))
        }
        #expect(order(.risk) == ["d", "b", "c", "a"], "risk ties: busiest, then name")
        #expect(order(.rate) == ["b", "c", "a", "d"], "events in the last minute: b and c 3, a 1, d none")
        #expect(order(.denied) == ["b", "c", "d", "a"])
        #expect(order(.lastSeen) == ["b", "c", "a", "d"])
        #expect(order(.name) == ["a", "b", "c", "d"])
        for key in IdentitySortKey.allCases {
            #expect(order(key, reversed: true) == order(key).reversed(), "\(key.label) reversed")
        }
        #expect(a.snapshot(detailFor: nil).identities.map(\.identity) == order(.risk), "the old snapshot is the risk order")
    }

    @Test func riskComesFirstUnderTheDefaultSort() {
        var a = Self.quartet()
        a.ingest(flagged("z", at: 210))
        #expect(a.names(IdentityQuery()).first == "z")
        // a's one event has left the last minute: it ties with d at 0 and d is busier overall.
        #expect(a.names(IdentityQuery(sort: IdentitySort(key: .rate))) == ["b", "c", "z", "d", "a"])
    }

    // MARK: Search

    @Test func searchHitsAreTheShownRowsThatMatchInTableOrder() {
        var a = ActivityAggregator()
        a.ingest(event("payments-api", "get secrets", at: 0))
        a.ingest(event("payments-worker", "get pods", at: 1))
        a.ingest(event("billing", "get secrets", at: 2))
        a.ingest(event("web", "get pods", at: 3))
        let byName = IdentitySort(key: .name)
        let all = a.snapshot(query: IdentityQuery(search: filter("secrets"), sort: byName), detailFor: nil)
        #expect(all.identities.count == 4, "a search hides nothing")
        #expect(all.searchHits == ["billing", "payments-api"])
        let reversed = a.snapshot(query: IdentityQuery(search: filter("secrets"), sort: IdentitySort(key: .name, reversed: true)),
                                  detailFor: nil)
        #expect(reversed.searchHits == ["payments-api", "billing"])
        let filtered = a.snapshot(query: IdentityQuery(filter: filter("payments"), search: filter("secrets"), sort: byName),
                                  detailFor: nil)
        #expect(filtered.searchHits == ["payments-api"], "only rows the filter shows")
        #expect(a.snapshot(query: IdentityQuery(), detailFor: nil).searchHits == [])
    }

    // MARK: Sparkline

    @Test func rowsCarryTrailingPerMinuteCountsOnlyWhenAsked() {
        var a = ActivityAggregator()
        let minute: Int64 = 1_000 * 60  // aligned to a minute slot
        for s in 0..<3 { a.ingest(event("app", "get pods", at: minute - 120 + Int64(s))) }
        a.ingest(event("app", "get pods", at: minute + 5))
        a.ingest(event("app", "get pods", at: minute + 6))
        let row = a.snapshot(query: IdentityQuery(sparklineMinutes: 5), detailFor: nil).identities[0]
        #expect(row.perMinute == [0, 0, 3, 0, 2])
        #expect(a.snapshot(query: IdentityQuery(sparklineMinutes: 500), detailFor: nil).identities[0].perMinute.count == 60)
        #expect(a.snapshot(query: IdentityQuery(), detailFor: nil).identities[0].perMinute.isEmpty)
    }

    // MARK: Timeline

    @Test func aPinnedIdentityKeepsALongTimelineAndALowOneDoesNot() {
        var a = ActivityAggregator()
        let long = a.limits.timelinePerIdentity, short = a.limits.recentPerIdentity
        a.pin("watched")  // before it is seen: applies once it appears
        for s in 0..<(long + 100) {
            a.ingest(event("watched", "get pods", at: Int64(s)))
            a.ingest(event("quiet", "get pods", at: Int64(s)))
        }
        #expect(a.timeline("watched") == long)
        #expect(a.timeline("quiet") == short, "low risk, not pinned: the short timeline")
        let events = a.snapshot(query: IdentityQuery(timelineFor: "watched", timelineLimit: 50), detailFor: "watched")
            .detail?.recent ?? []
        #expect(events.count == 50 && events.last?.time == t0.adding(seconds: Int64(long + 99)), "newest last")
        #expect(a.snapshot(detailFor: "watched").detail?.recent.count == short, "the long timeline only for the view")
        #expect(a.snapshot(query: IdentityQuery(timelineFor: "watched"), detailFor: nil).detail?.row.identity == "watched")

        a.pin("quiet")
        #expect(a.timeline("watched") == short, "unpinned and low: back to the short timeline")
        for s in 0..<40 { a.ingest(event("quiet", "get pods", at: 1_000 + Int64(s))) }
        #expect(a.timeline("quiet") == short + 40)
        a.pin(nil)
        #expect(a.timeline("quiet") == short)
    }

    @Test func anIdentityAtModerateRiskKeepsALongTimelineUntilItDecays() throws {
        var a = ActivityAggregator()
        let long = a.limits.timelinePerIdentity, short = a.limits.recentPerIdentity
        a.ingest(flagged("risky", at: 0))
        for s in 1...(long + 50) { a.ingest(RuleScoringTests.event(Int64(s), identity: "risky", action: "s3:GetObject")) }
        #expect(try #require(a.rows().first).risk >= 40)
        #expect(a.timeline("risky") == long)
        // Days of event time later the rule has faded below moderate: the next event trims it.
        a.ingest(RuleScoringTests.event(7 * 86_400, identity: "risky", action: "s3:GetObject"))
        #expect(try #require(a.rows().first).risk < 40)
        #expect(a.timeline("risky") == short)
    }

    /// A flood of risky identities: only the budget's worth keep a long timeline, so memory
    /// stays bounded; when one falls back, its place is free for the next.
    @Test func onlyABudgetOfRiskyIdentitiesKeepsALongTimeline() throws {
        var limits = ActivityLimits()
        limits.longTimelineIdentities = 2
        var a = ActivityAggregator(limits: limits)
        let long = limits.timelinePerIdentity, short = limits.recentPerIdentity
        for name in ["first", "second", "third"] {
            a.ingest(flagged(name, at: 0))
            for s in 1...(long + 50) { a.ingest(RuleScoringTests.event(Int64(s), identity: name, action: "s3:GetObject")) }
        }
        #expect(a.rows().allSatisfy { $0.risk >= 40 })
        #expect(a.timeline("first") == long && a.timeline("second") == long)
        #expect(a.timeline("third") == short, "over the budget: the short timeline")
        // The view pins past the budget.
        a.pin("third")
        for s in 1...(long + 50) { a.ingest(RuleScoringTests.event(Int64(1_000 + s), identity: "third", action: "s3:GetObject")) }
        #expect(a.timeline("third") == long)
    }

    // MARK: Alerts

    @Test func theAlertHistoryKeepsEveryAlertWithItsAcknowledgement() {
        var a = ActivityAggregator()
        let n = 250
        for i in 0..<n { a.ingest(flagged("id-\(i)", at: Int64(i))) }
        #expect(a.alertTotal == n)
        a.acknowledge(identity: "id-7", Acknowledgement(at: RuleScoringTests.t0.adding(seconds: 7), by: "op", note: ""))
        a.acknowledge(identity: "id-9", Acknowledgement(at: RuleScoringTests.t0.adding(seconds: 8), by: "op", note: "too early"))
        a.acknowledge(identity: "later", Acknowledgement(at: RuleScoringTests.t0.adding(seconds: 900), by: "op", note: ""))
        a.ingest(flagged("later", at: 300))

        let all = a.snapshot(query: IdentityQuery(alertLimit: 100_000), detailFor: nil)
        #expect(all.alerts.count == n + 1 && all.alertTotal == n + 1)
        #expect(all.alerts.map(\.identity) == (0..<n).map { "id-\($0)" } + ["later"], "oldest first")
        #expect(Set(all.alerts.filter(\.acknowledged).map(\.identity)) == ["id-7", "later"],
                "acknowledged at or after the alert; a pending acknowledgement counts")
        let recent = a.snapshot(detailFor: nil)
        #expect(recent.alerts.count == 20 && recent.alerts.last?.identity == "later")
        #expect(recent.alertTotal == n + 1)
        #expect(a.snapshot(query: IdentityQuery(alertLimit: -1), detailFor: nil).alerts.isEmpty)
    }

    @Test func theAlertHistoryIsBounded() {
        var limits = ActivityLimits()
        limits.alertCapacity = 30
        var a = ActivityAggregator(limits: limits)
        for i in 0..<40 { a.ingest(flagged("id-\(i)", at: Int64(i))) }
        let s = a.snapshot(query: IdentityQuery(alertLimit: 1_000), detailFor: nil)
        #expect(s.alerts.count == 30 && s.alertTotal == 40)
        #expect(s.alerts.first?.identity == "id-10")
    }
}
