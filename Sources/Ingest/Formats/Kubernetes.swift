import Events

extension FormatMapper {
    /// Kubernetes audit events. Each request counts once: `RequestReceived` never counts, the
    /// first later stage seen does, and later stages of that request (same auditID, user and verb,
    /// in any source of the run) are ignored. An auditID seen before with another user or verb is
    /// counted, and flagged in `auditIDReused`.
    mutating func kubernetes(_ t: JSONTape, _ r: Int, _ origin: EventOrigin) -> MapResult {
        if t.stringEquals(t.value(r, "stage"), "RequestReceived") { return .ignored }
        let user = t.value(r, "user")
        if let id = t.value(r, "auditID"), t.kind(id) == .string, !t.isEmptyString(id) {
            let idHash = t.withRawBytes(id) { RecentIDs.hash($0) }
            // The request key chains auditID, username and verb, each ended by 0xFF (never in UTF-8).
            var h = RecentIDs.mix(idHash, 0xFF)
            if let name = user.flatMap({ t.value($0, "username") }), t.kind(name) == .string {
                h = t.withRawBytes(name) { RecentIDs.hash($0, seed: h) }
            }
            h = RecentIDs.mix(h, 0xFF)
            if let verb = t.value(r, "verb"), t.kind(verb) == .string {
                h = t.withRawBytes(verb) { RecentIDs.hash($0, seed: h) }
            }
            // Checked against the run's dedupe, and remembered, by `RecordAdmission` in stream
            // order: this may run on any thread, ahead of the records before it.
            dedupeKey = DedupeKey(id: idHash, request: h)
        }
        guard let time = FormatMapper.time(t, t.value(r, "stageTimestamp"))
            ?? FormatMapper.time(t, t.value(r, "requestReceivedTimestamp"))
            ?? FormatMapper.time(t, t.value(r, "timestamp"))
        else { return .malformed }
        // Checked here as well as in the decoder: a stage the decoder will reject as malformed
        // must not be remembered, or the request's valid stage after it would be dropped as a repeat.
        guard time.isSane else { return .malformed }

        let username = user.flatMap { t.nonEmptyText(t.value($0, "username")) }
        var identity = username ?? noIdentity(.k8sAudit)
        var actor = ""
        if let imp = t.value(r, "impersonatedUser"), t.kind(imp) == .object,
           let impersonated = t.nonEmptyText(t.value(imp, "username")) {
            identity = impersonated
            actor = username ?? ""
        }
        let kind = username == nil && actor.isEmpty ? IdentityKind.unknown : FormatMapper.kubernetesKind(identity)

        // `verb resource[/subresource]` and `[namespace/]resource[/name]`, or `verb path` and
        // `path` (the request URI without its query): each written once from the tape.
        let verb = t.nonEmptyString(t.value(r, "verb"))
        let action: String
        let resource: String
        if let ref = t.value(r, "objectRef"), t.kind(ref) == .object, let res = t.nonEmptyString(t.value(ref, "resource")) {
            let sub = t.nonEmptyString(t.value(ref, "subresource"))
            let ns = t.nonEmptyString(t.value(ref, "namespace"))
            let name = t.nonEmptyString(t.value(ref, "name"))
            action = t.makeText(capacity: t.textCapacity(verb) + t.textCapacity(res) + t.textCapacity(sub) + 2) { w in
                if let verb { w.text(verb) }
                w.byte(0x20)
                w.text(res)
                if let sub { w.byte(0x2F); w.text(sub) }
            }
            resource = t.makeText(capacity: t.textCapacity(ns) + t.textCapacity(res) + t.textCapacity(name) + 2) { w in
                if let ns { w.text(ns); w.byte(0x2F) }
                w.text(res)
                if let name { w.byte(0x2F); w.text(name) }
            }
        } else if let uri = t.nonEmptyString(t.value(r, "requestURI")), let cut = t.asciiDelimiter(uri, 0x3F).prefixLength {
            action = t.makeText(capacity: t.textCapacity(verb) + 1 + cut) { w in
                if let verb { w.text(verb) }
                w.byte(0x20)
                w.text(uri, 0..<cut)
            }
            resource = t.makeText(capacity: cut) { $0.text(uri, 0..<cut) }
        } else {
            var path = t.nonEmptyText(t.value(r, "requestURI")) ?? ""
            if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
            action = (verb.map { t.string($0) } ?? "") + " " + path
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

        return .event(NormalizedEvent(
            time: time, identity: identity, identityKind: kind, action: action, resource: resource,
            decision: decision, sourceIP: ip, credentialID: credential, format: .k8sAudit,
            origin: origin, actor: actor))
    }

    /// What a Kubernetes username is. `system:` names are reserved for the platform's own
    /// components; `aksService` (AKS) and `eks:` names (EKS) are the managed control plane.
    static func kubernetesKind(_ name: String) -> IdentityKind {
        if name.hasPrefix("system:serviceaccount:") || name.hasPrefix("system:serviceaccounts:") { return .k8sServiceAccount }
        if name.hasPrefix("system:node:") { return .k8sNode }
        if name == "system:anonymous" { return .anonymous }
        if name.hasPrefix("system:") || name.hasPrefix("eks:") || name == "aksService" { return .k8sControlPlane }
        return .human
    }
}
