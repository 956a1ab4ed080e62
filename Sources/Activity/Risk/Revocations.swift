import Events

/// What the operator revoked, so the stream can prove it took effect (a deny) or did not
/// (an allow after the grace period: S19, used after revoke). Fed by Response.
public struct Revocation: Hashable, Sendable {
    /// The identity revoked, or empty when only a credential was.
    public var identity: String
    /// The credential revoked (access key, accessor, token id), or empty for the whole identity.
    public var credential: String
    public var revokedAt: EventTime
    /// Propagation is never instant: allows within this many seconds are not held against it.
    public var graceSeconds: Int64

    public init(identity: String, credential: String = "", revokedAt: EventTime, graceSeconds: Int64 = 60) {
        self.identity = identity
        self.credential = credential
        self.revokedAt = revokedAt
        self.graceSeconds = graceSeconds
    }

    /// Whether `e` is an action by what was revoked, after the grace period.
    func covers(_ e: NormalizedEvent) -> Bool {
        guard e.time.microseconds > revokedAt.microseconds + graceSeconds * 1_000_000 else { return false }
        if !credential.isEmpty { return e.credentialID == credential }
        return e.identity == identity
    }
}

/// Whether a revoke has been seen to work.
public enum RevocationEffect: Hashable, Sendable {
    /// No traffic since the revoke (plus grace): nothing proves it either way.
    case unverified
    /// Denied after the revoke: the stream shows it took effect.
    case effective(EventTime)
    /// Allowed after the revoke: it did not take effect (or a survivor credential is in use).
    case usedAfterRevoke(EventTime)
}
