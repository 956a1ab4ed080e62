import Events
import Rules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tunables of a `SourceDecoder`.
public struct IngestOptions: Sendable {
    /// A record larger than this is counted malformed and skipped without being buffered.
    public var maxRecordBytes: Int
    /// Where OPA decision logs keep the caller's identity, tried in order; the first present wins.
    ///
    /// Each entry is a dotted key path from the decision record (`input.subject`). The value may be
    /// a string, or an object whose `name`, `id` or `sub` is used. An entry prefixed `jwt:` names a
    /// header holding a bearer JWT: the unverified payload's `sub` claim is used (the token itself
    /// is never kept).
    public var opaIdentityPaths: [String]
    /// JSON nesting deeper than this makes a record malformed.
    public var maxDepth: Int
    /// How many recent Kubernetes `auditID`s are remembered to count each request once.
    public var dedupeCapacity: Int
    /// The run's shared auditID dedupe. `InputSet` and `readAll` fill it in when nil, so every
    /// source of a run shares one (a request split across rotated files counts once); a decoder
    /// made on its own with nil gets a private one.
    public var auditIDs: AuditIDDedupe?
    /// How identities are classified from their names where a format says nothing about the kind
    /// (OPA decisions, mapped formats without `kind`): first match wins. See `KindRule.defaults`;
    /// a mapping file's `kinds:` replaces them.
    public var kindRules: [KindRule] = KindRule.defaults
    /// Operator-defined formats (`FormatMapping.load(contentsOf:)`), tried in order after every
    /// built-in format; their events have format `.mapped`.
    public var mappings: [FormatMapping]
    /// `--since`: events earlier than this are recognised but left out (counted as skipped).
    public var since: EventTime?
    /// An event dated more than this many seconds ahead of the reference (the wall clock when
    /// following live, else the source's latest accepted time) is flagged `clockSkewed`: emitted
    /// and counted, but it does not move the event clock. A day: log shippers batch and clocks
    /// drift by minutes, never by a day.
    public var clockSkewToleranceSeconds: Int64 = 86_400
    /// A stream may really jump ahead (a log that resumes after days of silence): this many
    /// records in a row, each beyond the tolerance of the source's latest accepted time and
    /// within the tolerance of the first of them, confirm the jump; the last of them is accepted
    /// and the source's time moves on. The ones before it stay flagged. 1 turns the stream check off.
    public var clockSkewConfirmRecords = 3
    /// The wall clock, so records dated ahead of now by more than the tolerance are flagged
    /// even as a source's first record or in a run that would confirm a stream's jump: no log,
    /// replayed or live, holds events from the future. The dashboard and `report` set it; nil
    /// (the default, for tests and the fuzzers) leaves only the stream check.
    public var wallClock: (@Sendable () -> EventTime)?

    /// Threads that decode read-once sources (`readAll`, directories, `.gz`: see
    /// `ParallelReadOnce`): 0 = one per active core, 1 = sequentially on the caller's thread.
    /// Counts, dedupe, scores and the order of events are the same whatever the number.
    public var decodeThreads = 0
    /// The size of the blocks a parallel read cuts its inputs into (tests make it tiny, so
    /// block boundaries fall inside records).
    public var decodeBlockBytes = 4 << 20

    /// Detection rules (built-in catalogue, Sigma) run on each event's raw record; their
    /// matches ride on `NormalizedEvent.ruleHits`. nil: no rules (tests, fuzzers, `export`).
    public var rules: RuleSet?

    /// The system's real-time clock, for `wallClock` when following live.
    public static let systemClock: @Sendable () -> EventTime = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return EventTime(microseconds: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000)
    }

    public static let defaultOPAIdentityPaths = [
        "input.subject",
        "input.principal",
        "input.identity",
        "input.user",
        "input.attributes.source.principal",
        "jwt:input.attributes.request.http.headers.authorization",
    ]

    public init(maxRecordBytes: Int = 1 << 20,
                opaIdentityPaths: [String] = IngestOptions.defaultOPAIdentityPaths,
                maxDepth: Int = 256,
                dedupeCapacity: Int = 65_536,
                mappings: [FormatMapping] = []) {
        self.maxRecordBytes = maxRecordBytes
        self.opaIdentityPaths = opaIdentityPaths
        self.maxDepth = maxDepth
        self.dedupeCapacity = dedupeCapacity
        self.mappings = mappings
    }
}
