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
        #expect(rows[1].eventsLast15Minutes == 300 && rows[1].eventsLastHour == 300)
        #expect(rows[0].distinctActions == 3 && rows[0].distinctResources == 5)
        let signals = Set(rows[0].reasons.map(\.signal))
        #expect(signals.isSuperset(of: ["secret_access", "human_use"]))
        #expect(rows[0].reasons.allSatisfy { !$0.text.isEmpty && $0.lastSeen > .zero && $0.count >= 1 })
    }

    @Test func readingItsOwnSecretsIsRoutine() {
        var a = ActivityAggregator()
        for s in stride(from: 0, to: 3_600, by: 10) {
            a.ingest(event("vault-app", "read secret/data/app", at: Int64(s), kind: .vaultToken, resource: "secret/data/app/\(s % 3)"))
        }
        #expect(a.rows()[0].risk == 0)
        a.ingest(event("vault-app", "read secret/data/payroll", at: 3_601, kind: .vaultToken, resource: "secret/data/payroll"))
        #expect(a.rows()[0].reasons.contains { $0.signal == "secret_access" && $0.text.contains("secret/data/payroll") })
    }

    @Test func riskDecaysOnEventTimeNotWallTime() {
        var a = ActivityAggregator()
        a.ingest(event("key", "sts:GetCallerIdentity", at: 0, kind: .awsUser))
        #expect(a.rows()[0].risk > 0)
        // Three days of event time later (another identity's event moves the clock), whoami has decayed away.
        a.ingest(event("other", "s3:GetObject", at: 3 * 86_400))
        #expect(a.rows().first { $0.identity == "key" }?.risk == 0)
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
        #expect((a.assessment(for: "noisy")?.contributions.count ?? 0) <= ContributionSet().capacity)
    }

    @Test func detailDefaultsToTheRiskiestIdentity() {
        var a = ActivityAggregator()
        a.ingest(event("calm", "get pods", at: 0))
        a.ingest(event("calm", "get pods", at: 1))
        a.ingest(event("loud", "iam:CreateAccessKey", at: 1, kind: .awsUser))
        #expect(a.snapshot(detailFor: nil).detail?.row.identity == "loud")
        #expect(a.snapshot(detailFor: "calm").detail?.row.identity == "calm")
        #expect(a.snapshot(detailFor: "gone").detail?.row.identity == "loud")
    }
}

@Suite struct AlertTests {
    /// An hour of routine for a key, then an incident-like run from a new network:
    /// whoami, enumeration with denies, minting a key.
    static func incident(_ a: inout ActivityAggregator, from start: Int64) {
        for s in stride(from: start - 3_600, to: start, by: 30) {
            a.ingest(event("leak", "s3:GetObject", at: s, kind: .awsUser, resource: "reports/r\(s % 4)", ip: "192.0.2.10", credential: "AKIA1"))
        }
        a.ingest(event("leak", "sts:GetCallerIdentity", at: start, kind: .awsUser, ip: "203.0.113.9", credential: "AKIA1"))
        let services = ["ec2", "iam", "s3", "rds", "lambda", "kms", "sns", "sqs"]
        for (i, svc) in services.enumerated() {
            a.ingest(event("leak", "\(svc):List\(i)", at: start + 1 + Int64(i), .deny, kind: .awsUser, ip: "203.0.113.9", credential: "AKIA1"))
        }
        a.ingest(event("leak", "iam:CreateAccessKey", at: start + 20, kind: .awsUser, resource: "user/other", ip: "203.0.113.9", credential: "AKIA1"))
    }

    @Test func crossingALevelRaisesOneAlertWithReasons() {
        var a = ActivityAggregator()
        Self.incident(&a, from: 0)
        let alerts = a.drainAlerts()
        #expect(!alerts.isEmpty)
        let last = alerts.last!
        #expect(last.identity == "leak")
        #expect(last.level >= .moderate)
        #expect(last.level > last.previous)
        #expect(last.reasons.contains { $0.signal == "credential_mint" })
        #expect(a.drainAlerts().isEmpty, "drained once")
        #expect(zip(alerts, alerts.dropFirst()).allSatisfy { $0.level < $1.level }, "each alert is a higher level")
        #expect(a.snapshot(detailFor: nil).alerts == alerts)
    }

    @Test func routineTrafficRaisesNoAlert() {
        var a = ActivityAggregator()
        for s in 0..<7_200 { a.ingest(event("steady", "get pods", at: Int64(s), resource: "ns/pods/p\(s % 5)")) }
        #expect(a.drainAlerts().isEmpty)
    }

