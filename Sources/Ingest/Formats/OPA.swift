import Events

extension FormatMapper {
    /// OPA decision logs (upload body entries and console-logger "Decision Log" lines).
    ///
    /// Identity: the first present of `IngestOptions.opaIdentityPaths`. When none is present the
    /// identity is `(no identity) opa` (kind `.unknown`): `requested_by` is only the caller's
    /// ip:port, so it becomes the source IP rather than an identity.
    ///
    /// Kind: an input naming a `tool` is an AI agent's tool call; otherwise the first matching
    /// `IngestOptions.kindRules` rule (by default only an `agent:` prefix makes an AI agent, and
    /// `spiffe://` a workload); otherwise a service.
    mutating func opa(_ t: JSONTape, _ r: Int, _ origin: EventOrigin) -> MapResult {
        guard let time = FormatMapper.time(t, t.value(r, "timestamp")) ?? FormatMapper.time(t, t.value(r, "time"))
        else { return .malformed }
        let input = t.value(r, "input").flatMap { t.kind($0) == .object ? $0 : nil }

        var identity: String?
        var credential = ""
        for path in opaPaths {
            switch path {
            case .plain(let keys):
                if let v = t.find(r, path: keys), let s = FormatMapper.identityText(t, v) { identity = s }
            case .jwt(let keys):
                if let v = t.find(r, path: keys), t.kind(v) == .string, let claims = jwtClaims(t, v) {
                    identity = claims.subject
                    credential = claims.tokenID
                }
            }
            if identity != nil { break }
        }

        let tool = input.flatMap { t.scalarText(t.value($0, "tool")) }
        let method = input.flatMap { t.nonEmptyText(t.value($0, "method")) ?? t.nonEmptyText(t.find($0, "attributes", "request", "http", "method")) }
        let requestPath = input.flatMap { FormatMapper.requestPath(t, $0) }

        var action: String
        if let a = input.flatMap({ t.scalarText(t.value($0, "action")) }) {
            action = tool.map { a + ":" + $0 } ?? a
        } else if let tool {
            action = "tool:" + tool
        } else if let method, let requestPath {
            action = method + " " + requestPath
        } else {
            action = t.nonEmptyText(t.value(r, "path")) ?? t.nonEmptyText(t.value(r, "query")) ?? method ?? ""
        }
        if action.isEmpty { action = "decision" }

        var resource = ""
        if let res = input.flatMap({ t.value($0, "resource") }) {
            resource = FormatMapper.identityText(t, res) ?? ""
        }
        if resource.isEmpty { resource = requestPath ?? "" }

        var decision = Decision.unknown
        if let error = t.value(r, "error"), t.kind(error) != .null, !t.isEmptyString(error) {
            decision = .error
        } else if let result = t.value(r, "result") {
            switch t.kind(result) {
            case .trueValue: decision = .allow
            case .falseValue: decision = .deny
            case .string:
                if t.stringEquals(result, "true") { decision = .allow } else if t.stringEquals(result, "false") { decision = .deny }
            case .object:
                if let b = t.bool(t.value(result, "allow")) ?? t.bool(t.value(result, "allowed")) {
                    decision = b ? .allow : .deny
                }
            default:
                break
            }
        }

        let name = identity ?? noIdentity(.opa)
        let kind: IdentityKind
        if tool != nil { kind = .aiAgent }
        else if identity == nil { kind = .unknown }
        else { kind = KindRule.kind(of: name, in: kindRules) ?? .service }

        var ip = input.flatMap {
            t.nonEmptyText(t.find($0, "attributes", "source", "address", "socketAddress", "address"))
                ?? t.nonEmptyText(t.find($0, "attributes", "source", "address", "Address", "SocketAddress", "address"))
        } ?? ""
        if ip.isEmpty, let by = t.nonEmptyText(t.value(r, "requested_by")) { ip = FormatMapper.host(ofHostPort: by) }

        return .event(NormalizedEvent(
            time: time, identity: name, identityKind: kind, action: action, resource: resource,
            decision: decision, sourceIP: ip, credentialID: credential, format: .opa, origin: origin))
    }

    /// A string, or an object's `name`, `id` or `sub`.
    static func identityText(_ t: JSONTape, _ v: Int) -> String? {
        switch t.kind(v) {
        case .string, .number: return t.scalarText(v)
        case .object:
            return t.scalarText(t.value(v, "name")) ?? t.scalarText(t.value(v, "id")) ?? t.scalarText(t.value(v, "sub"))
        default: return nil
        }
    }

    /// The HTTP path the decision was about: `input.path` (string, or segments), Envoy's
    /// `attributes.request.http.path`, or `parsed_path` segments.
    static func requestPath(_ t: JSONTape, _ input: Int) -> String? {
        func joined(_ v: Int) -> String? {
            switch t.kind(v) {
            case .string: return t.nonEmptyText(v)
            case .array:
                let parts = t.elements(v).compactMap { t.scalarText($0) }
                return parts.isEmpty ? nil : "/" + parts.joined(separator: "/")
            default: return nil
            }
        }
        if let p = t.value(input, "path"), let s = joined(p) { return s }
        if let p = t.find(input, "attributes", "request", "http", "path"), let s = joined(p) { return s }
        if let p = t.value(input, "parsed_path"), let s = joined(p) { return s }
        return nil
    }

    /// `1.2.3.4:80` → `1.2.3.4`; `[::1]:59943` → `::1`; anything else unchanged.
    static func host(ofHostPort s: String) -> String {
        if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
            return String(s[s.index(after: s.startIndex)..<close])
        }
        if s.filter({ $0 == ":" }).count == 1, let colon = s.firstIndex(of: ":") { return String(s[..<colon]) }
        return s
    }

    /// The `sub` (else `azp`) and `jti` claims of an unverified bearer JWT held in string token `v`.
    /// The token is only read through scratch buffers; nothing of it is kept.
    mutating func jwtClaims(_ t: JSONTape, _ v: Int) -> (subject: String, tokenID: String)? {
        t.decodedBytes(v, into: &scratch)
        // Skip an optional "Bearer " scheme (any case) and surrounding spaces.
        var start = 0
        while start < scratch.count, scratch[start] == 0x20 { start += 1 }
        let bearer: [UInt8] = Array("bearer ".utf8)
        if scratch.count - start > bearer.count,
           zip(scratch[start..<(start + bearer.count)], bearer).allSatisfy({ ($0 | 0x20) == $1 }) {
            start += bearer.count
            while start < scratch.count, scratch[start] == 0x20 { start += 1 }
        }
        guard let dot1 = scratch[start...].firstIndex(of: 0x2E),
              let dot2 = scratch[(dot1 + 1)...].firstIndex(of: 0x2E) else { return nil }
        var payload: [UInt8] = []
        let ok = scratch.withUnsafeBytes { raw in
            Base64URL.decode(UnsafeRawBufferPointer(rebasing: raw[(dot1 + 1)..<dot2]), into: &payload)
        }
        for i in scratch.indices { scratch[i] = 0 }  // do not leave the token lying in a buffer
        guard ok, jwtTape.parse(payload), jwtTape.kind(0) == .object else { return nil }
        guard let sub = jwtTape.scalarText(jwtTape.value(0, "sub")) ?? jwtTape.scalarText(jwtTape.value(0, "azp")) else { return nil }
        return (sub, jwtTape.scalarText(jwtTape.value(0, "jti")) ?? "")
    }
}
