import Testing
@testable import Activity
import Events

private let t0 = EventTime(seconds: 1_764_000_000)

private func use(_ a: inout ActivityAggregator, _ identity: String = "svc", at seconds: Int64,
                 action: String = "s3:GetObject", resource: String = "", ip: String = "10.0.0.1",
                 credential: String = "") {
    a.ingest(NormalizedEvent(time: t0.adding(seconds: seconds), identity: identity, identityKind: .awsUser,
                             action: action, resource: resource, decision: .allow, sourceIP: ip,
                             credentialID: credential, format: .cloudtrail, origin: EventOrigin(source: "test", line: 1)))
}

/// Evidence must keep updating once an identity has touched more values than nhitop keeps:
/// the newest key, address or resource is what an incident responder needs to see.
@Suite struct EvidenceSketchTests {
    @Test func aNewResourceUsedOftenReachesTheTopAfterSeventyOldOnes() throws {
        var a = ActivityAggregator()
        var t: Int64 = 0
        for i in 0..<70 {
            for _ in 0..<2 { use(&a, at: t, resource: "bucket/old-\(i)"); t += 1 }
        }
        for _ in 0..<5 { use(&a, at: t, resource: "bucket/exfil"); t += 1 }
        let d = try #require(a.detail(for: "svc"))
        #expect(d.topResources.first == ActionCount(action: "bucket/exfil", count: 5))
    }

    @Test func aCredentialFirstSeenNowIsListedAfterTwentyOldOnes() throws {
        var a = ActivityAggregator()
        for i in 0..<20 { use(&a, at: Int64(i), credential: "AKIAOLD\(i)") }
        use(&a, at: 30, credential: "AKIANEW")
        let d = try #require(a.detail(for: "svc"))
        #expect(d.credentials.count == a.limits.credentialsPerIdentity)
        // First: the dashboard shows only the first few.
        #expect(d.credentials.first == "AKIANEW")
    }

    @Test func anAddressFirstSeenNowIsListedAfterManyOldOnes() throws {
        var a = ActivityAggregator()
        for i in 0..<40 { use(&a, at: Int64(i), ip: "10.0.0.\(i)") }
        use(&a, at: 50, ip: "203.0.113.9")
        let d = try #require(a.detail(for: "svc"))
        #expect(d.sourceIPs.first == "203.0.113.9")
        #expect(d.sourceIPs.count == a.limits.credentialsPerIdentity)
    }

    /// The credential used all along stays listed however many one-off ones pass through.
    @Test func theMostFrequentCredentialSurvivesAFloodOfOneOffs() throws {
        var a = ActivityAggregator()
        for i in 0..<50 { use(&a, at: Int64(i), credential: "AKIAMAIN") }
        for i in 0..<200 { use(&a, at: Int64(100 + i), credential: "AKIAONCE\(i)") }
        let d = try #require(a.detail(for: "svc"))
        #expect(d.credentials.contains("AKIAMAIN"))
        #expect(d.credentials.first == "AKIAONCE199")
    }

