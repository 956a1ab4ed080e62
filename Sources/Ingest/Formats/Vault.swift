import Events

extension FormatMapper {
    /// HashiCorp Vault audit (file device). Each call is logged as a request and a response:
    /// the response is the event (it carries the outcome and, for logins, the identity);
    /// requests are ignored.
    func vault(_ t: JSONTape, _ r: Int, _ origin: EventOrigin, response: Bool) -> MapResult {
        guard response else { return .ignored }
        guard let time = FormatMapper.time(t, t.value(r, "time")) else { return .malformed }
        let auth = t.value(r, "auth").flatMap { t.kind($0) == .object ? $0 : nil }
        let request = t.value(r, "request")!
        let name = auth.flatMap { t.nonEmptyText(t.value($0, "display_name")) }
        let path = t.nonEmptyText(t.value(request, "path")) ?? ""
        let operation = t.nonEmptyText(t.value(request, "operation")) ?? ""

        var decision = Decision.allow
        if let error = t.value(r, "error"), t.kind(error) == .string, !t.isEmptyString(error) {
            decision = t.string(error).contains("permission denied") ? .deny : .error
        }
        let credential = auth.flatMap { t.nonEmptyText(t.value($0, "accessor")) }
            ?? t.nonEmptyText(t.value(request, "client_token_accessor")) ?? ""
        return .event(NormalizedEvent(
            time: time, identity: name ?? noIdentity(.vault), identityKind: name == nil ? .unknown : .vaultToken,
            action: operation.isEmpty ? path : operation + " " + path, resource: path,
            decision: decision, sourceIP: t.nonEmptyText(t.value(request, "remote_address")) ?? "",
            credentialID: credential, format: .vault, origin: origin))
        // `auth.entity_id` is deliberately not used as `actor`: it names the same principal,
        // and `actor` is reserved for someone *else* acting (impersonation, sessions).
    }
}
