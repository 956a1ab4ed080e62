import Events
import Testing
@testable import Activity

/// Rule hits (built-in catalogue, Sigma) as the aggregator scores them: a known technique
/// stands on its own, places itself in the attack chain by its tactic, and can be muted by
/// a suppression or an operator's acknowledgement.
@Suite struct RuleScoringTests {
    static let t0 = EventTime(seconds: 1_764_000_000)
    static let snapshotShare = RuleInfo(id: "aws.ec2.snapshot-shared", title: "EBS snapshot shared", source: .builtin,
                                        level: .high, tactic: "exfiltration", techniques: ["T1537"])
    static let leave = RuleInfo(id: "aws.organizations.leave", title: "Account left its organization", source: .builtin,
                                level: .medium, tactic: "defense-evasion")
    static let sigmaLow = RuleInfo(id: "6d2e6f06-0000-4000-8000-000000000001", title: "Lease updated", source: .sigma,
                                   level: .low, tactic: "discovery", author: "Someone",
                                   falsePositives: ["Controllers"], path: "x.yml")

    static func event(_ offset: Int64, identity: String = "arn:aws:iam::111122223333:role/app", action: String = "ec2:ModifySnapshotAttribute",
                      hits: [RuleInfo] = []) -> NormalizedEvent {
        var e = NormalizedEvent(time: t0.adding(seconds: offset), identity: identity, identityKind: .awsRole,
                                action: action, decision: .allow, format: .cloudtrail,
                                origin: EventOrigin(source: "t", line: offset))
        e.ruleHits = hits.map { RuleHit(rule: $0, reason: "\($0.title): detail (\($0.tacticWords))") }
        return e
    }

    static func row(_ agg: ActivityAggregator, _ identity: String = "arn:aws:iam::111122223333:role/app") -> IdentityRow {
        agg.rows().first { $0.identity == identity }!
    }

    @Test(arguments: [(RuleLevel.low, 20), (.medium, 40), (.high, 70), (.critical, 90)])
    func oneMatchAloneReachesItsLevel(_ level: RuleLevel, _ least: Int) {
        var agg = ActivityAggregator()
        let rule = RuleInfo(id: "r", title: "T", source: .builtin, level: level, tactic: "impact")
        agg.ingest(Self.event(0, hits: [rule]))
        // A minute later, with routine events after it, the level still holds.
        agg.ingest(Self.event(60, action: "s3:GetObject"))
        let r = Self.row(agg)
        #expect(r.risk >= least, "\(level.label) scored \(r.risk)")
        #expect(r.risk < least + 20 || level == .critical)
        let reason = r.reasons.first { $0.signal == "rule" }
        #expect(reason?.rule === rule)
        #expect(reason?.text.contains("impact") == true)
    }

    @Test func theFloorFadesWithTheRuleHalfLife() {
        var agg = ActivityAggregator()
        agg.ingest(Self.event(0, hits: [Self.snapshotShare]))
        agg.ingest(Self.event(5 * 24 * 3600, action: "s3:GetObject"))  // five days later: ~2.5 half-lives
        let r = Self.row(agg)
        #expect(r.risk < 20, "\(r.risk)")
        #expect(r.risk > 0)
    }

    @Test func aRuleTakesItsTacticsPlaceInTheAttackChain() {
        let persistence = RuleInfo(id: "p", title: "P", source: .builtin, level: .informational, tactic: "persistence")
        let recon = RuleInfo(id: "d", title: "D", source: .builtin, level: .informational, tactic: "discovery")
        let access = RuleInfo(id: "c", title: "C", source: .builtin, level: .informational, tactic: "credential-access")
        #expect(persistence.stage == .persistence)
        #expect(recon.stage == .recon)
        #expect(access.stage == .access)
        #expect(Self.snapshotShare.stage == .misuse)
        var agg = ActivityAggregator()
        agg.ingest(Self.event(0, hits: [recon]))
        agg.ingest(Self.event(10, hits: [access]))
        agg.ingest(Self.event(20, hits: [persistence]))
        let r = Self.row(agg)
        // Three informational rules (10 points each) alone are low; three stages together are the chain floor.
        #expect(r.risk >= 70, "\(r.risk)")
        #expect(r.reasons.first?.signal == "attack_chain")
    }

