import Events

extension FormatMapper {
    /// GKE's Kubernetes audit as Cloud Logging exports it: a `LogEntry` whose `protoPayload` is a
    /// Cloud Audit Log with `serviceName` `k8s.io`. Mapped like the native audit (format
    /// `k8s_audit`), so one cluster reads the same whichever way its audit arrives:
    /// - `methodName` `io.k8s.<group>.<version>.<resource>[.<subresource>].<verb>` → `create pods`,
    ///   `create pods/exec`; a non-resource URL (`io.k8s.get`, `resourceName` `readyz`) → `get /readyz`;
    /// - `resourceName` `core/v1/namespaces/pay/pods/api-0` → `pay/pods/api-0` (cluster-scoped:
    ///   `clusterrolebindings/x`);
    /// - `status.code` 7 (PERMISSION_DENIED) or 16 (UNAUTHENTICATED), or the label
    ///   `authorization.k8s.io/decision: forbid` → deny; any other non-zero code → error;
    /// - time from the entry's `timestamp`, not `receiveTimestamp`.
    func gkeAudit(_ t: JSONTape, _ r: Int, _ p: Int, _ origin: EventOrigin) -> MapResult {
        guard let time = FormatMapper.time(t, t.value(r, "timestamp")) else { return .malformed }
        let auth = t.value(p, "authenticationInfo")
        let principal = auth.flatMap { t.nonEmptyText(t.value($0, "principalEmail")) ?? t.nonEmptyText(t.value($0, "principalSubject")) }
        let identity = principal ?? noIdentity(.k8sAudit)
        let kind: IdentityKind
        if let principal {
            kind = principal.hasSuffix(".gserviceaccount.com") ? .service : FormatMapper.kubernetesKind(principal)
        } else {
            kind = .unknown
        }

        let method = t.nonEmptyText(t.value(p, "methodName")) ?? ""
        let resourceName = t.nonEmptyText(t.value(p, "resourceName")) ?? ""
        var action: String
        var resource: String
        if let m = FormatMapper.gkeMethod(method) {
            action = m.verb + " " + m.resource
            resource = FormatMapper.gkeResource(resourceName)
            // Like the native audit's objectRef, the subresource is in the action only.
            if let slash = m.resource.firstIndex(of: "/"), resource.hasSuffix(m.resource[slash...]) {
                resource.removeLast(m.resource[slash...].count)
            }
        } else {
            // A non-resource request: the verb is the method's last part, the path its resourceName.
            let verb = method.split(separator: ".").last.map(String.init) ?? method
            resource = resourceName.hasPrefix("/") ? resourceName : "/" + resourceName
            action = verb + " " + resource
        }
        if action.hasSuffix(" ") { action.removeLast() }
        if resource == "/" { resource = "" }

        var decision = Decision.allow
        let code = t.int(t.find(p, "status", "code"))
        if t.stringEquals(t.find(r, "labels", "authorization.k8s.io/decision"), "forbid") || code == 7 || code == 16 {
            decision = .deny
        } else if let code, code != 0 {
            decision = .error
        }
        let ip = t.nonEmptyText(t.find(p, "requestMetadata", "callerIp")) ?? ""
        let credential = auth.flatMap { t.nonEmptyText(t.value($0, "serviceAccountKeyName")) } ?? ""
        return .event(NormalizedEvent(
            time: time, identity: identity, identityKind: kind, action: action, resource: resource,
            decision: decision, sourceIP: ip, credentialID: credential, format: .k8sAudit, origin: origin))
    }

    /// `io.k8s.core.v1.pods.exec.create` → (`create`, `pods/exec`); nil without a version part.
    static func gkeMethod(_ method: String) -> (verb: String, resource: String)? {
        guard method.hasPrefix("io.k8s.") else { return nil }
        let parts = method.dropFirst("io.k8s.".count).split(separator: ".")
        guard let version = parts.firstIndex(where: isAPIVersion(_:)), version + 2 < parts.count else { return nil }
        let verb = String(parts[parts.count - 1])
        let what = parts[(version + 1)..<(parts.count - 1)]
        guard !what.isEmpty else { return nil }
        return (verb, what.joined(separator: "/"))
    }

    /// `v1`, `v1beta1`, `v2alpha3`.
    static func isAPIVersion(_ s: Substring) -> Bool {
        guard s.first == "v", s.count >= 2 else { return false }
        let rest = s.dropFirst()
        guard let d = rest.firstIndex(where: { !$0.isNumber }) else { return true }
        guard d > rest.startIndex else { return false }
        let tail = rest[d...]
        for label in ["alpha", "beta"] where tail.hasPrefix(label) {
            let n = tail.dropFirst(label.count)
            return !n.isEmpty && n.allSatisfy(\.isNumber)
        }
        return false
    }

    /// `core/v1/namespaces/pay/pods/api-0` → `pay/pods/api-0`; `<group>/<version>/x/y` → `x/y`.
    static func gkeResource(_ name: String) -> String {
        var parts = name.split(separator: "/", omittingEmptySubsequences: true)
        if parts.count >= 2, isAPIVersion(parts[1]) { parts.removeFirst(2) }
        if parts.count >= 3, parts[0] == "namespaces" { parts.removeFirst() }
        return parts.joined(separator: "/")
    }
}
