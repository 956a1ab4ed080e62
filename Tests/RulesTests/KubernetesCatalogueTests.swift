import Events
import Foundation
import Testing
@testable import Ingest
@testable import Rules

/// The built-in catalogue loaded once, and records decoded through it as a run decodes them.
/// Shared by the catalogue tests (Kubernetes, Vault, GitHub, agents).
enum CatalogueFixture {
    static let rules: RuleSet = RuleLoader.load(builtin: true)

    static func events(_ bytes: [UInt8]) -> [NormalizedEvent] {
        var options = IngestOptions()
        options.rules = rules
        var decoder = SourceDecoder(sourceName: "catalogue-test", options: options)
        var out: [NormalizedEvent] = []
        decoder.feed(bytes) { out.append($0) }
        decoder.finish { out.append($0) }
        return out
    }

    static func events(_ text: String) -> [NormalizedEvent] { events(Array(text.utf8)) }

    /// The ids of the rules that matched `text` (one JSON record, or several lines).
    static func ids(_ text: String) -> Set<String> { Set(events(text).flatMap(\.ruleHits).map(\.rule.id)) }

    /// The Falco Kubernetes samples in `<package root>/../shared/corpus/k8s-audit`.
    static let corpus: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // RulesTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/corpus").standardizedFileURL

    static let corpusAvailable: Bool = {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: corpus.path, isDirectory: &isDir) && isDir.boolValue
    }()

    static let corpusAbsent: Comment = "../shared/corpus not beside the clone"
}

/// The entries of the Kubernetes, Vault, GitHub and agent families of the built-in catalogue.
@Suite("Built-in catalogue: Kubernetes, Vault, GitHub, agents")
struct CatalogueShapeTests {
    static let families = BuiltinCatalogue.kubernetes + BuiltinCatalogue.others
    static let prefixes = ["k8s.", "vault.", "github.", "agent."]

    @Test func everyEntryCompiles() {
        for family in Self.families {
            let parsed = CatalogueParser.parse(yaml: family.yaml, path: "builtin:\(family.name)", infoPath: "builtin")
            #expect(parsed.skipped.isEmpty, "\(family.name): \(parsed.skipped.map(\.reason))")
            #expect(!parsed.entries.isEmpty, "\(family.name) has no entries")
        }
    }

    @Test func loaderSkipsNothing() {
        #expect(CatalogueFixture.rules.skipped.isEmpty, "\(CatalogueFixture.rules.skipped.map { "\($0.path): \($0.reason)" })")
    }

    @Test func entriesAreNamedPlacedAndUnique() {
        let mine = CatalogueFixture.rules.rules.filter { r in Self.prefixes.contains { r.id.hasPrefix($0) } }
        #expect(mine.count >= 90, "only \(mine.count) entries loaded")
        #expect(Set(mine.map(\.id)).count == mine.count, "duplicate ids")
        for r in mine {
            #expect(!r.tactic.isEmpty, "\(r.id) has no tactic")
            #expect(!r.techniques.isEmpty, "\(r.id) has no technique")
            #expect(!r.falsePositives.isEmpty, "\(r.id) names no false positive")
            #expect(r.source == .builtin)
        }
    }
}

@Suite("Kubernetes catalogue")
struct KubernetesCatalogueTests {
    // MARK: the Falco samples (real records)

    /// Each must-cover sample and the entry that must catch it.
    static let mustCover: [(file: String, rule: String)] = [
        ("create_nginx_pod_privileged.json", "k8s.pod.privileged"),
        ("attach_cluster_admin_role.json", "k8s.rbac.cluster-admin-bound"),
        ("create_cluster_role_wildcard_verbs.json", "k8s.rbac.wildcard-role"),
        ("create_clusterrolebinding.json", "k8s.rbac.clusterrolebinding-written"),
        ("create_service_account_token_secret.json", "k8s.secret.sa-token-created"),
        ("create_serviceaccount_kube_system_namespace.json", "k8s.serviceaccount.created-kube-system"),
        ("anonymous_creates_namespace_foo.json", "k8s.anonymous.write"),
        ("exec_pod.json", "k8s.pod.exec"),
        ("create_configmap_sensitive_values.json", "k8s.configmap.credentials"),
    ]

