import Events

extension FormatMapper {
    /// Vault Enterprise KMIP audit entries (`kmip-request` / `kmip-response`). They have no
    /// `request.path` and no token: the client is the TLS client certificate, logged as
    /// `request.client_certificate_serial_number`. `data.kmip_request` / `data.kmip_response` are
    /// the KMIP TTLV messages as `{tag, type, value}` trees. As with HTTP entries, the response is
    /// the event and the request is ignored.
    /// - identity `kmip-cert:<serial>` (kind service: a KMIP client is an application such as a
    ///   database doing encryption at rest); the serial is the credential to revoke. No serial:
    ///   `(no identity) vault`, kind unknown.
    /// - action `kmip <operation>` from the first batch item's `Operation` (`kmip get`);
    ///   resource its `UniqueIdentifier` when given.
    /// - decision from `ResultStatus`: 0 success → allow; 1 failed → deny when `ResultReason` is
    ///   Authentication Not Successful (3) or Permission Denied (12), else error; pending/undone → unknown.
    func vaultKMIP(_ t: JSONTape, _ r: Int, _ request: Int, _ origin: EventOrigin, response: Bool) -> MapResult {
        guard response else { return .ignored }
        guard let time = FormatMapper.time(t, t.value(r, "time")) else { return .malformed }
        let serial = t.nonEmptyText(t.value(request, "client_certificate_serial_number"))
        let requestItem = t.find(request, "data", "kmip_request").flatMap { FormatMapper.kmipChild(t, $0, "BatchItem") }
        let responseItem = t.find(r, "response", "data", "kmip_response").flatMap { FormatMapper.kmipChild(t, $0, "BatchItem") }

        let operation = (requestItem ?? responseItem)
            .flatMap { FormatMapper.kmipChild(t, $0, "Operation") }
            .flatMap { FormatMapper.kmipEnum(t, $0) }
        let action = "kmip " + (operation.map(FormatMapper.kmipOperationName) ?? "request")
        let resource = requestItem
            .flatMap { FormatMapper.kmipChild(t, $0, "RequestPayload") }
            .flatMap { FormatMapper.kmipChild(t, $0, "UniqueIdentifier") }
            .flatMap { t.nonEmptyText(t.value($0, "value")) } ?? ""

        var decision = Decision.unknown
        if let item = responseItem, let status = FormatMapper.kmipChild(t, item, "ResultStatus").flatMap({ FormatMapper.kmipEnum(t, $0) }) {
            switch status {
            case 0: decision = .allow
            case 1:
                let reason = FormatMapper.kmipChild(t, item, "ResultReason").flatMap { FormatMapper.kmipEnum(t, $0) }
                decision = reason == 3 || reason == 12 ? .deny : .error
            default: decision = .unknown
            }
        }
        if let error = t.value(r, "error"), t.kind(error) == .string, !t.isEmptyString(error) {
            decision = t.string(error).contains("permission denied") ? .deny : .error
        }
        let ip = t.nonEmptyText(t.value(request, "remote_address")).map(FormatMapper.host(ofHostPort:)) ?? ""
        return .event(NormalizedEvent(
            time: time, identity: serial.map { "kmip-cert:" + $0 } ?? noIdentity(.vault),
            identityKind: serial == nil ? .unknown : .service, action: action, resource: resource,
            decision: decision, sourceIP: ip, credentialID: serial ?? "", format: .vault, origin: origin))
    }

    /// The first element of a TTLV structure's `value` array whose `tag` is `tag`.
    static func kmipChild(_ t: JSONTape, _ node: Int, _ tag: StaticString) -> Int? {
        guard t.kind(node) == .object, let list = t.value(node, "value"), t.kind(list) == .array else { return nil }
        for e in t.elements(list) where t.kind(e) == .object && t.stringEquals(t.value(e, "tag"), tag) { return e }
        return nil
    }

    /// An enumeration's value (`"0x0000000a"`, or a number).
    static func kmipEnum(_ t: JSONTape, _ node: Int) -> Int? {
        guard let v = t.value(node, "value") else { return nil }
        if t.kind(v) == .number { return t.int(v).map { Int($0) } }
        guard let s = t.nonEmptyText(v) else { return nil }
        if s.hasPrefix("0x") || s.hasPrefix("0X") { return Int(s.dropFirst(2), radix: 16) }
        return Int(s)
    }

    /// KMIP 1.x–2.x operation codes, snake-cased; unknown codes as `op_0x…`.
    static func kmipOperationName(_ code: Int) -> String {
        let names = [
            "create", "create_key_pair", "register", "rekey", "derive_key", "certify", "recertify", "locate",
            "check", "get", "get_attributes", "get_attribute_list", "add_attribute", "modify_attribute",
            "delete_attribute", "obtain_lease", "get_usage_allocation", "activate", "revoke", "destroy",
            "archive", "recover", "validate", "query", "cancel", "poll", "notify", "put", "rekey_key_pair",
            "discover_versions", "encrypt", "decrypt", "sign", "signature_verify", "mac", "mac_verify",
            "rng_retrieve", "rng_seed", "hash", "create_split_key", "join_split_key", "import", "export",
        ]
        return code >= 1 && code <= names.count ? names[code - 1] : "op_0x" + String(code, radix: 16)
    }
}
