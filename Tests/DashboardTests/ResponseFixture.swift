import Activity
import Dashboard
import Events
import Response

/// Five minutes of events run through the real aggregator, with revocations recorded as the
/// ledger would feed them: `svc-reporting` still works after its revoke (STILL ACTIVE),
/// `billing-assistant` was revoked 20 s ago (pending), the GitLab runner's revoke was proven
/// by a deny (effective), and the partner API key's alert was acknowledged.
enum ResponseFixture {
    static let start = EventTime(seconds: CivilTime(year: 2026, month: 11, day: 29, hour: 15, minute: 0, second: 0).epochSeconds)
    static func t(_ s: Int64) -> EventTime { start.adding(seconds: s) }

    static let reporting = "arn:aws:iam::123456789012:user/svc-reporting"
    static let reportingKey = "AKIA2OGYBAH6EXAMPLEKEY"
    static let agent = "agent:billing-assistant"
    static let runner = "system:serviceaccount:ci:gitlab-runner"
    static let vault = "approle-ci-runner"
    static let partner = "apikey:partner-logistics"
    static let prometheus = "system:serviceaccount:monitoring:prometheus"

    static func ev(_ at: Int64, _ id: String, _ kind: IdentityKind, _ action: String, _ resource: String,
                   _ d: Decision, cred: String = "", ip: String = "10.0.4.17",
                   format: SourceFormat = .cloudtrail) -> NormalizedEvent {
        NormalizedEvent(time: t(at), identity: id, identityKind: kind, action: action, resource: resource,
                        decision: d, sourceIP: ip, credentialID: cred, format: format,
                        origin: EventOrigin(source: "fixture.jsonl", line: at))
    }

    static var events: [NormalizedEvent] {
        var out: [NormalizedEvent] = []
        // A leaked key enumerating, getting denied, reaching for secrets; still used after its revoke at +60.
        for (i, action) in ["sts:GetCallerIdentity", "iam:ListUsers", "iam:ListRoles", "iam:GetUser",
                            "iam:ListAttachedUserPolicies", "iam:CreateAccessKey", "iam:AttachUserPolicy"].enumerated() {
            let denied = action.hasPrefix("iam:Create") || action.hasPrefix("iam:Attach") || action == "iam:GetUser"
            out.append(ev(Int64(i) * 4, reporting, .awsUser, action, "*", denied ? .deny : .allow,
                          cred: reportingKey, ip: "203.0.113.77"))
        }
        for i in 0..<6 {
            out.append(ev(30 + Int64(i) * 3, reporting, .awsUser, "secretsmanager:GetSecretValue",
                          "prod/db/password-\(i)", .allow, cred: reportingKey, ip: "203.0.113.77"))
        }
        out.append(ev(150, reporting, .awsUser, "s3:GetObject", "arn:aws:s3:::prod-exports/customers.csv", .allow,
                      cred: reportingKey, ip: "203.0.113.77"))
        out.append(ev(290, reporting, .awsUser, "secretsmanager:ListSecrets", "*", .allow,
                      cred: reportingKey, ip: "203.0.113.77"))
        // An agent calling tools through OPA; revoked at +280, so still in its grace period at the end.
        for i in 0..<12 {
            let refund = i % 4 == 3
            out.append(ev(20 + Int64(i) * 20, agent, .aiAgent, refund ? "tool:refunds.create" : "tool:invoices.read",
                          refund ? "order/\(55_100 + i)" : "invoice/\(9000 + i)", refund ? .deny : .allow,
                          ip: "10.0.9.3", format: .opa))
        }
        // A CI service account revoked at +100: a deny at +170 proves it.
        for i in 0..<5 {
            out.append(ev(10 + Int64(i) * 15, runner, .k8sServiceAccount, "create pods", "ci/runner-\(i)", .allow,
                          ip: "10.0.2.8", format: .k8sAudit))
        }
        out.append(ev(170, runner, .k8sServiceAccount, "create pods", "ci/runner-9", .deny, ip: "10.0.2.8", format: .k8sAudit))
        // Background.
        for i in 0..<10 {
            out.append(ev(5 + Int64(i) * 29, vault, .vaultToken, "read secret/data/ci/npm-token", "secret/data/ci/npm-token",
                          .allow, cred: "accessor:8a1c", ip: "10.0.3.3", format: .vault))
        }
        for i in 0..<4 {
            out.append(ev(40 + Int64(i) * 30, partner, .apiKey, "POST /v1/shipments", "shipments", i == 2 ? .deny : .allow,
                          cred: "pk_live_4f2a", ip: "198.51.100.23", format: .nhitop))
        }
        for i in 0..<16 {
            out.append(ev(Int64(i) * 20, prometheus, .k8sServiceAccount, "watch pods", "pods", .allow,
                          ip: "10.0.1.5", format: .k8sAudit))
        }
        out.append(ev(300, prometheus, .k8sServiceAccount, "get nodes/proxy", "nodes/ip-10-0-12-41", .allow,
                      ip: "10.0.1.5", format: .k8sAudit))
        return out.sorted { $0.time < $1.time }
    }

