import Events

/// What a JSON value at a field path is. Containers reach a matcher as their raw JSON text.
public enum RecordValueKind: UInt8, Sendable {
    case string, number, bool, null, object, array
}

/// A dotted field path into the raw record (`requestParameters.userName`), split once at load.
/// Names starting with `@` are nhitop's normalized fields instead (`@action`, `@resource`,
/// `@identity`, `@kind`, `@decision`, `@source_ip`, `@credential`, `@actor`, `@format`),
/// for formats whose raw shape varies (OPA, agent tools, mappings).
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    /// The path's names as UTF-8 bytes; empty for a normalized field.
    public let components: [[UInt8]]
    public let normalized: NormalizedField?

    public init(_ text: String) {
        self.text = text
        if text.hasPrefix("@") {
            normalized = NormalizedField(rawValue: String(text.dropFirst()))
            components = []
        } else {
            normalized = nil
            components = text.split(separator: ".", omittingEmptySubsequences: false).map { Array($0.utf8) }
        }
    }

    public var description: String { text }
}

/// The normalized event's fields a rule may name with `@`.
public enum NormalizedField: String, Sendable, CaseIterable {
    case action, resource, identity, kind, decision, format, actor, credential
    case sourceIP = "source_ip"

    public func value(of e: NormalizedEvent) -> String {
        switch self {
        case .action: e.action
        case .resource: e.resource
        case .identity: e.identity
        case .kind: e.identityKind.label
        case .decision: e.decision.label
        case .format: e.format.label
        case .actor: e.actor
        case .credential: e.credentialID
        case .sourceIP: e.sourceIP
        }
    }
}

/// One raw record as rules see it: its JSON values by path, its whole text, and the event
/// Ingest made of it. Ingest implements it over its parse tape, so rules read the bytes
/// already parsed and never parse a record again.
public protocol RuleRecord {
    /// Calls `body` with each value at `path` until it returns true, and returns whether one did.
    /// Arrays on the way and at the end fan out to their elements. Strings arrive unescaped
    /// (UTF-8, without quotes), numbers, booleans and null as their JSON text, objects and
    /// arrays nested in an array's elements as their raw JSON text. A missing path calls nothing;
    /// an explicit JSON null calls once with `.null`.
    /// A name that is not found as written is also tried joined with the names after it
    /// (`metadata.annotations.authorization.k8s.io/decision`), so keys holding dots still match.
    func anyValue(at path: FieldPath, _ body: (RecordValueKind, UnsafeRawBufferPointer) -> Bool) -> Bool

    /// The whole record's raw JSON, for keyword rules.
    func withRawRecord<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R

    /// The normalized event Ingest made from this record.
    var event: NormalizedEvent { get }
}
