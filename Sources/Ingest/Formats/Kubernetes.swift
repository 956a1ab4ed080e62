import Events

extension FormatMapper {
    /// Kubernetes audit events. Each `auditID` counts once: `RequestReceived` never counts,
    /// the first later stage seen does, and later stages of that request are ignored.
    mutating func kubernetes(_ t: JSONTape, _ r: Int, _ origin: EventOrigin) -> MapResult {
        if t.stringEquals(t.value(r, "stage"), "RequestReceived") { return .ignored }
        var idHash: UInt64?
        if let id = t.value(r, "auditID"), t.kind(id) == .string, !t.isEmptyString(id) {
            let h = t.withRawBytes(id) { RecentIDs.hash($0) }
            if seenAuditIDs.contains(h) { return .ignored }
            idHash = h
        }
        guard let time = FormatMapper.time(t, t.value(r, "stageTimestamp"))
            ?? FormatMapper.time(t, t.value(r, "requestReceivedTimestamp"))
            ?? FormatMapper.time(t, t.value(r, "timestamp"))
        else { return .malformed }

        let user = t.value(r, "user")
        let username = user.flatMap { t.nonEmptyText(t.value($0, "username")) }
        var identity = username ?? "unknown"
        var actor = ""
        if let imp = t.value(r, "impersonatedUser"), t.kind(imp) == .object,
           let impersonated = t.nonEmptyText(t.value(imp, "username")) {
            identity = impersonated
            actor = username ?? ""
        }
        let kind = FormatMapper.kubernetesKind(identity)

        let verb = t.nonEmptyText(t.value(r, "verb")) ?? ""
        var action = verb
        var resource = ""
        if let ref = t.value(r, "objectRef"), t.kind(ref) == .object, let res = t.nonEmptyText(t.value(ref, "resource")) {
            var what = res
            if let sub = t.nonEmptyText(t.value(ref, "subresource")) { what += "/" + sub }
            action += " " + what
            let ns = t.nonEmptyText(t.value(ref, "namespace"))
            let name = t.nonEmptyText(t.value(ref, "name"))
            resource = [ns, res, name].compactMap { $0 }.joined(separator: "/")
        } else {
            var path = t.nonEmptyText(t.value(r, "requestURI")) ?? ""
            if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
            action += " " + path
            resource = path
        }

        var decision = Decision.allow
        let code = t.int(t.find(r, "responseStatus", "code"))
        if t.stringEquals(t.find(r, "annotations", "authorization.k8s.io/decision"), "forbid") {
            decision = .deny
        } else if let code, code == 401 || code == 403 {
            decision = .deny
        } else if let code, code >= 400 {
            decision = .error
        }

        let ip = t.value(r, "sourceIPs").flatMap { t.first($0) }.flatMap { t.scalarText($0) } ?? ""
        let credential = user.flatMap { t.find($0, "extra", "authentication.kubernetes.io/credential-id") }
            .flatMap { t.kind($0) == .array ? t.first($0) : $0 }
            .flatMap { t.scalarText($0) } ?? ""

        if let idHash { _ = seenAuditIDs.insert(idHash) }
        return .event(NormalizedEvent(
            time: time, identity: identity, identityKind: kind, action: action, resource: resource,
            decision: decision, sourceIP: ip, credentialID: credential, format: .k8sAudit,
            origin: origin, actor: actor))
    }

    static func kubernetesKind(_ name: String) -> IdentityKind {
        if name.hasPrefix("system:serviceaccount:") || name.hasPrefix("system:serviceaccounts:") { return .k8sServiceAccount }
        if name.hasPrefix("system:node:") { return .k8sNode }
        if name.hasPrefix("system:kube-") || name == "system:apiserver" { return .k8sControlPlane }
        if name == "system:anonymous" { return .anonymous }
        if name == "unknown" { return .unknown }
        return .human
    }
}
