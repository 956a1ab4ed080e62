/// How one input source is doing: what the header and `report` show about it.
/// Ingest produces it; the dashboard only displays it.
public struct SourceStatus: Hashable, Sendable {
    public enum State: UInt8, Sendable {
        /// Reading and following for more.
        case following
        /// Read once to its end (directories, .gz, `report`).
        case finished
        /// Named but not there yet; picked up when it appears.
        case waiting
        /// Could not be read; `message` says why.
        case failed
    }

    public var name: String
    /// The format most of its records were in; nil before the first event.
    public var format: SourceFormat?
    public var events: Int
    public var malformed: Int
    public var ignored: Int
    /// Events left out by `--since`: recognised, older than asked for.
    public var skipped: Int
    /// Events dated too far ahead to trust (`NormalizedEvent.clockSkewed`): still emitted.
    public var clockSkewed: Int
    /// Kubernetes events whose `auditID` was already seen with another user or verb: counted
    /// as events (not deduplicated), and flagged here because real request IDs never repeat.
    public var auditIDReused: Int = 0
    public var state: State
    public var message: String

    public init(name: String, format: SourceFormat? = nil, events: Int = 0, malformed: Int = 0,
                ignored: Int = 0, skipped: Int = 0, state: State = .following, message: String = "",
                clockSkewed: Int = 0) {
        self.name = name
        self.format = format
        self.events = events
        self.malformed = malformed
        self.ignored = ignored
        self.skipped = skipped
        self.clockSkewed = clockSkewed
        self.state = state
        self.message = message
    }
}

extension Sequence where Element == SourceStatus {
    /// One count summed over the sources: what the header and the report's totals say.
    public func total(_ count: KeyPath<SourceStatus, Int>) -> Int {
        reduce(0) { $0 + $1[keyPath: count] }
    }
}
