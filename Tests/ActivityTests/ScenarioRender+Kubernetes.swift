import Events

/// Kubernetes audit events (audit.k8s.io/v1, stage ResponseComplete) for the scenario's
/// service accounts, nodes and control plane.
extension ScenarioRender {
    /// Where the scenario's `verb resource[/sub]` on `[ns/]resource[/name]` sits in the API.
    struct ObjectRef {
        var verb: String, resource: String, subresource: String, namespace: String, name: String

        init(_ e: NormalizedEvent) {
            let space = e.action.firstIndex(of: " ")!
            verb = String(e.action[..<space])
            let what = e.action[e.action.index(after: space)...]
            let slash = what.firstIndex(of: "/")
            resource = String(slash.map { what[..<$0] } ?? what)
            subresource = slash.map { String(what[what.index(after: $0)...]) } ?? ""
            let parts = e.resource.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts[0] == resource {  // cluster-scoped: `nodes`, `nodes/ip-10-0-1-23…`
                namespace = ""
                name = parts.dropFirst().joined(separator: "/")
            } else {                    // namespaced: `shop/pods`, `shop/secrets/cart-db`
                precondition(parts.count >= 2 && parts[1] == resource, "k8s resource \(e.resource) for \(e.action)")
                namespace = parts[0]
                name = parts.dropFirst(2).joined(separator: "/")
            }
        }

        var group: String {
            switch resource {
            case "leases": "coordination.k8s.io"
            case "deployments": "apps"
            case "ingresses": "networking.k8s.io"
            case "endpointslices": "discovery.k8s.io"
            case "certificates": "cert-manager.io"
            case "externalsecrets": "external-secrets.io"
            case "selfsubjectrulesreviews": "authorization.k8s.io"
            case "horizontalpodautoscalers": "autoscaling"
            case "scaledobjects": "keda.sh"
            case "backups": "velero.io"
            default: ""
            }
        }

        var version: String {
            switch group {
            case "external-secrets.io": "v1beta1"
            case "autoscaling": "v2"
            case "keda.sh": "v1alpha1"
            default: "v1"
            }
        }
    }

    func kubernetes(_ e: NormalizedEvent, attack: Bool, _ rng: inout SplitMix64) -> RawJSON {
        let ref = ObjectRef(e)
        let user = e.identity
        var uri = ref.group.isEmpty ? "/api/v1" : "/apis/\(ref.group)/\(ref.version)"
        if !ref.namespace.isEmpty { uri += "/namespaces/\(ref.namespace)" }
        uri += "/\(ref.resource)"
        if !ref.name.isEmpty { uri += "/\(ref.name)" }
        if !ref.subresource.isEmpty { uri += "/\(ref.subresource)" }
        let container = ref.namespace == "ci" ? "build" : String(ref.name.split(separator: "-").prefix(2).joined(separator: "-"))
        switch (ref.verb, ref.subresource) {
        case ("list", _): uri += "?limit=500&resourceVersion=0"
        case ("watch", _):
            uri += "?allowWatchBookmarks=true&resourceVersion=\(7_000_000 + rng.below(900_000))&timeout=\(5 + rng.below(4))m\(rng.below(60))s&timeoutSeconds=\(300 + rng.below(240))&watch=true"
        case ("create", "exec") where attack:
            uri += "?command=%2Fbin%2Fsh&container=\(container)&stdin=true&stdout=true&tty=true"
        case ("create", "exec"):
            // The GitLab runner's Kubernetes executor starts each script step through this shell probe.
            uri += "?command=sh&command=-c&command=if+%5B+-x+%2Fusr%2Flocal%2Fbin%2Fbash+%5D%3B+then%0A%09exec+%2Fusr%2Flocal%2Fbin%2Fbash+%0Aelif+%5B+-x+%2Fusr%2Fbin%2Fbash+%5D%3B+then%0A%09exec+%2Fusr%2Fbin%2Fbash+%0Aelif+%5B+-x+%2Fbin%2Fbash+%5D%3B+then%0A%09exec+%2Fbin%2Fbash+%0Aelif+%5B+-x+%2Fbin%2Fsh+%5D%3B+then%0A%09exec+%2Fbin%2Fsh+%0Aelse%0A%09echo+shell+not+found%0A%09exit+1%0Afi%0A%0A&container=\(container)&stderr=true&stdin=true&stdout=true"
        case ("create", "attach"): uri += "?container=\(container)&stderr=true&stdin=true&stdout=true"
        case ("get", "log"): uri += "?container=\(container)&follow=true"
        case ("create", _) where ref.resource != "selfsubjectrulesreviews" && ref.subresource.isEmpty: uri += "?fieldManager=\(fieldManager(user))"
        default: break
        }

        let status: Int64
        switch e.decision {
        case .deny: status = 403
        case .error:
            switch ref.verb {
            case "update", "patch", "create": status = 409
            case "get", "delete": status = 404
            default: status = 504
            }
        default:
            status = ["exec", "attach"].contains(ref.subresource) ? 101 : ref.verb == "create" ? 201 : 200
        }
        let kind = ref.subresource.isEmpty ? ref.resource : "\(ref.resource)/\(ref.subresource)"
        var response: [(String, RawJSON)] = [("metadata", .o([]))]
        switch status {
        case 403:
            let scope = ref.namespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(ref.namespace)\""
            response += [("status", .s("Failure")), ("reason", .s("Forbidden")),
                         ("message", .s("\(kind)\(ref.name.isEmpty ? "" : " \"\(ref.name)\"") is forbidden: User \"\(user)\" cannot \(ref.verb) resource \"\(kind)\" in API group \"\(ref.group)\" \(scope)")),
                         ("details", .o([("name", .s(ref.name)), ("kind", .s(ref.resource))]))]
        case 409 where ref.verb == "create":
            response += [("status", .s("Failure")), ("reason", .s("AlreadyExists")),
                         ("message", .s("\(ref.resource) \"\(ref.name)\" already exists"))]
        case 409:
            response += [("status", .s("Failure")), ("reason", .s("Conflict")),
                         ("message", .s("Operation cannot be fulfilled on \(ref.resource)\(ref.group.isEmpty ? "" : ".\(ref.group)") \"\(ref.name)\": the object has been modified; please apply your changes to the latest version and try again"))]
        case 404:
            response += [("status", .s("Failure")), ("reason", .s("NotFound")), ("message", .s("\(ref.resource) \"\(ref.name)\" not found"))]
        case 504:
            response += [("status", .s("Failure")), ("reason", .s("Timeout")), ("message", .s("Timeout: request did not complete within requested timeout - context deadline exceeded"))]
        default:
            break
        }
        response.append(("code", .n(status)))

