import Events

/// What the operator revoked, so the stream can prove it took effect (a deny) or did not
/// (an allow after the grace period: S19, used after revoke). Fed by Response's ledger.
public struct Revocation: Hashable, Sendable {
    /// The identity revoked, or empty when only a credential was.
    public var identity: String
    /// The credential revoked (access key, accessor, token id), or empty for the whole identity.
    public var credential: String
    public var revokedAt: EventTime
    /// Propagation is never instant: allows within this many seconds are not held against it.
    public var graceSeconds: Int64
    /// The ledger row's action id: undo names it.
    public var actionID: String
    /// Who revoked it and why, as the row and the detail pane say it ("revoked by alice 12 s ago").
    public var by: String
    public var reason: String
    /// The hook that did it (`denylist`, `manual`, or a configured hook's name).
    public var hook: String
    /// Whether `U` can undo it.
    public var reversible: Bool

    public init(identity: String, credential: String = "", revokedAt: EventTime, graceSeconds: Int64 = 60,
                actionID: String = "", by: String = "", reason: String = "", hook: String = "",
                reversible: Bool = false) {
        self.identity = identity
        self.credential = credential
        self.revokedAt = revokedAt
        self.graceSeconds = graceSeconds
        self.actionID = actionID
        self.by = by
        self.reason = reason
        self.hook = hook
        self.reversible = reversible
    }

    /// The end of the grace period. Saturating: a grace read from an edited ledger row can be
    /// any Int64, and the dashboard must not trap on it.
    public var graceEnds: EventTime {
        let (micros, overflow) = max(0, graceSeconds).multipliedReportingOverflow(by: 1_000_000)
        let (end, past) = revokedAt.microseconds.addingReportingOverflow(micros)
        return EventTime(microseconds: overflow || past ? .max : end)
    }

    /// Whether `e` is an action by what was revoked, after the grace period.
    func covers(_ e: NormalizedEvent) -> Bool {
        guard e.time > graceEnds else { return false }
        return concerns(e)
    }

    /// Whether `e` was done by what was revoked, at any time: the credential when one was
    /// revoked (whoever uses it), else the identity.
    func concerns(_ e: NormalizedEvent) -> Bool {
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

/// A revoke as the identity's row and detail show it, at the snapshot's clock:
/// REVOKED → pending (grace countdown) → effective, or STILL ACTIVE.
public struct RevocationStatus: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        /// Within the grace period: `secondsLeft` of event time remain.
        case pending(secondsLeft: Int64)
        /// A deny after the revoke proves it (`deniedAt`), or nothing was allowed since the
        /// grace period ended (`deniedAt` nil: quiet).
        case effective(deniedAt: EventTime?)
        /// Allowed after revoke time plus grace: the revoke did not hold.
        case stillActive(at: EventTime, action: String)
    }

    public var revocation: Revocation
    public var state: State

    public init(revocation: Revocation, state: State) {
        self.revocation = revocation
        self.state = state
    }
}

/// The operator has seen an identity's alert: recorded, shown on its row, and the same
/// signals do not alert again until a new signal class fires or `quietSeconds` pass.
public struct Acknowledgement: Hashable, Sendable {
    public var at: EventTime
    public var by: String
    public var note: String
    /// Event-time seconds during which the acknowledged signal classes do not re-alert.
    public var quietSeconds: Int64

    public init(at: EventTime, by: String, note: String, quietSeconds: Int64 = 3600) {
        self.at = at
        self.by = by
        self.note = note
        self.quietSeconds = quietSeconds
    }
}

/// What the stream has shown about one revocation so far: the evidence behind its
/// `RevocationEffect` and `RevocationStatus`. Kept by the aggregator for each revocation in force.
struct RevocationTrace: Hashable, Sendable {
    let revocation: Revocation
    /// The earliest deny after revoke time (grace or not: a deny is proof at any time).
    var firstDeny: EventTime?
    /// The earliest allow after revoke time plus grace, and what it did.
    var firstUse: EventTime?
    var firstUseAction = ""

    init(_ r: Revocation) { revocation = r }

    /// Folds one event done by what was revoked. Returns true the first time an allow past
    /// the grace period is seen (the caller raises the critical alert once).
    mutating func observe(_ e: NormalizedEvent) -> Bool {
        guard e.time > revocation.revokedAt else { return false }  // before the revoke proves nothing
        switch e.decision {
        case .deny:
            if firstDeny.map({ e.time < $0 }) ?? true { firstDeny = e.time }
        case .allow:
            guard e.time > revocation.graceEnds else { return false }  // still propagating
            guard let seen = firstUse else {
                firstUse = e.time
                firstUseAction = e.action
                return true
            }
            // Out-of-order input: keep the earliest use, so replay order does not matter.
            if e.time < seen {
                firstUse = e.time
                firstUseAction = e.action
            }
        case .error, .unknown:
            break
        }
        return false
    }

    var effect: RevocationEffect {
        if let t = firstUse { return .usedAfterRevoke(t) }
        if let t = firstDeny { return .effective(t) }
        return .unverified
    }

    /// The state at `clock`: a use past grace outranks a deny (the revoke did not hold
    /// everywhere); a deny proves it at once; otherwise the grace countdown, then quiet.
    func status(at clock: EventTime) -> RevocationStatus {
        let state: RevocationStatus.State
        if let t = firstUse {
            state = .stillActive(at: t, action: firstUseAction)
        } else if let t = firstDeny {
            state = .effective(deniedAt: t)
        } else if clock <= revocation.graceEnds {  // an allow at the very end is still within grace
            // Saturating: an edited ledger row can put either end anywhere in Int64.
            let (micros, over) = revocation.graceEnds.microseconds.subtractingReportingOverflow(clock.microseconds)
            let left = over || micros > Int64.max - 999_999 ? Int64.max / 1_000_000 : (micros + 999_999) / 1_000_000
            state = .pending(secondsLeft: left)
        } else {
            state = .effective(deniedAt: nil)
        }
        return RevocationStatus(revocation: revocation, state: state)
    }
}
