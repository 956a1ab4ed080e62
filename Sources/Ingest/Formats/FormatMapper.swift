import Events

/// What one record became.
enum MapResult {
    case event(NormalizedEvent)
    /// Recognised, but not an event (Vault request entries, k8s `RequestReceived`, repeated stages,
    /// OPA console lines that are not decisions).
    case ignored
    /// Recognised but unusable (unparseable time, missing required field), or not recognised at all.
    case malformed
}

/// Detects a record's format and maps it onto a `NormalizedEvent`, reading only the fields it needs
/// straight from the tape. Holds the per-source state the formats need (k8s stage dedupe) and
/// scratch buffers reused across records.
struct FormatMapper {
    enum OPAPath {
        case plain([[UInt8]])
        case jwt([[UInt8]])
    }

    let opaPaths: [OPAPath]
    let mappings: [FormatMapping]
    let kindRules: [KindRule]
    /// The Kubernetes dedupe key of the record just mapped (nil for other formats): the run's
    /// auditID dedupe is applied to it by `RecordAdmission`, in stream order.
    var dedupeKey: DedupeKey?
    var jwtTape: JSONTape
    var scratch: [UInt8] = []

    init(options: IngestOptions) {
        opaPaths = options.opaIdentityPaths.map { spec in
            let isJWT = spec.hasPrefix("jwt:")
            let body = isJWT ? String(spec.dropFirst(4)) : spec
            let keys = body.split(separator: ".", omittingEmptySubsequences: true).map { Array($0.utf8) }
            return isJWT ? .jwt(keys) : .plain(keys)
        }
        mappings = options.mappings
        kindRules = options.kindRules
        jwtTape = JSONTape(maxDepth: 32)
    }

    /// Detection order: CloudTrail, Kubernetes audit (native, then GKE), Vault, OPA, GitHub, nhitop's own, then the
    /// operator's mappings in file order; first match wins.
    mutating func map(_ t: JSONTape, _ r: Int, origin: EventOrigin) -> MapResult {
        if t.value(r, "eventVersion") != nil, t.value(r, "eventSource") != nil, t.value(r, "userIdentity") != nil {
            return cloudTrail(t, r, origin)
        }
        // Falco's k8s audit trace files (real exports) omit `apiVersion`: accept `kind: Event`
        // without it when the audit-only fields `auditID` and `verb` are there.
        if t.stringEquals(t.value(r, "kind"), "Event"),
           t.hasPrefix(t.value(r, "apiVersion"), "audit.k8s.io/")
            || (t.value(r, "apiVersion") == nil && t.value(r, "auditID") != nil && t.value(r, "verb") != nil) {
            return kubernetes(t, r, origin)
        }
        // GKE's Kubernetes audit as Cloud Logging exports it.
        if let payload = t.value(r, "protoPayload"), t.kind(payload) == .object,
           t.stringEquals(t.value(payload, "serviceName"), "k8s.io") || t.hasPrefix(t.value(payload, "methodName"), "io.k8s.") {
            return gkeAudit(t, r, payload, origin)
        }
        if let type = t.value(r, "type"), t.kind(type) == .string, t.value(r, "time") != nil {
            if t.stringEquals(type, "request") || t.stringEquals(type, "response"), t.find(r, "request", "path") != nil {
                return vault(t, r, origin, response: t.stringEquals(type, "response"))
            }
            // KMIP entries have no path: the client is known by its certificate.
            if t.stringEquals(type, "kmip-request") || t.stringEquals(type, "kmip-response"),
               let request = t.value(r, "request"), t.kind(request) == .object {
                return vaultKMIP(t, r, request, origin, response: t.stringEquals(type, "kmip-response"))
            }
        }
        if t.value(r, "decision_id") != nil,
           t.stringEquals(t.value(r, "msg"), "Decision Log")
            || t.stringEquals(t.value(r, "type"), "openpolicyagent.org/decision_logs")
            || ((t.value(r, "path") != nil || t.value(r, "query") != nil)
                && (t.value(r, "result") != nil || t.value(r, "input") != nil)) {
            return opa(t, r, origin)
        }
        // No actor: an anonymous `git.clone` of a public repository, or any entry carrying
        // GitHub's own `_document_id`.
        if let action = t.value(r, "action"), FormatMapper.isGitHubAction(t, action),
           t.value(r, "actor") != nil || t.value(r, "actor_id") != nil
            || t.value(r, "_document_id") != nil
            || (t.hasPrefix(action, "git.") && (t.value(r, "repo") != nil || t.value(r, "repository") != nil)),
           t.value(r, "@timestamp") != nil || t.value(r, "created_at") != nil,
           t.value(r, "eventSource") == nil {
            return github(t, r, origin)
        }
        if t.value(r, "ts") != nil, t.value(r, "identity") != nil, t.value(r, "action") != nil {
            return nhitop(t, r, origin)
        }
        for mapping in mappings where mapping.matches(t, r) {
            guard case .event(var event) = mapping.map(t, r, origin: origin) else { return .malformed }
            if event.identityKind == .unknown, let kind = KindRule.kind(of: event.identity, in: kindRules) {
                event.identityKind = kind
            }
            return .event(event)
        }
        // A logger line that is not a decision (OPA's console logger: "msg":"Received request.").
        if t.kind(t.value(r, "msg") ?? r) == .string, t.value(r, "level") != nil || t.value(r, "time") != nil {
            return .ignored
        }
        return .malformed
    }