    /// Order is part of the output (`report --json` must be byte-identical across runs), so it
    /// is specified, never left to hash order: counts by count then key, sets newest first.
    @Test func orderIsSpecifiedNotHashed() throws {
        var a = ActivityAggregator()
        let names = ["zeta", "alpha", "mid", "beta", "omega", "kappa", "delta", "gamma", "eta", "iota"]
        for (i, n) in names.enumerated() {
            use(&a, at: Int64(i), action: "act-\(n)", resource: "res-\(n)", ip: "10.0.1.\(i)", credential: "cred-\(n)")
        }
        use(&a, at: 20, action: "act-mid", resource: "res-mid", ip: "10.0.1.3", credential: "cred-beta")
        let d = try #require(a.detail(for: "svc"))
        #expect(d.topActions.map(\.action) == ["act-mid", "act-alpha", "act-beta", "act-delta", "act-eta",
                                               "act-gamma", "act-iota", "act-kappa"])
        #expect(d.topActions.map(\.count) == [2, 1, 1, 1, 1, 1, 1, 1])
        #expect(d.credentials == ["cred-beta", "cred-iota", "cred-eta", "cred-gamma", "cred-delta", "cred-kappa",
                                  "cred-omega", "cred-mid", "cred-alpha", "cred-zeta"])
        #expect(d.sourceIPs.first == "10.0.1.3")
    }

    /// Past the bound the order is still specified: the newcomer replaces the oldest of the
    /// least-seen keys and lists by what it surely did, ties by key.
    @Test func saturatedOrderIsSpecified() throws {
        var a = ActivityAggregator()
        let bound = a.limits.distinctPerIdentity
        for i in 0..<bound { use(&a, at: Int64(i), action: "a-\(1000 + i)") }
        use(&a, at: 100, action: "new-1")
        use(&a, at: 101, action: "new-2")
        let d = try #require(a.detail(for: "svc"))
        #expect(d.topActions.map(\.action) == ["new-1", "new-2", "a-1002", "a-1003", "a-1004", "a-1005", "a-1006", "a-1007"])
        #expect(d.topActions.allSatisfy { $0.count == 1 })
    }

    /// At the bound a count is exact; one past it, it reads "at least the bound" and says so.
    @Test func distinctCountsSayWhenTheyReachTheirBound() throws {
        var a = ActivityAggregator()
        let bound = a.limits.distinctPerIdentity, kept = a.limits.credentialsPerIdentity
        for i in 0..<bound { use(&a, at: Int64(i), action: "act-\(i)", resource: "res-\(i)") }
        for i in 0..<kept { use(&a, at: 100, action: "act-0", credential: "cred-\(i)") }
        var row = try #require(a.rows().first)
        #expect(row.distinctActions == bound && row.distinctResources == bound && row.distinctCredentials == kept)
        #expect(row.distinctSaturated.isEmpty)

        use(&a, at: 200, action: "act-0", resource: "res-new", credential: "cred-new")
        row = try #require(a.rows().first)
        #expect(row.distinctResources == bound && row.distinctCredentials == kept && row.distinctActions == bound)
        #expect(row.distinctSaturated == [.resources, .credentials])
        #expect(row.distinctSaturated.labels == ["credentials", "resources"])
        #expect(SaturatedEvidence([.sourceIPs, .actions, .resources, .credentials]).labels
                == ["actions", "credentials", "resources", "source_ips"])
    }

    /// The sketch's promises: a newcomer inherits the smallest count plus one and remembers
    /// it as its error; a key holding more than 1/capacity of the stream is never lost.
    @Test func spaceSavingKeepsItsBounds() throws {
        var h = HeavyHitters(capacity: 4)
        for (i, k) in ["a", "a", "a", "b", "b", "c", "d"].enumerated() { h.add(k, at: t0.adding(seconds: Int64(i))) }
        #expect(!h.saturated && h.distinct == 4)
        h.add("e", at: t0.adding(seconds: 10))   // replaces c (count 1, older than d)
        #expect(h.saturated && h.distinct == 4)
        #expect(h.estimate("c") == nil)
        let e = try #require(h.estimate("e"))
        #expect(e.count == 2 && e.error == 1)
        #expect(h.top(2) == [ActionCount(action: "a", count: 3), ActionCount(action: "b", count: 2)])
        #expect(h.newest(2) == ["e", "d"])

        var flood = HeavyHitters(capacity: 8)
        for i in 0..<10_000 {
            flood.add(i % 5 == 0 ? "heavy" : "noise-\(i)", at: t0.adding(seconds: Int64(i)))
        }
        let heavy = try #require(flood.estimate("heavy"))
        #expect(heavy.count - heavy.error <= 2_000 && heavy.count >= 2_000)
        #expect(flood.top(1).first?.action == "heavy")
        #expect(flood.newest(1) == ["noise-9999"])
    }
}