    @Test func replayRaisesTheSameAlerts() {
        var a = ActivityAggregator(), b = ActivityAggregator()
        Self.incident(&a, from: 100)
        Self.incident(&b, from: 100)
        #expect(a.drainAlerts() == b.drainAlerts())
    }
}

@Suite struct RevocationTests {
    let revokedAt = t0.adding(seconds: 1_000)

    @Test func aDenyAfterTheRevokeProvesItTookEffect() {
        var a = ActivityAggregator()
        let r = Revocation(identity: "svc", credential: "AKIA1", revokedAt: revokedAt, graceSeconds: 60)
        a.recordRevocation(r)
        #expect(a.effect(of: r) == .unverified)
        a.ingest(event("svc", "s3:ListBuckets", at: 1_030, kind: .awsUser, credential: "AKIA1"))  // within grace
        #expect(a.effect(of: r) == .unverified)
        a.ingest(event("svc", "s3:ListBuckets", at: 1_100, .deny, kind: .awsUser, credential: "AKIA1"))
        #expect(a.effect(of: r) == .effective(t0.adding(seconds: 1_100)))
        #expect(a.rows()[0].reasons.allSatisfy { $0.signal != "used_after_revoke" })
    }

    @Test func anAllowAfterGraceIsPinnedUntilAcknowledged() {
        var a = ActivityAggregator()
        let r = Revocation(identity: "svc", credential: "AKIA1", revokedAt: revokedAt, graceSeconds: 60)
        a.recordRevocation(r)
        a.ingest(event("svc", "s3:GetObject", at: 1_200, kind: .awsUser, credential: "AKIA1"))
        a.ingest(event("svc", "s3:GetObject", at: 1_201, kind: .awsUser, credential: "OTHER"))  // another key: not covered
        #expect(a.effect(of: r) == .usedAfterRevoke(t0.adding(seconds: 1_200)))
        let reason = a.rows()[0].reasons.first { $0.signal == "used_after_revoke" }
        #expect(reason?.text == "s3:GetObject allowed 3 min after the credential AKIA1 was revoked at \(revokedAt.clock)")
        #expect(reason?.count == 1)
        // A month of event time later it is still there: markers do not decay.
        a.ingest(event("other", "x", at: 30 * 86_400))
        #expect(a.rows().first { $0.identity == "svc" }?.reasons.contains { $0.signal == "used_after_revoke" } == true)
        a.acknowledgeUseAfterRevoke(identity: "svc")
        #expect(a.rows().first { $0.identity == "svc" }?.reasons.contains { $0.signal == "used_after_revoke" } == false)
    }
}

@Suite struct SecretHarvestTests {
    @Test func aNewIdentityHarvestingSecretsScoresAtOnce() {
        var a = ActivityAggregator()
        for i in 0..<20 {
            a.ingest(event("leaked", "secretsmanager:GetSecretValue", at: Int64(i), kind: .awsUser, resource: "prod/secret-\(i)"))
        }
        let row = a.rows()[0]
        #expect(row.reasons.contains { $0.signal == "secret_access" && $0.text.hasPrefix("read 5 different secrets new to it in 15 min") })
        #expect(row.risk >= 20)
    }

    @Test func aFewSecretsDuringWarmUpAreLearnedNotScored() {
        var a = ActivityAggregator()
        for i in 0..<4 {
            a.ingest(event("app", "read secret/data/app", at: Int64(i), kind: .vaultToken, resource: "secret/data/app/\(i)"))
        }
        #expect(a.rows()[0].risk == 0)
    }
}

@Suite struct ActionCategoryTests {
    @Test func privilegeChangeNeedsAWriteVerb() {
        #expect(ActionCategory.classify(action: "create clusterrolebindings").contains(.privilegeChange))
        #expect(ActionCategory.classify(action: "patch roles").contains(.privilegeChange))
        #expect(ActionCategory.classify(action: "iam:AttachRolePolicy").contains(.privilegeChange))
        #expect(!ActionCategory.classify(action: "list clusterrolebindings").contains(.privilegeChange))
        #expect(!ActionCategory.classify(action: "get roles").contains(.privilegeChange))
        #expect(!ActionCategory.classify(action: "watch rolebindings").contains(.privilegeChange))
    }

    @Test func secretMetadataIsNotASecretRead() {
        #expect(ActionCategory.classify(action: "secretsmanager:GetSecretValue").contains(.secretAccess))
        #expect(!ActionCategory.classify(action: "secretsmanager:ListSecrets").contains(.secretAccess))
        #expect(!ActionCategory.classify(action: "secretsmanager:DescribeSecret").contains(.secretAccess))
    }
}
