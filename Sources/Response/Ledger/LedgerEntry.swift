import Events

/// What a ledger row records.
public enum LedgerAction: String, Hashable, Sendable, CaseIterable {
    case revoke, undo, acknowledge
}

/// How the recorded step ended.
public enum LedgerOutcome: String, Hashable, Sendable, CaseIterable {
    /// The hook exited 0 (or the built-in deny-list was written).
    case succeeded
    /// The hook exited non-zero or could not start.
    case failed
    /// The hook ran past its timeout and was killed.
    case timedOut = "timed_out"
    /// A rehearsal: nothing was changed.
    case dryRun = "dry_run"
    /// The operator revoked by other means and recorded it here.
    case manual
    /// An acknowledgement: nothing ran.
    case recorded
    /// nhitop ended while the hook ran (kill -9, a crash, power): the hook may or may not have
    /// acted. Written by the next nhitop to open the ledger, from the record made before the hook ran.
    case interrupted

    /// Whether a revoke with this outcome is in force (the stream is watched for use after it).
    public var takesEffect: Bool { self == .succeeded || self == .manual }
}

/// Who acted: enough to find the person afterwards on a shared jump host.
public struct OperatorInfo: Hashable, Sendable {
    /// `$USER` (or `$LOGNAME`).
    public var user: String
    /// `$SUDO_USER` when running under sudo: the person behind the account.
    public var sudoUser: String
    /// The client address from `$SSH_CONNECTION`, when logged in over SSH.
    public var sshAddress: String
    /// The controlling terminal, e.g. `/dev/pts/3`.
    public var tty: String

    public init(user: String, sudoUser: String = "", sshAddress: String = "", tty: String = "") {
        self.user = user
        self.sudoUser = sudoUser
        self.sshAddress = sshAddress
        self.tty = tty
    }

    /// The person's name as shown: the sudo user when there is one ("revoked by alice").
    public var name: String { sudoUser.isEmpty ? (user.isEmpty ? "unknown" : user) : sudoUser }
}

/// One row of the ledger: a revoke, an undo or an acknowledgement, chained to the row
/// before it by SHA-256 so an edit anywhere is found by `nhitop ledger`.
public struct LedgerEntry: Hashable, Sendable {
    /// SQLite row id, assigned on append (0 before).
    public var id: Int64
    /// A UUID for this step; undo and acknowledge rows name the revoke's in `linkedActionID`.
    public var actionID: String
    /// Wall-clock time of the step (the revoke's time is compared with event time).
    public var time: EventTime
    public var action: LedgerAction
    public var operatorInfo: OperatorInfo
    public var identity: String
    /// `IdentityKind.label`.
    public var identityKind: String
    public var credential: String
    public var reason: String
    /// The hook's name, or `denylist` / `manual` for the built-ins.
    public var hook: String
    /// `Hook.definitionHash`; empty for built-ins.
    public var hookHash: String
    /// The argv as run, secrets redacted.
    public var argv: [String]
    /// Exit status when the hook exited; nil when it timed out, could not start or nothing ran.
    public var exitStatus: Int32?
    /// The start of what the hook printed (bounded).
    public var output: String
    public var outcome: LedgerOutcome
    /// For undo and acknowledge: the action id of the revoke (or alert) it refers to.
    public var linkedActionID: String
    /// Seconds of event time after `time` during which allows are not held against the revoke.
    public var graceSeconds: Int64
    /// Whether `undo` can reverse it.
    public var reversible: Bool
    /// The hash of the row before (empty for the first row), and of this row.
    public var previousHash: String
    public var hash: String

    public init(id: Int64 = 0, actionID: String, time: EventTime, action: LedgerAction, operatorInfo: OperatorInfo,
                identity: String, identityKind: String = "", credential: String = "", reason: String,
                hook: String = "", hookHash: String = "", argv: [String] = [], exitStatus: Int32? = nil,
                output: String = "", outcome: LedgerOutcome, linkedActionID: String = "", graceSeconds: Int64 = 60,
                reversible: Bool = false, previousHash: String = "", hash: String = "") {
        self.id = id
        self.actionID = actionID
        self.time = time
        self.action = action
        self.operatorInfo = operatorInfo
        self.identity = identity
        self.identityKind = identityKind
        self.credential = credential
        self.reason = reason
        self.hook = hook
        self.hookHash = hookHash
        self.argv = argv
        self.exitStatus = exitStatus
        self.output = output
        self.outcome = outcome
        self.linkedActionID = linkedActionID
        self.graceSeconds = graceSeconds
        self.reversible = reversible
        self.previousHash = previousHash
        self.hash = hash
    }
}
