import Activity
import Dashboard
import Events

/// A hand-built, deterministic snapshot: a dozen identities of varied kinds, a few
/// risky ones with reasons, a feed mixing allow, deny and error.
enum Fixture {
    static let clock = EventTime(seconds: CivilTime(year: 2026, month: 11, day: 29, hour: 14, minute: 32, second: 40).epochSeconds)

    static func t(_ secondsAgo: Int64) -> EventTime { clock.adding(seconds: -secondsAgo) }

    static func row(_ id: String, _ kind: IdentityKind, _ format: SourceFormat, rate: Int, events: Int,
                    denied: Int = 0, errors: Int = 0, first: Int64, last: Int64, risk: Int,
                    reasons: [RiskReason] = []) -> IdentityRow {
        IdentityRow(identity: id, kind: kind, format: format, eventsLastMinute: rate, events: events,
                    denied: denied, errors: errors, firstSeen: t(first), lastSeen: t(last), risk: risk, reasons: reasons)
    }

    static let rows: [IdentityRow] = [
        row("ci-deploy-bot", .ciJob, .cloudtrail, rate: 42, events: 1834, denied: 14, errors: 2, first: 5400, last: 1, risk: 93,
            reasons: [RiskReason(signal: "denied", points: 40, text: "14 denied in 15 min"),
                      RiskReason(signal: "new_action", points: 30, text: "first iam:CreateAccessKey ever"),
                      RiskReason(signal: "secret_access", points: 23, text: "read 6 secrets outside its usual paths")]),
        row("arn:aws:iam::123456789012:role/data-pipeline-prod", .awsRole, .cloudtrail, rate: 12, events: 9211, denied: 3,
            first: 86000, last: 4, risk: 74,
            reasons: [RiskReason(signal: "new_ip", points: 45, text: "new source IP 203.0.113.77"),
                      RiskReason(signal: "denied", points: 29, text: "3 denied in 15 min")]),
        row("system:serviceaccount:payments:api-gateway", .k8sServiceAccount, .k8sAudit, rate: 88, events: 23412, denied: 1,
            first: 172800, last: 0, risk: 55,
            reasons: [RiskReason(signal: "exec", points: 55, text: "create pods/exec in payments")]),
        row("support-agent-gpt", .aiAgent, .nhitop, rate: 7, events: 311, denied: 2, first: 3600, last: 12, risk: 41,
            reasons: [RiskReason(signal: "breadth", points: 41, text: "touched 19 distinct resources")]),
        row("vault-token:hvs.CAES...7f2a", .vaultToken, .vault, rate: 3, events: 120, first: 7200, last: 95, risk: 22,
            reasons: [RiskReason(signal: "secret_access", points: 22, text: "read secret/data/prod/db")]),
        row("gh-actions:acme/api#deploy", .ciJob, .github, rate: 0, events: 44, errors: 3, first: 2000, last: 610, risk: 15),
        row("github-app/renovate", .githubApp, .github, rate: 1, events: 58, first: 9000, last: 300, risk: 12),
        row("AKIAIOSFODNN7EXAMPLE", .apiKey, .cloudtrail, rate: 0, events: 17, denied: 0, first: 4000, last: 1900, risk: 8),
        row("system:node:ip-10-0-3-17", .k8sNode, .k8sAudit, rate: 31, events: 40121, first: 200000, last: 2, risk: 3),
        row("billing-exporter", .service, .opa, rate: 5, events: 3302, first: 50000, last: 33, risk: 2),
        row("terraform-cloud", .workload, .cloudtrail, rate: 0, events: 912, first: 90000, last: 7300, risk: 1),
        row("system:kube-scheduler", .k8sControlPlane, .k8sAudit, rate: 60, events: 91234, first: 300000, last: 0, risk: 0),
    ]