    /// Routine (or merely administrative) samples: nothing at medium or above.
    static let routine = ["demo.log", "some-user_creates_namespace_foo.json", "create_secret.json", "delete_secret.json"]

    static func sample(_ file: String) -> [NormalizedEvent]? {
        let url = CatalogueFixture.corpus.appendingPathComponent("k8s-audit/" + file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("corpus file missing: \(url.path)")
            return nil
        }
        return CatalogueFixture.events([UInt8](data))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true", "only under CI=true"))
    func corpusPresentUnderCI() {
        #expect(CatalogueFixture.corpusAvailable, "CI=true and no corpus at \(CatalogueFixture.corpus.path)")
    }

    @Test(.enabled(if: CatalogueFixture.corpusAvailable, CatalogueFixture.corpusAbsent), arguments: mustCover)
    func falcoSampleIsCaught(file: String, rule: String) throws {
        let events = try #require(Self.sample(file))
        #expect(!events.isEmpty, "\(file) decoded to nothing")
        // Every record of the file (the configmap sample holds six variants) is caught.
        for (i, e) in events.enumerated() {
            let hit = e.ruleHits.first { $0.rule.id == rule }
            #expect(hit != nil, "\(file) record \(i + 1): \(rule) did not match (hits: \(e.ruleHits.map(\.rule.id)))")
            guard let hit else { continue }
            #expect(hit.rule.level >= .medium, "\(rule) is \(hit.rule.level.label)")
            #expect(!hit.rule.tactic.isEmpty)
            #expect(!hit.reason.isEmpty)
        }
    }

    @Test(.enabled(if: CatalogueFixture.corpusAvailable, CatalogueFixture.corpusAbsent), arguments: routine)
    func routineSampleStaysQuiet(file: String) throws {
        let events = try #require(Self.sample(file))
        #expect(!events.isEmpty)
        let loud = events.flatMap(\.ruleHits).filter { $0.rule.level >= .medium }
        #expect(loud.isEmpty, "\(file): \(loud.map { "\($0.rule.id): \($0.reason)" })")
    }

    @Test(.enabled(if: CatalogueFixture.corpusAvailable, CatalogueFixture.corpusAbsent))
    func privilegedPodReasonNamesTheImage() throws {
        let events = try #require(Self.sample("create_nginx_pod_privileged.json"))
        let hit = try #require(events.first?.ruleHits.first { $0.rule.id == "k8s.pod.privileged" })
        #expect(hit.reason.contains("default/"), "\(hit.reason)")
        #expect(hit.reason.contains("image nginx"), "\(hit.reason)")
    }

    // MARK: synthetic records (shapes as the API server writes them)

    /// An `audit.k8s.io/v1` ResponseComplete event; `extra` is spliced in as more top-level fields.
    static func event(user: String = "alice", verb: String, resource: String, subresource: String? = nil,
                      namespace: String? = "default", name: String? = "x", code: Int = 201,
                      extra: String = "") -> String {
        var ref = #""resource":"\#(resource)""#
        if let subresource { ref += #","subresource":"\#(subresource)""# }
        if let namespace { ref += #","namespace":"\#(namespace)""# }
        if let name { ref += #","name":"\#(name)""# }
        let decision = code == 403 ? "forbid" : "allow"
        return #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"\#(UUID().uuidString)","stage":"ResponseComplete","requestURI":"/api/v1/x","verb":"\#(verb)","user":{"username":"\#(user)","groups":["system:authenticated"]},"sourceIPs":["10.0.0.9"],"objectRef":{\#(ref)},"responseStatus":{"code":\#(code)},"requestReceivedTimestamp":"2026-03-01T10:00:00.000000Z","stageTimestamp":"2026-03-01T10:00:00.100000Z","annotations":{"authorization.k8s.io/decision":"\#(decision)"}\#(extra.isEmpty ? "" : "," + extra)}"# + "\n"
    }

    static func pod(_ spec: String, owner: String? = nil) -> String {
        let meta = owner.map { #""metadata":{"generateName":"agent-","ownerReferences":[{"kind":"\#($0)","name":"agent"}]}"# }
            ?? #""metadata":{"name":"x"}"#
        return #""requestObject":{"kind":"Pod",\#(meta),"spec":\#(spec)}"#
    }

    @Test func hostNamespacesAndPathsAreCaught() {
        let cases: [(String, String)] = [
            (#"{"hostPID":true,"containers":[{"name":"a","image":"busybox"}]}"#, "k8s.pod.host-pid-ipc"),
            (#"{"hostIPC":true,"containers":[{"name":"a","image":"busybox"}]}"#, "k8s.pod.host-pid-ipc"),
            (#"{"hostNetwork":true,"containers":[{"name":"a","image":"busybox"}]}"#, "k8s.pod.host-network"),
            (#"{"volumes":[{"name":"r","hostPath":{"path":"/"}}],"containers":[{"name":"a","image":"busybox"}]}"#, "k8s.pod.hostpath-sensitive"),
            (#"{"volumes":[{"name":"s","hostPath":{"path":"/var/run/docker.sock"}}],"containers":[{"name":"a","image":"docker"}]}"#, "k8s.pod.hostpath-sensitive"),
            (#"{"volumes":[{"name":"d","hostPath":{"path":"/opt/data"}}],"containers":[{"name":"a","image":"busybox"}]}"#, "k8s.pod.hostpath"),
            (#"{"containers":[{"name":"a","image":"busybox","securityContext":{"capabilities":{"add":["NET_BIND_SERVICE","SYS_ADMIN"]}}}]}"#, "k8s.pod.dangerous-capabilities"),
            (#"{"initContainers":[{"name":"i","image":"busybox","securityContext":{"privileged":true}}],"containers":[{"name":"a","image":"nginx"}]}"#, "k8s.pod.privileged"),
            (#"{"containers":[{"name":"m","image":"docker.io/someone/xmrig:latest"}]}"#, "k8s.pod.attack-tool-image"),
        ]
        for (spec, rule) in cases {
            let ids = CatalogueFixture.ids(Self.event(verb: "create", resource: "pods", extra: Self.pod(spec)))
            #expect(ids.contains(rule), "\(spec): \(ids)")
        }
        // A plain pod and a harmless host path stay below the sensitive entries.
        let plain = CatalogueFixture.ids(Self.event(verb: "create", resource: "pods",
                                                    extra: Self.pod(#"{"containers":[{"name":"a","image":"nginx"}]}"#)))
        #expect(plain.isEmpty, "\(plain)")
        let opt = CatalogueFixture.ids(Self.event(verb: "create", resource: "pods", extra: Self.pod(
            #"{"volumes":[{"name":"d","hostPath":{"path":"/opt/data"}}],"containers":[{"name":"a","image":"busybox"}]}"#)))
        #expect(!opt.contains("k8s.pod.hostpath-sensitive"))
    }

    @Test func nodeAgentsAndMirrorPodsAreLeftOut() {
        let privileged = #"{"hostNetwork":true,"containers":[{"name":"a","image":"calico/node","securityContext":{"privileged":true}}]}"#
        let daemonSetPod = CatalogueFixture.ids(Self.event(user: "system:serviceaccount:kube-system:daemon-set-controller",
                                                           verb: "create", resource: "pods", namespace: "kube-system", name: nil,
                                                           extra: Self.pod(privileged, owner: "DaemonSet")))
        #expect(daemonSetPod.isEmpty, "\(daemonSetPod)")
        let mirror = CatalogueFixture.ids(Self.event(user: "system:node:ip-10-0-1-2", verb: "create", resource: "pods",
                                                     namespace: "kube-system", extra: Self.pod(privileged)))
        #expect(mirror.isEmpty, "\(mirror)")
        // The same pod from a ReplicaSet is flagged: its template is nobody's node agent.
        let replicaSetPod = CatalogueFixture.ids(Self.event(user: "system:serviceaccount:kube-system:replicaset-controller",
                                                            verb: "create", resource: "pods", name: nil,
                                                            extra: Self.pod(privileged, owner: "ReplicaSet")))
        #expect(replicaSetPod.isSuperset(of: ["k8s.pod.privileged", "k8s.pod.host-network"]), "\(replicaSetPod)")
    }

    @Test func workloadTemplatesAreCaughtOnTheirAuthor() {
        let deployment = #""requestObject":{"kind":"DaemonSet","spec":{"template":{"spec":{"hostPID":true,"containers":[{"name":"a","image":"alpine"}]}}}}"#
        let ids = CatalogueFixture.ids(Self.event(user: "system:serviceaccount:ci:deployer", verb: "create", resource: "daemonsets",
                                                  extra: deployment))
        #expect(ids.contains("k8s.workload.node-escape"), "\(ids)")
        let cron = #""requestObject":{"kind":"CronJob","spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"alpine","securityContext":{"privileged":true}}]}}}}}}"#
        let cronIDs = CatalogueFixture.ids(Self.event(verb: "create", resource: "cronjobs", extra: cron))
        #expect(cronIDs.isSuperset(of: ["k8s.workload.node-escape", "k8s.cronjob.created"]), "\(cronIDs)")
    }

    @Test func execAttachAndEphemeralContainers() {
        let attach = CatalogueFixture.ids(Self.event(verb: "create", resource: "pods", subresource: "attach", code: 101))
        #expect(attach.contains("k8s.pod.exec"))
        let ephemeral = CatalogueFixture.ids(Self.event(verb: "patch", resource: "pods", subresource: "ephemeralcontainers", code: 200,
            extra: #""requestObject":{"spec":{"ephemeralContainers":[{"name":"debugger","image":"busybox"}]}}"#))
        #expect(ephemeral.contains("k8s.pod.ephemeral-container"))
        // A denied exec is the deny signals' business, not a command run.
        let denied = CatalogueFixture.ids(Self.event(user: "system:serviceaccount:payments:api", verb: "create", resource: "pods",
                                                     subresource: "exec", code: 403))
        #expect(denied.isEmpty, "\(denied)")
        // Prometheus scraping through nodes/proxy is routine; a POST to the kubelet's /run is not.
        let scrape = CatalogueFixture.ids(Self.event(user: "system:serviceaccount:monitoring:prometheus", verb: "get", resource: "nodes",
                                                     subresource: "proxy", namespace: nil, name: "node-1", code: 200))
        #expect(scrape.isEmpty, "\(scrape)")
        let run = CatalogueFixture.ids(Self.event(verb: "create", resource: "nodes", subresource: "proxy", namespace: nil, name: "node-1",
                                                  code: 200))
        #expect(run.contains("k8s.node.proxy-exec"))
    }

    @Test func rbacAndTokens() {
        let escalate = #""requestObject":{"kind":"ClusterRole","rules":[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["escalate","bind"]}]}"#
        #expect(CatalogueFixture.ids(Self.event(verb: "create", resource: "clusterroles", namespace: nil, extra: escalate))
            .contains("k8s.rbac.escalation-verbs"))
        let full = #""requestObject":{"kind":"ClusterRole","rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}"#
        let fullIDs = CatalogueFixture.ids(Self.event(verb: "create", resource: "clusterroles", namespace: nil, extra: full))
        #expect(fullIDs == ["k8s.rbac.full-wildcard-role"], "\(fullIDs)")
        // The API server reconciling its bootstrap roles is the platform.
        #expect(CatalogueFixture.ids(Self.event(user: "system:apiserver", verb: "update", resource: "clusterroles", namespace: nil,
                                                extra: full)).isEmpty)

        let kubeSystem = CatalogueFixture.ids(Self.event(user: "system:serviceaccount:payments:payments-api", verb: "create",
                                                         resource: "serviceaccounts", subresource: "token", namespace: "kube-system",
                                                         name: "clusterrole-aggregation-controller"))
        #expect(kubeSystem == ["k8s.serviceaccount.token-minted-kube-system"], "\(kubeSystem)")
        let kubelet = CatalogueFixture.ids(Self.event(user: "system:node:node-1", verb: "create", resource: "serviceaccounts",
                                                      subresource: "token", namespace: "payments", name: "payments-api"))
        #expect(kubelet.isEmpty, "\(kubelet)")
        let typed = CatalogueFixture.ids(Self.event(verb: "create", resource: "secrets", name: "ci-admin",
            extra: #""requestObject":{"kind":"Secret","type":"kubernetes.io/service-account-token","metadata":{"name":"ci-admin","annotations":{"kubernetes.io/service-account.name":"admin"}}}"#))
        #expect(typed.contains("k8s.secret.sa-token-created"))
    }

    /// GKE's export of the same audit (a Cloud Audit Log entry): the request-line entries fire on it too.
    static func gke(_ principal: String, method: String, resourceName: String, code: Int = 0) -> String {
        #"{"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"\#(principal)"},"methodName":"\#(method)","requestMetadata":{"callerIp":"203.0.113.9"},"resourceName":"\#(resourceName)","serviceName":"k8s.io","status":{"code":\#(code)}},"resource":{"type":"k8s_cluster"},"timestamp":"2026-03-01T10:00:00Z","logName":"projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity"}"# + "\n"
    }

    @Test func gkeExportIsReadToo() {
        let exec = CatalogueFixture.ids(Self.gke("ops@acme.example", method: "io.k8s.core.v1.pods.exec.create",
                                                 resourceName: "core/v1/namespaces/pay/pods/api-0/exec"))
        #expect(exec.contains("k8s.pod.exec"), "\(exec)")
        let token = CatalogueFixture.ids(Self.gke("system:serviceaccount:pay:api", method: "io.k8s.core.v1.serviceaccounts.token.create",
                                                  resourceName: "core/v1/namespaces/kube-system/serviceaccounts/generic-garbage-collector/token"))
        #expect(token == ["k8s.serviceaccount.token-minted-kube-system"], "\(token)")
        let anonymous = CatalogueFixture.ids(Self.gke("system:anonymous", method: "io.k8s.core.v1.namespaces.create",
                                                      resourceName: "core/v1/namespaces/foo"))
        #expect(anonymous.contains("k8s.anonymous.write"), "\(anonymous)")
        let denied = CatalogueFixture.ids(Self.gke("ops@acme.example", method: "io.k8s.core.v1.pods.exec.create",
                                                   resourceName: "core/v1/namespaces/pay/pods/api-0/exec", code: 7))
        #expect(denied.isEmpty, "\(denied)")
    }

    @Test func anonymousReadsAndImpersonation() {
        let read = CatalogueFixture.ids(Self.event(user: "system:anonymous", verb: "list", resource: "secrets", code: 200))
        #expect(read.contains("k8s.anonymous.read"))
        // kubeadm join reads kube-public/cluster-info without credentials.
        let clusterInfo = CatalogueFixture.ids(Self.event(user: "system:anonymous", verb: "get", resource: "configmaps",
                                                          namespace: "kube-public", name: "cluster-info", code: 200))
        #expect(clusterInfo.isEmpty, "\(clusterInfo)")
        let asAdmin = CatalogueFixture.ids(Self.event(verb: "get", resource: "secrets", code: 200,
            extra: #""impersonatedUser":{"username":"ops","groups":["system:masters"]}"#))
        #expect(asAdmin.contains("k8s.impersonation.privileged"))
    }
}
