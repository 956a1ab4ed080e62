import Events
extension DemoRender {
    /// A Kubernetes audit event (`audit.k8s.io/v1`, level Metadata; RBAC writes at
    /// RequestResponse). Some requests also get the `RequestReceived` stage line with the
    /// same `auditID`, as a real API server writes it; watches complete minutes after they
    /// were received.
    static func kubernetes(namespace: String, sa: String, uid: String, verb: String, group: String, resource: String,
                           subresource: String, objectNamespace: String, objectName: String,
                           event: DemoEvent, time: Int64, rng: inout DemoRandom) -> [(Int64, [UInt8])] {
        let auditID = rng.uuid()
        let username = "system:serviceaccount:\(namespace):\(sa)"
        let version = apiVersion(group)
        var uri = group.isEmpty ? "/api/v1" : "/apis/\(group)/\(version)"
        if !objectNamespace.isEmpty { uri += "/namespaces/\(objectNamespace)" }
        uri += "/\(resource)"
        if !objectName.isEmpty { uri += "/\(objectName)" }
        if !subresource.isEmpty { uri += "/\(subresource)" }
        switch verb {
        case "list": uri += "?limit=500"
        case "watch": uri += "?allowWatchBookmarks=true&resourceVersion=\(rng.range(4_000_000...9_999_999))&timeout=8m\(rng.range(0...59))s&timeoutSeconds=\(rng.range(300...599))&watch=true"
        case "create" where subresource == "exec": uri += "?command=sh&container=app&stdin=true&stdout=true&tty=true"
        default: break
        }
        let isWatch = verb == "watch"
        let received = isWatch ? time - rng.range64(60_000_000...540_000_000) : time
        let completed = time + rng.range64(800...(isWatch ? 3_000 : 45_000))
        let status: Int
        switch event.outcome {
        case .allow: status = subresource == "exec" ? 101 : (verb == "create" ? 201 : 200)
        case .deny: status = 403
        case .error: status = verb == "create" ? 409 : 404
        }
        let rbacWrite = group == "rbac.authorization.k8s.io" && ["create", "update", "patch"].contains(verb)
        let kindName = subresource.isEmpty ? resource : "\(resource)/\(subresource)"

        func line(stage: String, stageTime: Int64) -> [UInt8] {
            JSONWriter.line { w in
                w.field("kind", "Event")
                w.field("apiVersion", "audit.k8s.io/v1")
                w.field("level", rbacWrite ? "RequestResponse" : "Metadata")
                w.field("auditID", auditID)
                w.field("stage", stage)
                w.field("requestURI", uri)
                w.field("verb", verb)
                w.object("user") { u in
                    u.field("username", username)
                    u.field("uid", uid)
                    u.field("groups", strings: ["system:serviceaccounts", "system:serviceaccounts:\(namespace)", "system:authenticated"])
                    u.object("extra") { x in
                        x.field("authentication.kubernetes.io/credential-id", strings: ["JTI=\(uid.prefix(8))-\(sa)"])
                        x.field("authentication.kubernetes.io/pod-name", strings: ["\(sa)-7d9f8c6b5-\(uid.suffix(5))"])
                        x.field("authentication.kubernetes.io/pod-uid", strings: [uid])
                    }
                }
                w.field("sourceIPs", strings: [event.sourceIP])
                w.field("userAgent", event.userAgent)
                w.object("objectRef") { o in
                    o.field("resource", resource)
                    if !objectNamespace.isEmpty { o.field("namespace", objectNamespace) }
                    if !objectName.isEmpty { o.field("name", objectName) }
                    if !group.isEmpty { o.field("apiGroup", group) }
                    o.field("apiVersion", version)
                    if !subresource.isEmpty { o.field("subresource", subresource) }
                }
                if stage != "RequestReceived" {
                    w.object("responseStatus") { r in
                        r.object("metadata") { _ in }
                        if status == 403 {
                            r.field("status", "Failure")
                            let scope = objectNamespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(objectNamespace)\""
                            r.field("message", "\(kindName) is forbidden: User \"\(username)\" cannot \(verb) resource \"\(kindName)\" in API group \"\(group)\" \(scope)")
                            r.field("reason", "Forbidden")
                            r.object("details") { d in d.field("kind", resource) }
                        } else if status >= 400 {
                            r.field("status", "Failure")
                            r.field("message", status == 409 ? "\(resource) \"\(objectName)\" already exists" : "\(resource) \"\(objectName)\" not found")
                            r.field("reason", status == 409 ? "AlreadyExists" : "NotFound")
                        }
                        r.field("code", status)
                    }
                    if rbacWrite, resource.hasSuffix("bindings"), event.outcome == .allow {
                        w.object("requestObject") { o in
                            o.field("kind", resource == "clusterrolebindings" ? "ClusterRoleBinding" : "RoleBinding")
                            o.field("apiVersion", "rbac.authorization.k8s.io/v1")
                            o.object("metadata") { m in m.field("name", objectName) }
                            o.object("roleRef") { r in
                                r.field("apiGroup", "rbac.authorization.k8s.io")
                                r.field("kind", "ClusterRole")
                                r.field("name", "cluster-admin")
                            }
                            o.key("subjects")
                            o.beginArray()
                            o.beginObject()
                            o.field("kind", "ServiceAccount")
                            o.field("name", sa)
                            o.field("namespace", namespace)
                            o.endObject()
                            o.endArray()
                        }
                    }
                }
                w.field("requestReceivedTimestamp", DemoTimeFormat.micros(received))
                w.field("stageTimestamp", DemoTimeFormat.micros(stageTime))
                if stage != "RequestReceived" {
                    w.object("annotations") { a in
                        a.field("authorization.k8s.io/decision", event.outcome == .deny ? "forbid" : "allow")
                        a.field("authorization.k8s.io/reason", event.outcome == .deny ? "" :
                            "RBAC: allowed by ClusterRoleBinding \"\(sa)\" of ClusterRole \"\(sa)\" to ServiceAccount \"\(sa)/\(namespace)\"")
                    }
                }
            }
        }

        var out: [(Int64, [UInt8])] = []
        if !isWatch, rng.chance(perMille: 300) {
            out.append((received, line(stage: "RequestReceived", stageTime: received)))
        }
        out.append((completed, line(stage: "ResponseComplete", stageTime: completed)))
        return out
    }

    private static func apiVersion(_ group: String) -> String {
        switch group {
        case "argoproj.io": "v1alpha1"
        default: "v1"
        }
    }
}
