import Events

/// One row of the revocations pane: a revoke from the shared ledger (this process's or any
/// other nhitop's on the host) and what the stream shows of it now.
public struct RevocationEntry: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        /// In force, within its grace period.
        case pending(secondsLeft: Int64)
        /// A deny since proves it, or nothing was allowed since grace ended.
        case effective
        /// Allowed after revoke plus grace: the revoke did not hold (first such use, and what it did).
        case stillActive(since: EventTime, action: String)
        /// The hook failed or timed out: nothing was revoked.
        case failed(why: String)
        /// Undone since (`U`).
        case undone
    }

    public var time: EventTime
    public var identity: String
    /// Empty when the whole identity was revoked.
    public var credential: String
    /// The hook that ran (`denylist`, `manual`, a configured hook's name).
    public var hook: String
    public var by: String
    public var reason: String
    public var state: State

    public init(time: EventTime, identity: String, credential: String, hook: String, by: String, reason: String,
                state: State) {
        self.time = time
        self.identity = identity
        self.credential = credential
        self.hook = hook
        self.by = by
        self.reason = reason
        self.state = state
    }
}
