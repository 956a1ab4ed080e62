import Events

extension FormatMapper {
    /// nhitop's own JSON-lines event (the agent schema):
    /// `{"ts":"<RFC3339>","identity":"…","kind":"ai_agent","action":"…","resource":"…",
    ///   "decision":"allow|deny|error|unknown","source_ip":"…","credential":"…","actor":"…"}`.
    /// `ts`, `identity` and `action` are required; an unknown `kind` or `decision` label maps to unknown.
    func nhitop(_ t: JSONTape, _ r: Int, _ origin: EventOrigin) -> MapResult {
        guard let time = FormatMapper.time(t, t.value(r, "ts")),
              let identity = t.nonEmptyText(t.value(r, "identity")),
              let action = t.nonEmptyText(t.value(r, "action"))
        else { return .malformed }
        let kind = t.text(t.value(r, "kind")).flatMap { IdentityKind(label: $0) } ?? .unknown
        let decision = t.text(t.value(r, "decision")).flatMap { Decision(label: $0) } ?? .unknown
        return .event(NormalizedEvent(
            time: time, identity: identity, identityKind: kind, action: action,
            resource: t.text(t.value(r, "resource")) ?? "", decision: decision,
            sourceIP: t.text(t.value(r, "source_ip")) ?? "", credentialID: t.text(t.value(r, "credential")) ?? "",
            format: .nhitop, origin: origin, actor: t.text(t.value(r, "actor")) ?? ""))
    }
}