    static func ev(_ ago: Int64, _ id: String, _ kind: IdentityKind, _ action: String, _ resource: String,
                   _ d: Decision, ip: String = "10.0.0.5", cred: String = "", format: SourceFormat = .cloudtrail) -> NormalizedEvent {
        NormalizedEvent(time: t(ago), identity: id, identityKind: kind, action: action, resource: resource, decision: d,
                        sourceIP: ip, credentialID: cred, format: format, origin: EventOrigin(source: "trail.json", line: 1))
    }

    static let feed: [NormalizedEvent] = [
        ev(40, "billing-exporter", .service, "data.billing.allow", "invoices/2026-11", .allow, format: .opa),
        ev(33, "billing-exporter", .service, "data.billing.allow", "invoices/2026-12", .allow, format: .opa),
        ev(30, "system:serviceaccount:payments:api-gateway", .k8sServiceAccount, "get secrets", "payments/stripe-key", .allow, format: .k8sAudit),
        ev(25, "ci-deploy-bot", .ciJob, "iam:ListUsers", "*", .allow),
        ev(22, "ci-deploy-bot", .ciJob, "iam:CreateUser", "arn:aws:iam::123456789012:user/backdoor", .deny),
        ev(20, "support-agent-gpt", .aiAgent, "tickets.read", "ticket/88213", .allow, format: .nhitop),
        ev(15, "ci-deploy-bot", .ciJob, "iam:CreateAccessKey", "arn:aws:iam::123456789012:user/admin", .deny),
        ev(12, "support-agent-gpt", .aiAgent, "refunds.create", "order/55120", .deny, format: .nhitop),
        ev(9, "system:node:ip-10-0-3-17", .k8sNode, "update nodes/status", "ip-10-0-3-17", .allow, format: .k8sAudit),
        ev(6, "gh-actions:acme/api#deploy", .ciJob, "contents.write", "acme/api", .error, format: .github),
        ev(4, "arn:aws:iam::123456789012:role/data-pipeline-prod", .awsRole, "s3:GetObject", "arn:aws:s3:::prod-exports/2026/11/29/customers.csv", .allow),
        ev(2, "system:node:ip-10-0-3-17", .k8sNode, "get configmaps", "kube-system/kube-proxy", .allow, format: .k8sAudit),
        ev(1, "ci-deploy-bot", .ciJob, "secretsmanager:GetSecretValue", "prod/db/password", .allow),
        ev(0, "system:kube-scheduler", .k8sControlPlane, "create bindings", "default/web-7d9f", .allow, format: .k8sAudit),
    ]

    static let detail = IdentityDetail(
        row: rows[0],
        perMinute: (0..<60).map { m in m < 40 ? (m % 7 == 0 ? 2 : 0) : (m - 38) * 3 },
        topActions: [ActionCount(action: "secretsmanager:GetSecretValue", count: 612),
                     ActionCount(action: "iam:ListUsers", count: 201),
                     ActionCount(action: "iam:CreateAccessKey", count: 9)],
        topResources: [ActionCount(action: "prod/db/password", count: 300)],
        credentials: ["AKIA2OGYBAH6EXAMPLEKEY"],
        sourceIPs: ["203.0.113.77", "10.0.0.5"],
        recent: Array(feed.filter { $0.identity == "ci-deploy-bot" }))

    static let snapshot = ActivitySnapshot(clock: clock, totalEvents: 170_584, eventsPerSecond: 41.7,
                                           identities: rows, feed: feed, detail: detail)

    static let sources: [SourceStatus] = [
        SourceStatus(name: "cloudtrail.json", format: .cloudtrail, events: 120_000, malformed: 2),
        SourceStatus(name: "k8s-audit.log", format: .k8sAudit, events: 50_000),
        SourceStatus(name: "vault-audit.log", format: .vault, events: 584),
    ]

    static func state(width: Int, height: Int) -> AppState {
        var s = AppState(width: width, height: height)
        s.selectedIdentity = rows[0].identity
        return s
    }
}
