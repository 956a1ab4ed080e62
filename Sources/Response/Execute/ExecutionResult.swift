/// How one revoke, undo or acknowledgement went, for the dialog and for `nhitop revoke`.
public struct ExecutionResult: Hashable, Sendable {
    public var succeeded: Bool
    /// One line: "revoked with aws-deactivate-key", "aws-deactivate-key timed out after 5 s".
    public var title: String
    /// "exit 0 in 0.4 s", "killed after 5 s (timeout)", "exit 1 in 0.1 s".
    public var detail: String
    /// The start of what the hook printed (bounded).
    public var output: String
    /// "recorded in the ledger as row 12", or why it could not be.
    public var ledgerNote: String
    /// The row written, when one was.
    public var entry: LedgerEntry?

    public init(succeeded: Bool, title: String, detail: String = "", output: String = "", ledgerNote: String = "",
                entry: LedgerEntry? = nil) {
        self.succeeded = succeeded
        self.title = title
        self.detail = detail
        self.output = output
        self.ledgerNote = ledgerNote
        self.entry = entry
    }
}
