/// What `U` would run to reverse a revoke, or why it cannot.
public struct UndoPlan: Hashable, Sendable {
    /// The ledger row of the revoke being undone.
    public var revoke: LedgerEntry
    /// The hook as configured now (nil for the built-ins or a hook no longer in the config).
    public var hook: Hook?
    /// The undo argv, secrets redacted, `$REASON` shown as `<reason>`.
    public var shownArgv: [String]
    /// Why it cannot be undone; nil when it can.
    public var problem: String?

    public init(revoke: LedgerEntry, hook: Hook?, shownArgv: [String], problem: String?) {
        self.revoke = revoke
        self.hook = hook
        self.shownArgv = shownArgv
        self.problem = problem
    }
}
