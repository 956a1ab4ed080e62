import Testing
@testable import Activity
import Events

private let t0 = EventTime(seconds: 1_764_000_000)

private func event(_ identity: String, _ action: String, at seconds: Int64, _ decision: Decision = .allow,
                   kind: IdentityKind = .k8sServiceAccount, resource: String = "", ip: String = "10.0.0.1",
                   credential: String = "") -> NormalizedEvent {
    NormalizedEvent(time: t0.adding(seconds: seconds), identity: identity, identityKind: kind, action: action,
                    resource: resource, decision: decision, sourceIP: ip, credentialID: credential,
                    format: .k8sAudit, origin: EventOrigin(source: "test", line: 1))
}

@Suite struct SlidingCounterTests {
    @Test func sumsOnlyTheWindow() {
        var c = SlidingCounter(slots: 60, slotSeconds: 1)
        for s in 0..<120 { c.add(t0.adding(seconds: Int64(s))) }
        #expect(c.sum(last: 60, endingAt: t0.adding(seconds: 119)) == 60)
        #expect(c.sum(last: 10, endingAt: t0.adding(seconds: 119)) == 10)
        // A minute of silence empties the window without any new event.
        #expect(c.sum(last: 60, endingAt: t0.adding(seconds: 200)) == 0)
    }

    @Test func dropsEventsOlderThanTheWindowAndKeepsLateOnesInside() {
        var c = SlidingCounter(slots: 10, slotSeconds: 1)
        c.add(t0.adding(seconds: 100))
        c.add(t0.adding(seconds: 50))   // far too old: ignored
        c.add(t0.adding(seconds: 95))   // late but inside the window
        #expect(c.sum(last: 10, endingAt: t0.adding(seconds: 100)) == 2)
    }

    @Test func seriesIsOldestFirst() {
        var c = SlidingCounter(slots: 5, slotSeconds: 60)
        c.add(t0, 3)
        c.add(t0.adding(seconds: 240), 1)
        #expect(c.series(endingAt: t0.adding(seconds: 240)) == [3, 0, 0, 0, 1])
        #expect(c.series(endingAt: t0.adding(seconds: 300)) == [0, 0, 0, 1, 0])
    }
}

@Suite struct ActivityAggregatorTests {
    @Test func countsPerIdentityAndRanksByRiskThenVolume() {
        var a = ActivityAggregator()
        for s in 0..<300 { a.ingest(event("busy", "get pods", at: Int64(s))) }
        a.ingest(event("quiet", "get pods", at: 0))
        for s in 0..<5 { a.ingest(event("quiet", "get secrets", at: 400 + Int64(s), .deny, resource: "ns/secrets/s\(s)")) }
        a.ingest(event("quiet", "create pods/exec", at: 405))
        let rows = a.rows()
        #expect(rows.map(\.identity) == ["quiet", "busy"])
        #expect(rows[0].denied == 5 && rows[0].events == 7)
        #expect(rows[1].eventsLastMinute == 0, "busy has been silent for two minutes")
        #expect(rows[1].risk == 0, "volume alone is not risk")
        let texts = rows[0].reasons.map(\.text)
        #expect(texts.contains("5 denied in the last 15 min"))
        #expect(texts.contains("interactive use (exec/console) once in 15 min"))
        #expect(texts.contains("read 5 different secrets for the first time in 15 min"))
    }

    @Test func readingItsOwnSecretsIsRoutine() {
        var a = ActivityAggregator()
        // Learns its secrets during the warm-up, then reads them all day.
        for s in stride(from: 0, to: 3_600, by: 10) {
            a.ingest(event("vault-app", "read secret/data/app", at: Int64(s), kind: .vaultToken, resource: "secret/data/app/\(s % 3)"))
        }
        #expect(a.rows()[0].risk == 0)
        a.ingest(event("vault-app", "read secret/data/payroll", at: 3_601, kind: .vaultToken, resource: "secret/data/payroll"))
        #expect(a.rows()[0].reasons.map(\.text) == ["read secrets new to it once in 15 min"])
    }

    @Test func riskFadesOnEventTimeNotWallTime() {
        var a = ActivityAggregator()
        for s in 0..<10 { a.ingest(event("key", "iam:CreateAccessKey", at: Int64(s), kind: .awsUser)) }
        #expect(a.rows()[0].risk > 0)
        a.ingest(event("other", "s3:GetObject", at: 16 * 60 + 10))
        #expect(a.rows().first { $0.identity == "key" }?.risk == 0)
    }

    @Test func replayGivesTheSameSnapshot() {
        var events: [NormalizedEvent] = []
        for i in 0..<500 {
            let action = i % 7 == 0 ? "get secrets" : "list pods"
            let decision: Decision = i % 11 == 0 ? .deny : .allow
            events.append(event("id-\(i % 23)", action, at: Int64(i / 3), decision))
        }
        var a = ActivityAggregator(), b = ActivityAggregator()
        events.forEach { a.ingest($0) }
        events.forEach { b.ingest($0) }
        #expect(a.snapshot(detailFor: "id-3") == b.snapshot(detailFor: "id-3"))
    }

    @Test func memoryPerIdentityIsBounded() {
        var a = ActivityAggregator()
        for i in 0..<5_000 {
            a.ingest(event("noisy", "action-\(i)", at: Int64(i), resource: "res-\(i)", ip: "10.0.\(i % 250).\(i % 7)",
                           credential: "cred-\(i)"))
        }
        let d = try! #require(a.detail(for: "noisy"))
        #expect(d.recent.count == a.limits.recentPerIdentity)
        #expect(d.credentials.count == a.limits.credentialsPerIdentity)
        #expect(d.sourceIPs.count == a.limits.credentialsPerIdentity)
        #expect(d.topActions.count == 8)
        #expect(d.perMinute.count == 60)
        #expect(a.snapshot(detailFor: nil, feedLimit: 10_000).feed.count == a.limits.feedCapacity)
    }

    @Test func detailDefaultsToTheRiskiestIdentity() {
        var a = ActivityAggregator()
        a.ingest(event("calm", "get pods", at: 0))
        a.ingest(event("loud", "get secrets", at: 1, .deny))
        #expect(a.snapshot(detailFor: nil).detail?.row.identity == "loud")
        #expect(a.snapshot(detailFor: "calm").detail?.row.identity == "calm")
        #expect(a.snapshot(detailFor: "gone").detail?.row.identity == "loud")
    }
}

@Suite struct SecretHarvestTests {
    @Test func aNewIdentityHarvestingSecretsScoresAtOnce() {
        var a = ActivityAggregator()
        for i in 0..<20 {
            a.ingest(event("leaked", "secretsmanager:GetSecretValue", at: Int64(i), kind: .awsUser, resource: "prod/secret-\(i)"))
        }
        let row = a.rows()[0]
        #expect(row.reasons.map(\.text) == ["read 20 different secrets for the first time in 15 min"])
        #expect(row.risk == 35)
    }

    @Test func aFewSecretsDuringWarmUpAreLearnedNotScored() {
        var a = ActivityAggregator()
        for i in 0..<4 {
            a.ingest(event("app", "read secret/data/app", at: Int64(i), kind: .vaultToken, resource: "secret/data/app/\(i)"))
        }
        #expect(a.rows()[0].risk == 0)
    }
}
