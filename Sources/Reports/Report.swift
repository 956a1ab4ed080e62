/// # Reports
/// Headless output for scripts and tests: `nhitop report` (who did what, how risky, why)
/// and `nhitop export` (one identity's events, the evidence). Pure functions from
/// activity and source statuses to bytes, so the same input gives byte-identical output.
import Activity
import Events

/// Everything `nhitop report` says, in the order it says it.
public struct Report: Sendable {
    public struct Identity: Sendable {
        public var row: IdentityRow
        public var credentials: [String]
        public var sourceIPs: [String]
        public var topActions: [ActionCount]
        /// With a ledger (`report --ledger`): this identity's revokes, oldest first; nil without one.
        public var revocations: [RevocationReport]?
    }

    public var events: Int
    public var malformed: Int
    public var ignored: Int
    /// Events left out by `--since`.
    public var skipped: Int
    /// Events dated too far ahead to move the clock, and Kubernetes auditIDs seen again with
    /// another user or verb (both counted as events).
    public var clockSkewed: Int
    public var auditIDReused: Int
    public var sources: [SourceStatus]
    /// Riskiest first, then by events, then by name.
    public var identities: [Identity]
    /// The first and last event time seen, when any.
    public var span: (first: EventTime, last: EventTime)?

    /// Builds the report from what the aggregator folded and how each source went.
    /// `top` limits the identities listed (nil: all).
    public init(activity: ActivityAggregator, sources: [SourceStatus], top: Int? = nil,
                revocations: [String: [RevocationReport]]? = nil) {
        self.sources = sources
        events = sources.total(\.events)
        malformed = sources.total(\.malformed)
        ignored = sources.total(\.ignored)
        skipped = sources.total(\.skipped)
        clockSkewed = sources.total(\.clockSkewed)
        auditIDReused = sources.total(\.auditIDReused)
        var rows = activity.rows()
        if let first = rows.map(\.firstSeen).min(), let last = rows.map(\.lastSeen).max() {
            span = (first, last)
        }
        if let top { rows = Array(rows.prefix(max(0, top))) }
        identities = rows.map { row in
            let detail = activity.detail(for: row.identity)
            return Identity(row: row, credentials: detail?.credentials ?? [], sourceIPs: detail?.sourceIPs ?? [],
                            topActions: detail?.topActions ?? [],
                            revocations: revocations.map { $0[row.identity] ?? [] })
        }
    }
}
