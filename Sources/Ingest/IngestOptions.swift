import Events
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
    /// Operator-defined formats (`FormatMapping.load(contentsOf:)`), tried in order after every
    /// built-in format; their events have format `.mapped`.
    public var mappings: [FormatMapping]
    /// `--since`: events earlier than this are recognised but left out (counted as skipped).
    public var since: EventTime?

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
