import Activity
@testable import Dashboard
import Events
import Testing

/// A rule match as the operator reads it in the detail pane: the reason in words with its
/// tactic, which rule and whose (the Sigma licence asks for the author), and what its author
/// knows it also matches, so a benign match can be weighed before a revoke. Built through the
/// real aggregator, not hand-made rows.
@Suite struct DetailRuleTests {
    static let rule = RuleInfo(
        id: "5b39f9a9-0a1f-4c61-9a5d-0b0b2c8c2b11", title: "Privileged Container Deployed", source: .sigma,
        level: .high, tactic: "privilege-escalation", techniques: ["T1611"], author: "Jane Doe",
        falsePositives: ["Debugging by a cluster admin", "CNI daemonsets"], path: "rules/k8s/privileged.yml")

    static func snapshot() -> ActivitySnapshot {
        var agg = ActivityAggregator()
        var e = NormalizedEvent(time: Fixture.clock.adding(seconds: -30), identity: "system:serviceaccount:payments:api",
                                identityKind: .k8sServiceAccount, action: "create pods", resource: "payments/pods/debug",
                                decision: .allow, format: .k8sAudit, origin: EventOrigin(source: "audit.log", line: 7))
        e.ruleHits = [RuleHit(rule: rule, reason: "Privileged Container Deployed (Sigma rule by Jane Doe; privilege escalation)")]
        agg.ingest(e)
        return agg.snapshot(detailFor: "system:serviceaccount:payments:api")
    }

    static func render(width: Int, height: Int) -> String {
        let snap = snapshot()
        let state = update(Fixture.state(width: width, height: height), .tick, context: UpdateContext(snapshot: snap)).0
        return renderDashboard(snapshot: snap, sources: Fixture.sources, state: state, width: width, height: height,
                               options: RenderOptions()).textDump()
    }

    @Test func theDetailPaneNamesTheRuleItsAuthorAndItsFalsePositives() {
        let text = Self.render(width: 120, height: 40)
        #expect(text.contains("+75 Privileged Container Deployed (Sigma rule"), "\(text)")
        #expect(text.contains("by Jane Doe; privilege escalation)"), "\(text)")
        #expect(text.contains("sigma high by Jane Doe \u{00B7} 5b39f9a9"), "\(text)")
        #expect(text.contains("benign: Debugging by a cluster admin"), "\(text)")
        // One high match alone is high risk, shown as a number and a letter.
        #expect(text.contains(" 75 H "), "\(text)")
    }

    @Test(arguments: [(80, 24), (40, 10)])
    func smallScreensStillRender(_ width: Int, _ height: Int) {
        let text = Self.render(width: width, height: height)
        #expect(text.split(separator: "\n").count <= height)
    }
}