    static let revocations: [Revocation] = [
        Revocation(identity: reporting, revokedAt: t(60), graceSeconds: 60, actionID: "a-1", by: "alice",
                   reason: "leaked key: enumeration and secret reads from 203.0.113.77", hook: "manual", reversible: true),
        Revocation(identity: runner, revokedAt: t(100), graceSeconds: 60, actionID: "a-2", by: "bob",
                   reason: "runner token exposed in a public job log", hook: "k8s-delete-token"),
        Revocation(identity: agent, revokedAt: t(280), graceSeconds: 60, actionID: "a-3", by: "alice",
                   reason: "agent issuing refunds it never issued before", hook: "denylist", reversible: true),
    ]

    /// The aggregator after all events, revocations recorded up front as the ledger would at start.
    static var aggregator: ActivityAggregator {
        var agg = ActivityAggregator()
        for r in revocations { agg.recordRevocation(r) }
        agg.acknowledge(identity: partner, Acknowledgement(at: t(200), by: "carol", note: "partner rotated the key, ticket SOC-4411"))
        for e in events { agg.ingest(e) }
        return agg
    }

    static func snapshot(selecting identity: String = reporting) -> ActivitySnapshot {
        aggregator.snapshot(detailFor: identity)
    }

    /// What the loop will pass to the planner: built from the snapshot, as the dashboard shows it.
    static func target(_ snap: ActivitySnapshot, identity: String = reporting) -> RevokeTarget {
        let row = snap.identities.first { $0.identity == identity }!
        let detail = snap.detail?.row.identity == identity ? snap.detail : nil
        return RevokeTarget(
            identity: identity, kind: row.kind, credentials: detail?.credentials ?? [],
            reasons: row.reasons.map(\.text),
            recentEvents: (detail?.recent ?? []).suffix(4).reversed().map {
                "\($0.time.clock) \(decisionWord($0.decision)) \($0.action) \($0.resource)"
            })
    }

    static func decisionWord(_ d: Decision) -> String {
        switch d {
        case .allow: "ALLOW"
        case .deny: "DENY"
        case .error: "ERR"
        case .unknown: "?"
        }
    }

    static let config = ResponseConfig(hooks: [
        Hook(name: "aws-deactivate-key", description: "deactivate the access key", scopes: [.awsUser],
             run: HookTemplate(command: "aws", args: ["iam", "update-access-key", "--access-key-id", "$CREDENTIAL_ID",
                                                      "--status", "Inactive", "--user-name", "$IDENTITY_NAME"]),
             timeoutSeconds: 30,
             undo: HookTemplate(command: "aws", args: ["iam", "update-access-key", "--access-key-id", "$CREDENTIAL_ID",
                                                       "--status", "Active", "--user-name", "$IDENTITY_NAME"]),
             survivors: ["STS sessions already issued stay valid until they expire"]),
        Hook(name: "aws-delete-key", description: "delete the access key for good", scopes: [.awsUser],
             run: HookTemplate(command: "aws", args: ["iam", "delete-access-key", "--access-key-id", "$CREDENTIAL_ID"]),
             dangerous: true, timeoutSeconds: 30,
             survivors: ["STS sessions already issued stay valid until they expire"]),
        Hook(name: "soc-notify", description: "page the SOC channel",
             run: HookTemplate(command: "/usr/local/bin/soc-notify",
                               args: ["--title", "nhitop revoke: $IDENTITY_NAME", "--why", "$REASON"]),
             timeoutSeconds: 5),
    ])

    /// The ledger row of the earlier revoke of `svc-reporting` (the plan warns about it).
    static let previous = LedgerEntry(
        id: 7, actionID: "a-1", time: t(60), action: .revoke, operatorInfo: OperatorInfo(user: "alice"),
        identity: reporting, identityKind: "aws_user", credential: reportingKey,
        reason: "leaked key: enumeration and secret reads from 203.0.113.77", hook: "manual", outcome: .manual,
        reversible: true)

    static func plan(_ snap: ActivitySnapshot) -> RevokePlan {
        RevokePlanner.plan(target: target(snap), config: config, previous: previous)
    }

    static let undoPlan = UndoPlan(
        revoke: previous, hook: nil, shownArgv: [], problem: nil)
}