    /// `^[a-z_]+\.[a-z_]+` on a string token.
    static func isGitHubAction(_ t: JSONTape, _ v: Int) -> Bool {
        guard t.kind(v) == .string else { return false }
        return t.withRawBytes(v) { b in
            var i = 0
            while i < b.count, (b[i] &- 0x61 < 26 || b[i] == 0x5F) { i += 1 }
            guard i > 0, i < b.count, b[i] == 0x2E else { return false }
            i += 1
            return i < b.count && (b[i] &- 0x61 < 26 || b[i] == 0x5F)
        }
    }

    /// Parses a timestamp string token.
    static func time(_ t: JSONTape, _ v: Int?) -> EventTime? {
        guard let v, t.kind(v) == .string else { return nil }
        if t.tokens[v].escaped { return TimestampParser.parse(t.string(v)) }
        return t.withRawBytes(v) { TimestampParser.parse($0) }
    }
}

extension JSONTape {
    /// True when `t` is a string starting with `prefix`.
    func hasPrefix(_ t: Int?, _ prefix: StaticString) -> Bool {
        guard let t, kind(t) == .string else { return false }
        let p = UnsafeRawBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        if tokens[t].escaped { return string(t).utf8.starts(with: p) }
        return withRawBytes(t) { $0.starts(with: p) }
    }

    /// True when `t` is a string ending with `suffix`.
    func hasSuffix(_ t: Int?, _ suffix: StaticString) -> Bool {
        guard let t, kind(t) == .string else { return false }
        let s = UnsafeRawBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
        if tokens[t].escaped { return string(t).utf8.reversed().starts(with: s.reversed()) }
        return withRawBytes(t) { $0.count >= s.count && $0[($0.count - s.count)...].elementsEqual(s) }
    }

    /// A string or number rendered as text, when present and non-empty.
    func scalarText(_ t: Int?) -> String? {
        guard let t else { return nil }
        switch kind(t) {
        case .string: return tokens[t].end > tokens[t].start ? string(t) : nil
        case .number: return string(t)
        default: return nil
        }
    }

    /// Boolean value of `true`/`false` tokens.
    func bool(_ t: Int?) -> Bool? {
        guard let t else { return nil }
        switch kind(t) {
        case .trueValue: return true
        case .falseValue: return false
        default: return nil
        }
    }
}
