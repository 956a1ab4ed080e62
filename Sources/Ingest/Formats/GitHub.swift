import Events

extension FormatMapper {
    /// GitHub audit log (REST, streaming, export).
    func github(_ t: JSONTape, _ r: Int, _ origin: EventOrigin) -> MapResult {
        guard let time = FormatMapper.githubTime(t, t.value(r, "@timestamp")) ?? FormatMapper.githubTime(t, t.value(r, "created_at"))
        else { return .malformed }
        let named = t.scalarText(t.value(r, "actor")) ?? t.scalarText(t.value(r, "actor_id"))
        let actor = named ?? noIdentity(.github)
        let action = t.string(t.value(r, "action")!)

        // By what the record says, not by how the name looks: no actor is an anonymous caller
        // (a clone of a public repository); `github` is GitHub itself acting (transfers, staff
        // actions, automatic jobs), not a person.
        let kind: IdentityKind
        if named == nil { kind = .anonymous }
        else if actor.hasSuffix("[bot]") || t.bool(t.value(r, "actor_is_bot")) == true { kind = .githubApp }
        else if t.value(r, "programmatic_access_type").map({ t.kind($0) != .null }) == true { kind = .githubToken }
        else if actor == "github" { kind = .service }
        else { kind = .human }

        var credential = ""
        if let id = t.value(r, "token_id"), let s = t.scalarText(id), s != "0" { credential = s }
        if credential.isEmpty { credential = t.scalarText(t.value(r, "hashed_token")) ?? "" }

        var decision = Decision.allow
        let status = t.int(t.value(r, "status_code"))
        if status == 401 || status == 403 || action.hasSuffix(".denied") || action.hasSuffix("rejected_ref_update") {
            decision = .deny
        } else if let status, status >= 400 {
            decision = .error
        }
        let resource = t.scalarText(t.value(r, "repo")) ?? t.scalarText(t.value(r, "repository"))
            ?? t.scalarText(t.value(r, "org")) ?? ""
        return .event(NormalizedEvent(
            time: time, identity: actor, identityKind: kind, action: action, resource: resource,
            decision: decision, sourceIP: t.scalarText(t.value(r, "actor_ip")) ?? "",
            credentialID: credential, format: .github, origin: origin))
    }

    /// Epoch milliseconds (a number, or a string of digits) or ISO 8601 text.
    static func githubTime(_ t: JSONTape, _ v: Int?) -> EventTime? {
        guard let v else { return nil }
        if t.kind(v) == .number || (t.kind(v) == .string && t.withRawBytes(v) { !$0.isEmpty && $0.allSatisfy { $0 &- 0x30 <= 9 } }) {
            guard let ms = t.int(v) else { return nil }
            // Saturates: an extreme value lands outside `EventTime.saneRange` and is malformed.
            return EventTime(milliseconds: ms)
        }
        return time(t, v)
    }
}