        var objectRef: [(String, RawJSON)] = [("resource", .s(ref.resource))]
        if !ref.namespace.isEmpty { objectRef.append(("namespace", .s(ref.namespace))) }
        if !ref.name.isEmpty { objectRef.append(("name", .s(ref.name))) }
        if !ref.group.isEmpty { objectRef.append(("apiGroup", .s(ref.group))) }
        objectRef.append(("apiVersion", .s(ref.version)))
        if !ref.subresource.isEmpty { objectRef.append(("subresource", .s(ref.subresource))) }

        let received = e.time.adding(microseconds: ref.verb == "watch" ? -Int64(60 + rng.below(480)) * 1_000_000 : -Int64(300 + rng.below(20_000)))
        // Pods are logged with their spec (audit level Request), as most clusters' policies do.
        let podCreate = ref.verb == "create" && ref.resource == "pods" && ref.subresource.isEmpty
        var fields: [(String, RawJSON)] = [
            ("kind", .s("Event")), ("apiVersion", .s("audit.k8s.io/v1")), ("level", .s(podCreate ? "Request" : "Metadata")),
            ("auditID", .s(rng.idUUID())), ("stage", .s("ResponseComplete")), ("requestURI", .s(uri)), ("verb", .s(ref.verb)),
            ("user", memoized("k8s|\(e.identity)|\(e.credentialID)") { (k8sUser(e), "") }.0), ("sourceIPs", .a([.s(e.sourceIP)])), ("userAgent", .s(k8sUserAgent(e, ref, attack: attack))),
            ("objectRef", .o(objectRef)), ("responseStatus", .o(response)),
        ]
        if podCreate, e.decision == .allow { fields.append(("requestObject", Self.runnerPod(ref.namespace, &rng))) }
        fields += [
            ("requestReceivedTimestamp", .s(received.iso8601Micros)),
            ("stageTimestamp", .s(e.time.iso8601Micros)),
            ("annotations", .o([
                ("authorization.k8s.io/decision", .s(e.decision == .deny ? "forbid" : "allow")),
                ("authorization.k8s.io/reason", .s(e.decision == .deny ? "" : rbacReason(e))),
            ])),
        ]
        return .o(fields)
    }

    func k8sUser(_ e: NormalizedEvent) -> RawJSON {
        let name = e.identity
        var ids = RenderText.stable(name)
        let uid = ids.idUUID()
        var user: [(String, RawJSON)] = [("username", .s(name)), ("uid", .s(uid))]
        if let sa = RenderText.after(name, "system:serviceaccount:") {
            let ns = String(sa.prefix(while: { $0 != ":" }))
            let saName = RenderText.last(sa, after: ":")
            let pod = "\(saName)-\(ids.idHex(9))-\(ids.idBase32(5).lowercased())"
            user.append(("groups", .a([.s("system:serviceaccounts"), .s("system:serviceaccounts:\(ns)"), .s("system:authenticated")])))
            user.append(("extra", .o([
                ("authentication.kubernetes.io/credential-id", .a([.s(e.credentialID)])),
                ("authentication.kubernetes.io/node-name", .a([.s("ip-10-0-\(1 + ids.below(3))-\(10 + ids.below(200)).ec2.internal")])),
                ("authentication.kubernetes.io/pod-name", .a([.s(pod)])),
                ("authentication.kubernetes.io/pod-uid", .a([.s(ids.idUUID())])),
            ])))
        } else if name.hasPrefix("system:node:") {
            user.append(("groups", .a([.s("system:nodes"), .s("system:authenticated")])))
            user.append(("extra", .o([("authentication.kubernetes.io/credential-id", .a([.s(e.credentialID)]))])))
        } else {
            user.append(("groups", .a([.s("system:authenticated")])))
        }
        return .o(user)
    }

    func fieldManager(_ user: String) -> String { RenderText.last(user, after: ":") }

    func rbacReason(_ e: NormalizedEvent) -> String {
        if e.identity.hasPrefix("system:node:") { return "" }  // the Node authorizer gives no reason
        guard let sa = RenderText.after(e.identity, "system:serviceaccount:") else {
            return "RBAC: allowed by ClusterRoleBinding \"\(e.identity)\" of ClusterRole \"\(e.identity)\" to User \"\(e.identity)\""
        }
        let ns = sa.prefix(while: { $0 != ":" }), name = RenderText.last(sa, after: ":")
        return "RBAC: allowed by ClusterRoleBinding \"\(name)\" of ClusterRole \"\(name)\" to ServiceAccount \"\(name)/\(ns)\""
    }

    func k8sUserAgent(_ e: NormalizedEvent, _ ref: ObjectRef, attack: Bool) -> String {
        if attack { return "kubectl/v1.31.0 (linux/amd64) kubernetes/9edcffc" }
        let name = RenderText.last(e.identity, after: ":")
        switch name {
        case _ where e.identity.hasPrefix("system:node:"): return "kubelet/v1.30.4 (linux/amd64) kubernetes/a51b3b7"
        case "kube-scheduler":
            return "kube-scheduler/v1.30.4 (linux/amd64) kubernetes/a51b3b7/" + (ref.resource == "leases" ? "leader-election" : "scheduler")
        case "prometheus": return "Prometheus/2.54.1"
        case "ingress-nginx": return "nginx-ingress-controller/v1.11.2 (linux/amd64) ingress-nginx/46e76e5916813cfca2a0b4d6f9ac1cbb1bf8f3f3"
        case "gitlab-runner": return "gitlab-runner 17.5.0 (17-5-stable; go1.22.7; linux/amd64)"
        case "fluent-bit": return "fluent-bit/3.1.9"
        case "argocd-application-controller": return "argocd-application-controller/v2.12.3 (linux/amd64) kubernetes/$Format"
        case "cert-manager": return "cert-manager-certificates-trigger/v1.15.3 (linux/amd64) cert-manager/4f9bbaa3c36de5bc5cfa4ad09d0bc63baf8c1f5b"
        default: return "\(name)/v0.0.0 (linux/amd64) kubernetes/$Format"
        }
    }

    /// A GitLab Kubernetes-executor job pod: a build container and the runner's helper, unprivileged.
    static func runnerPod(_ namespace: String, _ rng: inout SplitMix64) -> RawJSON {
        let container = { (name: String, image: String) -> RawJSON in
            .o([("name", .s(name)), ("image", .s(image)), ("command", .a([.s("sh"), .s("-c")])),
                ("resources", .o([("requests", .o([("cpu", .s("500m")), ("memory", .s("1Gi"))]))])),
                ("securityContext", .o([("allowPrivilegeEscalation", .b(false)), ("runAsNonRoot", .b(true)),
                                        ("capabilities", .o([("drop", .a([.s("ALL")]))]))]))])
        }
        return .o([
            ("kind", .s("Pod")), ("apiVersion", .s("v1")),
            ("metadata", .o([("generateName", .s("runner-\(rng.idHex(8))-project-42-concurrent-")), ("namespace", .s(namespace)),
                             ("labels", .o([("pod", .s("runner")), ("project.runner.gitlab.com/id", .s("42"))]))])),
            ("spec", .o([
                ("containers", .a([container("build", "registry.gitlab.com/acme/ci-images/build:2026.11"),
                                   container("helper", "registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v17.5.0")])),
                ("restartPolicy", .s("Never")), ("serviceAccountName", .s("default")),
                ("securityContext", .o([("runAsUser", .n(1000)), ("fsGroup", .n(1000))])),
            ])),
        ])
    }
}