    @Test func repeatsOfOneRuleAreOneReasonWithACount() {
        var agg = ActivityAggregator()
        for i in 0..<5 { agg.ingest(Self.event(Int64(i), hits: [Self.snapshotShare])) }
        let reasons = Self.row(agg).reasons.filter { $0.signal == "rule" }
        #expect(reasons.count == 1)
        #expect(reasons.first?.count == 5)
    }

    @Test func aSuppressionMutesARuleForMatchingIdentitiesOnly() {
        var config = RiskConfig()
        config.suppressions = [Suppression(target: .rule(Self.sigmaLow.id), identity: "system:serviceaccount:kube-system:*")]
        var agg = ActivityAggregator(config: config)
        let controller = "system:serviceaccount:kube-system:leader-elector"
        let other = "system:serviceaccount:payments:api"
        agg.ingest(Self.event(0, identity: controller, hits: [Self.sigmaLow]))
        agg.ingest(Self.event(1, identity: other, hits: [Self.sigmaLow]))
        #expect(Self.row(agg, controller).risk == 0)
        #expect(Self.row(agg, other).risk >= 20)
    }

    @Test func aSuppressionEndsAtItsDate() {
        var config = RiskConfig()
        config.suppressions = [Suppression(target: .rule(Self.leave.id), until: Self.t0.adding(seconds: 100))]
        var agg = ActivityAggregator(config: config)
        agg.ingest(Self.event(0, hits: [Self.leave]))
        #expect(Self.row(agg).risk == 0)
        agg.ingest(Self.event(200, hits: [Self.leave]))
        #expect(Self.row(agg).risk >= 40)
    }

    @Test func aSuppressionCanMuteASignal() {
        var config = RiskConfig()
        config.suppressions = [Suppression(target: .signal(.whoami), identity: "arn:aws:iam::111122223333:role/app")]
        var agg = ActivityAggregator(config: config)
        agg.ingest(Self.event(0, action: "sts:GetCallerIdentity"))
        #expect(Self.row(agg).reasons.isEmpty)
        var plain = ActivityAggregator()
        plain.ingest(Self.event(0, action: "sts:GetCallerIdentity"))
        #expect(Self.row(plain).reasons.contains { $0.signal == "whoami" })
    }

    @Test func anAcknowledgementMutesTheRulesThatHadMatched() {
        var agg = ActivityAggregator()
        agg.ingest(Self.event(0, hits: [Self.leave]))
        #expect(Self.row(agg).risk >= 40)
        agg.acknowledge(identity: "arn:aws:iam::111122223333:role/app",
                        Acknowledgement(at: Self.t0.adding(seconds: 10), by: "alice", note: "planned migration"))
        agg.ingest(Self.event(20, hits: [Self.leave]))
        #expect(Self.row(agg).risk < 20, "acknowledged rule fired again: \(Self.row(agg).risk)")
        // A different technique still counts.
        agg.ingest(Self.event(30, hits: [Self.snapshotShare]))
        #expect(Self.row(agg).risk >= 70)
    }

    @Test func anAcknowledgedRuleCountsAgainAfterTheQuietPeriod() {
        var agg = ActivityAggregator()
        agg.ingest(Self.event(0, hits: [Self.leave]))
        agg.acknowledge(identity: "arn:aws:iam::111122223333:role/app",
                        Acknowledgement(at: Self.t0.adding(seconds: 10), by: "alice", note: "seen", quietSeconds: 600))
        agg.ingest(Self.event(300, hits: [Self.leave]))
        #expect(Self.row(agg).risk < 20)
        // Months later the same technique by the same identity is news again.
        agg.ingest(Self.event(90 * 24 * 3600, hits: [Self.leave]))
        #expect(Self.row(agg).risk >= 40, "\(Self.row(agg).risk)")
    }

    @Test func aMediumRuleRaisesAnAlert() {
        var agg = ActivityAggregator()
        agg.ingest(Self.event(0, hits: [Self.leave]))
        let alerts = agg.drainAlerts()
        #expect(alerts.count == 1)
        #expect(alerts.first?.level == .moderate)
        #expect(alerts.first?.reasons.contains { $0.rule?.id == Self.leave.id } == true)
    }
}
