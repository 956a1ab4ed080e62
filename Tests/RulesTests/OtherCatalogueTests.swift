import Events
import Foundation
import Testing
@testable import Ingest
@testable import Rules

/// Vault, GitHub and agent entries against records shaped like the real formats (Vault's file
/// audit device, GitHub's audit-log stream, OPA's console decision log, nhitop's agent events),
/// and the demo's background traffic, which must not fire them.
@Suite("Vault, GitHub and agent catalogue")
struct OtherCatalogueTests {
    // MARK: Vault

    /// A Vault file-device response line. `auth` is the caller's (nil: an unauthenticated call),
    /// `data` the request body as logged (strings HMAC'd unless the mount says otherwise).
    static func vault(_ operation: String, _ path: String, auth: String? = #"{"accessor":"hmac-sha256:ab12","display_name":"approle-deployer","policies":["default","deployer"],"token_policies":["default","deployer"],"token_type":"service"}"#,
                      data: String? = nil, response: String? = nil, error: String? = nil) -> String {
        var line = #"{"time":"2026-03-01T10:00:00.123456789Z","type":"response""#
        if let auth { line += #","auth":\#(auth)"# }
        line += #","request":{"id":"\#(UUID().uuidString)","operation":"\#(operation)","mount_type":"system","path":"\#(path)","remote_address":"10.1.2.3""#
        if let data { line += #","data":\#(data)"# }
        line += "}"
        if let response { line += #","response":\#(response)"# }
        if let error { line += #","error":"\#(error)""# }
        return line + "}\n"
    }

    @Test func rootTokensAndAuditDevices() {
        #expect(CatalogueFixture.ids(Self.vault("update", "sys/generate-root/attempt", auth: nil)).contains("vault.root.generation"))
        #expect(CatalogueFixture.ids(Self.vault("read", "sys/generate-root/attempt", auth: nil)).isEmpty)
        let rootAuth = #"{"accessor":"hmac-sha256:cd34","display_name":"root","policies":["root"],"token_policies":["root"]}"#
        #expect(CatalogueFixture.ids(Self.vault("read", "secret/data/payments/db", auth: rootAuth)).contains("vault.root.token-used"))
        let issued = CatalogueFixture.ids(Self.vault("update", "auth/token/create", auth: rootAuth,
            data: #"{"policies":["hmac-sha256:99"]}"#,
            response: #"{"auth":{"client_token":"hmac-sha256:ee","accessor":"hmac-sha256:ff","display_name":"token","policies":["root"],"token_policies":["root"]}}"#))
        #expect(issued.contains("vault.root.token-issued"), "\(issued)")

        let disabled = CatalogueFixture.ids(Self.vault("delete", "sys/audit/file"))
        #expect(disabled == ["vault.audit.device-disabled"], "\(disabled)")
        let refused = CatalogueFixture.ids(Self.vault("delete", "sys/audit/file", error: #"1 error occurred:\n\t* permission denied\n\n"#))
        #expect(refused.isEmpty, "a refused disable changes nothing: \(refused)")
    }

    @Test func authMethodsPoliciesAndTokens() {
        #expect(CatalogueFixture.ids(Self.vault("delete", "sys/auth/kubernetes")).contains("vault.auth.method-disabled"))
        #expect(CatalogueFixture.ids(Self.vault("update", "sys/auth/userpass", data: #"{"type":"userpass"}"#))
            .contains("vault.auth.method-enabled"))
        #expect(CatalogueFixture.ids(Self.vault("update", "sys/auth/kubernetes/tune")).isEmpty)

        let sudo = CatalogueFixture.ids(Self.vault("update", "sys/policies/acl/ops",
            data: #"{"policy":"path \"sys/*\" { capabilities = [\"create\", \"update\", \"sudo\"] }"}"#))
        #expect(sudo == ["vault.policy.sudo-granted"], "\(sudo)")
        let hashed = CatalogueFixture.ids(Self.vault("update", "sys/policies/acl/ops", data: #"{"policy":"hmac-sha256:5a5a"}"#))
        #expect(hashed == ["vault.policy.written"], "\(hashed)")

        #expect(CatalogueFixture.ids(Self.vault("update", "auth/token/create-orphan")).contains("vault.token.orphan-created"))
        #expect(CatalogueFixture.ids(Self.vault("update", "auth/token/create", data: #"{"no_parent":true,"policies":["hmac-sha256:1"]}"#))
            .contains("vault.token.orphan-created"))
        let child = CatalogueFixture.ids(Self.vault("update", "auth/token/create"))
        #expect(child == ["vault.token.child-inherits-all"], "\(child)")
        let hit = CatalogueFixture.events(Self.vault("update", "auth/token/create")).flatMap(\.ruleHits).first
        #expect(hit?.rule.level == .low)
    }

    @Test func dataDestructionAndKeyExport() {
        #expect(CatalogueFixture.ids(Self.vault("delete", "sys/mounts/secret")).contains("vault.secrets-engine.disabled"))
        #expect(CatalogueFixture.ids(Self.vault("update", "transit/keys/payments/config", data: #"{"exportable":true}"#))
            .contains("vault.transit.key-exported"))
        #expect(CatalogueFixture.ids(Self.vault("read", "transit/export/encryption-key/payments")).contains("vault.transit.key-exported"))
        #expect(CatalogueFixture.ids(Self.vault("read", "sys/storage/raft/snapshot")).contains("vault.storage.snapshot-taken"))
        // Everyday use: reading a secret, renewing leases, issuing a certificate.
        for (op, path) in [("read", "secret/data/payments/db"), ("update", "sys/leases/renew"), ("update", "pki/issue/internal"),
                           ("update", "transit/encrypt/payments")] {
            let ids = CatalogueFixture.ids(Self.vault(op, path))
            #expect(ids.isEmpty, "\(op) \(path): \(ids)")
        }
    }

    // MARK: GitHub

    /// A GitHub audit-log stream event; `extra` adds fields.
    static func github(_ action: String, actor: String = "octo-admin", extra: String = "") -> String {
        #"{"@timestamp":1772359200000,"_document_id":"\#(UUID().uuidString)","action":"\#(action)","actor":"\#(actor)","actor_id":42,"org":"acme","created_at":1772359200000\#(extra.isEmpty ? "" : "," + extra)}"# + "\n"
    }

    @Test func githubSettingsAndAccess() {
        let cases: [(String, String, String)] = [
            ("repository_secret_scanning_push_protection.disable", #""repo":"acme/web""#, "github.push-protection.disabled"),
            ("repository_secret_scanning.disable", #""repo":"acme/web""#, "github.secret-scanning.disabled"),
            ("public_key.create", #""repo":"acme/infra""#, "github.deploy-key.added"),
            ("org.register_self_hosted_runner", #""runner_name":"build-7""#, "github.runner.registered"),
            ("repo.access", #""repo":"acme/vault-config","visibility":"public""#, "github.repo.made-public"),
            ("org.update_member", #""user":"mallory","permission":"admin""#, "github.org.owner-added"),
            ("business.add_admin", #""business":"acme","user":"mallory""#, "github.org.owner-added"),
            ("protected_branch.destroy", #""repo":"acme/web","branch":"main""#, "github.branch-protection.removed"),
            ("personal_access_token.access_granted", #""user":"ci-bot""#, "github.token.pat-granted"),
            ("integration_installation.create", #""name":"sketchy-app""#, "github.app.installed"),
            ("audit_log_streaming.destroy", #""business":"acme""#, "github.audit-stream.disabled"),
            ("audit_log_streaming.update", #""business":"acme","audit_log_stream_enabled":false"#, "github.audit-stream.disabled"),
            ("org.disable_two_factor_requirement", "", "github.auth-controls.disabled"),
            ("hook.create", #""repo":"acme/web","hook_id":7"#, "github.webhook.written"),
        ]
        for (action, extra, rule) in cases {
            let hits = CatalogueFixture.events(Self.github(action, extra: extra)).flatMap(\.ruleHits)
            let hit = hits.first { $0.rule.id == rule }
            #expect(hit != nil, "\(action): \(hits.map(\.rule.id))")
            #expect((hit?.rule.level ?? .informational) >= .medium, "\(rule)")
        }
        let secret = CatalogueFixture.events(Self.github("repo.create_actions_secret", extra: #""repo":"acme/web","key":"NPM_TOKEN""#))
            .flatMap(\.ruleHits)
        #expect(secret.map(\.rule.id) == ["github.actions-secret.written"])
        #expect(secret.first?.rule.level == .low)
    }

    @Test func githubRoutineStaysQuiet() {
        for (action, extra) in [("git.clone", #""repo":"acme/web""#), ("repo.access", #""repo":"acme/web","visibility":"private""#),
                                ("audit_log_streaming.update", #""audit_log_stream_enabled":true"#),
                                ("public_key.create", #""user":"dev""#), ("pull_request.create", #""repo":"acme/web""#)] {
            let ids = CatalogueFixture.ids(Self.github(action, actor: "dev", extra: extra))
            #expect(ids.isEmpty, "\(action): \(ids)")
        }
    }

    // MARK: agents

    /// An OPA console decision-log line from an agent tool gateway.
    static func opa(tool: String, resource: String, allow: Bool) -> String {
        #"{"decision_id":"\#(UUID().uuidString)","path":"agents/tools/allow","input":{"subject":"agent:helper","action":"tool","tool":"\#(tool)","resource":"\#(resource)"},"result":{"allow":\#(allow)},"timestamp":"2026-03-01T10:00:00.000000001Z","msg":"Decision Log"}"# + "\n"
    }

    @Test func agentToolCalls() {
        let cases: [(String, String, Bool, String)] = [
            ("run_shell", "host://build-1", true, "agent.tool.shell"),
            ("k8s.exec", "k8s://prod/payments", true, "agent.tool.shell"),
            ("db.drop_table", "postgres://orders", true, "agent.tool.destructive"),
            ("email.send", "mailto:someone@example.net", true, "agent.tool.exfiltration"),
            ("customers.export", "warehouse://customers", true, "agent.tool.exfiltration"),
            ("payments.refund", "stripe://charges/ch_1", true, "agent.tool.payments"),
            ("vault.read", "vault://secret/data/prod", true, "agent.tool.credentials"),
            ("http.get", "http://169.254.169.254/latest/meta-data/iam/", true, "agent.tool.credentials"),
            ("github.add_collaborator", "github://acme/web", true, "agent.tool.permission-change"),
            ("payments.payout.create", "stripe://payouts", false, "agent.tool.high-impact-denied"),
            ("kb.search", "kb://articles", false, "agent.tool.denied"),
        ]
        for (tool, resource, allow, rule) in cases {
            let ids = CatalogueFixture.ids(Self.opa(tool: tool, resource: resource, allow: allow))
            #expect(ids.contains(rule), "\(tool) (\(allow ? "allowed" : "denied")): \(ids)")
        }
        // A denied high-impact call is one medium hit, not also the low generic one.
        #expect(CatalogueFixture.ids(Self.opa(tool: "crm.export", resource: "salesforce://contacts", allow: false))
            == ["agent.tool.high-impact-denied"])
        // Routine tools of the demo's agents match nothing.
        for tool in ["kb.search", "ticket.read", "summarize", "ticket.comment", "metrics.query", "logs.search",
                     "github.read_pr", "repo.search", "web.search", "crm.read", "payments.status", "invoice.read"] {
            let ids = CatalogueFixture.ids(Self.opa(tool: tool, resource: "x://y", allow: true))
            #expect(ids.isEmpty, "\(tool): \(ids)")
        }
        // nhitop's own agent events are read the same way.
        let native = #"{"ts":"2026-03-01T10:00:00Z","identity":"agent:ops","kind":"ai_agent","action":"tool:terminal.exec","resource":"host://db-1","decision":"allow"}"# + "\n"
        #expect(CatalogueFixture.ids(native).contains("agent.tool.shell"))
        // The same action by something that is not an agent is none of these entries' business.
        let service = #"{"ts":"2026-03-01T10:00:00Z","identity":"svc:cron","kind":"service","action":"tool:terminal.exec","resource":"host://db-1","decision":"allow"}"# + "\n"
        #expect(CatalogueFixture.ids(service).isEmpty)
    }

    // MARK: the demo: background traffic must stay quiet

    /// An hour of the demo in every format: entries of these families hit at medium or above
    /// only on the incidents' identities, and each family's incident is caught.
    @Test func demoRoutineTrafficIsQuiet() {
        let start = EventTime(microseconds: 1_772_352_000_000_000)
        var traffic = DemoTraffic(seed: 1, start: start, incidentEvery: 180)
        var bytes: [UInt8] = []
        traffic.generate(until: start.adding(seconds: 60 * 60), into: &bytes)
        let incidents = Set(traffic.incidents.map(\.identity))
        let families = ["k8s.", "vault.", "github.", "agent."]
        var loud: [String: Set<String>] = [:]
        var caught: [String: Set<String>] = [:]
        for e in CatalogueFixture.events(bytes) {
            for hit in e.ruleHits where families.contains(where: { hit.rule.id.hasPrefix($0) }) {
                caught[e.identity, default: []].insert(hit.rule.id)
                if hit.rule.level >= .medium, !incidents.contains(e.identity) {
                    loud[e.identity, default: []].insert(hit.rule.id)
                }
            }
        }
        #expect(loud.isEmpty, "routine identities hit: \(loud)")
        #expect(caught["system:serviceaccount:payments:payments-api", default: []]
            .isSuperset(of: ["k8s.pod.exec", "k8s.rbac.cluster-admin-bound", "k8s.serviceaccount.token-minted-kube-system"]),
                "\(caught["system:serviceaccount:payments:payments-api", default: []])")
        #expect(caught["agent:support-copilot", default: []]
            .isSuperset(of: ["agent.tool.payments", "agent.tool.exfiltration", "agent.tool.high-impact-denied"]),
                "\(caught["agent:support-copilot", default: []])")
        #expect(caught["ci-release-token", default: []].contains("github.token.pat-granted"))
        #expect(caught["approle-ci-runner", default: []].contains("vault.token.child-inherits-all"))
    }
}
