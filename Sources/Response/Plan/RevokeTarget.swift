import Events

/// The identity a revoke is aimed at, with what the plan shows and the hooks' variables need.
public struct RevokeTarget: Hashable, Sendable {
    /// The identity exactly as nhitop shows it (`arn:aws:iam::123456789012:user/svc-reporting`).
    public var identity: String
    public var kind: IdentityKind
    /// Credentials seen in use, most useful first; the first fills `$CREDENTIAL_ID`.
    public var credentials: [String]
    /// The top risk reasons in words: they prefill the reason.
    public var reasons: [String]
    /// Its last events, one line each ("15:16:11 ALLOW s3:GetObject prod/x"), newest first.
    public var recentEvents: [String]

    public init(identity: String, kind: IdentityKind, credentials: [String] = [], reasons: [String] = [],
                recentEvents: [String] = []) {
        self.identity = identity
        self.kind = kind
        self.credentials = credentials
        self.reasons = reasons
        self.recentEvents = recentEvents
    }

    public var credential: String { credentials.first ?? "" }

    /// The short name tools want: an ARN's last path segment, a Kubernetes service account's
    /// name, a prefixed key's id (`apikey:partner` → `partner`).
    public var name: String { IdentityName.parse(identity).name }
    public var namespace: String { IdentityName.parse(identity).namespace }
    public var account: String { IdentityName.parse(identity).account }
}

/// Splits an identity string into the parts hooks address it by.
public enum IdentityName {
    public static func parse(_ identity: String) -> (name: String, namespace: String, account: String) {
        // arn:aws:iam::123456789012:user/path/svc-reporting, arn:aws:sts::1:assumed-role/r/s
        if identity.hasPrefix("arn:") {
            let fields = identity.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            let account = fields.count > 4 ? String(fields[4]) : ""
            let resource = fields.count > 5 ? String(fields[5]) : ""
            let parts = resource.split(separator: "/")
            var name = parts.last.map(String.init) ?? resource
            if parts.first == "assumed-role", parts.count >= 2 { name = String(parts[1]) }
            return (name, "", account)
        }
        // system:serviceaccount:<namespace>:<name>
        if identity.hasPrefix("system:serviceaccount:") {
            let rest = identity.dropFirst("system:serviceaccount:".count).split(separator: ":", maxSplits: 1)
            if rest.count == 2 { return (String(rest[1]), String(rest[0]), "") }
        }
        // agent:billing-assistant, apikey:partner-logistics, github-app/renovate
        if let colon = identity.firstIndex(of: ":"), !identity.hasPrefix("system:") {
            let tail = identity[identity.index(after: colon)...]
            if !tail.isEmpty { return (String(tail), "", "") }
        }
        return (identity, "", "")
    }
}
